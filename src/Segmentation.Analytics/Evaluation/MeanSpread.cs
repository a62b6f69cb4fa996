using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>The spread of a per-customer amount (spend in the campaign window) in the two groups, and which t-test will be run.</summary>
/// <param name="ControlStandardDeviation">σ_control (currency), &gt; 0: in planning, the standard deviation of the target segment's
/// spend in a window as long as the campaign's.</param>
/// <param name="TreatmentStandardDeviation">σ_treatment; null = the same as the control's (the usual planning assumption).</param>
/// <param name="EqualVariances">false (default): Welch's t-test, as the campaign evaluation runs it (degrees of freedom by
/// Welch–Satterthwaite from the planned σ and sizes); true: Student's pooled two-sample t-test, ν = n_T + n_C − 2
/// (statsmodels' TTestIndPower; needs equal σ).</param>
public sealed record MeanSpread(double ControlStandardDeviation, double? TreatmentStandardDeviation = null, bool EqualVariances = false)
{
    /// <summary>σ_treatment in use.</summary>
    public double TreatmentSd => TreatmentStandardDeviation ?? ControlStandardDeviation;

    /// <summary>Checks the values; throws naming the bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A standard deviation is not finite and &gt; 0, or pooled variances differ.</exception>
    public MeanSpread Validate()
    {
        if (!(ControlStandardDeviation > 0) || !double.IsFinite(ControlStandardDeviation))
            throw new ArgumentOutOfRangeException(nameof(ControlStandardDeviation), ControlStandardDeviation, "the standard deviation must be finite and > 0.");
        if (TreatmentStandardDeviation is { } t && (!(t > 0) || !double.IsFinite(t)))
            throw new ArgumentOutOfRangeException(nameof(TreatmentStandardDeviation), t, "the standard deviation must be finite and > 0.");
        if (EqualVariances && TreatmentSd != ControlStandardDeviation)
            throw new ArgumentOutOfRangeException(nameof(TreatmentStandardDeviation), TreatmentSd,
                string.Create(CultureInfo.InvariantCulture, $"the pooled t-test assumes equal standard deviations; control has {ControlStandardDeviation}."));
        return this;
    }
}
