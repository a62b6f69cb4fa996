namespace Segmentation.Analytics.Segmenting;

/// <summary>Options of <see cref="ValueTiering"/>.</summary>
/// <param name="Method">How boundaries are drawn (default ABC).</param>
/// <param name="TopShare">ABC: cumulative share of total value covered by A (default 0.80).</param>
/// <param name="MiddleShare">ABC: the further share covered by B (default 0.15; C is the rest).</param>
/// <param name="TopThreshold">Thresholds: value at or above which a customer is in the top tier.</param>
/// <param name="MiddleThreshold">Thresholds: value at or above which a customer is at least in the middle tier (≤ TopThreshold).</param>
/// <param name="TopQuantile">Quantiles: quantile (0–1) of the values at or above which a customer is in the top tier (default 0.80 = the top 20 %).</param>
/// <param name="MiddleQuantile">Quantiles: quantile for the middle tier (default 0.50).</param>
/// <param name="Labels">Label scheme; null = <see cref="ValueTierLabelScheme.Abc"/> for ABC, <see cref="ValueTierLabelScheme.HighMidLow"/> otherwise.</param>
public sealed record ValueTierOptions(
    ValueTierMethod Method = ValueTierMethod.Abc,
    double TopShare = 0.80,
    double MiddleShare = 0.15,
    double? TopThreshold = null,
    double? MiddleThreshold = null,
    double TopQuantile = 0.80,
    double MiddleQuantile = 0.50,
    ValueTierLabelScheme? Labels = null)
{
    /// <summary>Checks the options of the chosen method.</summary>
    /// <exception cref="ArgumentException">A parameter is out of range or missing; the exception names it.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Method)) throw new ArgumentOutOfRangeException(nameof(Method), Method, "Method must be Abc, Thresholds or Quantiles.");
        if (Labels is { } l && !Enum.IsDefined(l)) throw new ArgumentOutOfRangeException(nameof(Labels), l, "Labels must be Abc, HighMidLow or VipRegularPotential.");
        switch (Method)
        {
            case ValueTierMethod.Abc:
                if (!(TopShare > 0 && TopShare <= 1)) throw new ArgumentOutOfRangeException(nameof(TopShare), TopShare, "TopShare must be in (0, 1].");
                if (!(MiddleShare >= 0 && TopShare + MiddleShare <= 1 + 1e-12))
                    throw new ArgumentOutOfRangeException(nameof(MiddleShare), MiddleShare, $"MiddleShare must be ≥ 0 with TopShare + MiddleShare ≤ 1 (TopShare = {TopShare}).");
                break;
            case ValueTierMethod.Thresholds:
                if (TopThreshold is not { } top || !double.IsFinite(top)) throw new ArgumentException("TopThreshold (a finite number) is required by the Thresholds method.", nameof(TopThreshold));
                if (MiddleThreshold is not { } mid || !double.IsFinite(mid)) throw new ArgumentException("MiddleThreshold (a finite number) is required by the Thresholds method.", nameof(MiddleThreshold));
                if (mid > top) throw new ArgumentOutOfRangeException(nameof(MiddleThreshold), mid, $"MiddleThreshold must not exceed TopThreshold ({top}).");
                break;
            case ValueTierMethod.Quantiles:
                if (!(TopQuantile > 0 && TopQuantile < 1)) throw new ArgumentOutOfRangeException(nameof(TopQuantile), TopQuantile, "TopQuantile must be in (0, 1).");
                if (!(MiddleQuantile > 0 && MiddleQuantile <= TopQuantile))
                    throw new ArgumentOutOfRangeException(nameof(MiddleQuantile), MiddleQuantile, $"MiddleQuantile must be in (0, TopQuantile = {TopQuantile}].");
                break;
        }
    }

    /// <summary>The label scheme in effect.</summary>
    public ValueTierLabelScheme EffectiveLabels => Labels ?? (Method == ValueTierMethod.Abc ? ValueTierLabelScheme.Abc : ValueTierLabelScheme.HighMidLow);
}
