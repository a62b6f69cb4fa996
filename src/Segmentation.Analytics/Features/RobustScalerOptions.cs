namespace Segmentation.Analytics.Features;

/// <summary>Options of <see cref="RobustScaler"/> (scikit-learn's <c>RobustScaler</c> with its defaults).</summary>
/// <param name="WithCentering">Subtract the column median (default true).</param>
/// <param name="WithScaling">Divide by the interquantile range (default true).</param>
/// <param name="LowerQuantile">Lower percentile of the range, in percent (default 25).</param>
/// <param name="UpperQuantile">Upper percentile of the range, in percent (default 75).</param>
public sealed record RobustScalerOptions(bool WithCentering = true, bool WithScaling = true, double LowerQuantile = 25, double UpperQuantile = 75)
{
    /// <summary>Checks 0 ≤ <see cref="LowerQuantile"/> &lt; <see cref="UpperQuantile"/> ≤ 100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A quantile is outside [0, 100] or they are not increasing.</exception>
    public void Validate()
    {
        if (!(LowerQuantile >= 0 && LowerQuantile <= 100))
            throw new ArgumentOutOfRangeException(nameof(LowerQuantile), LowerQuantile, "LowerQuantile must be in [0, 100] (percent).");
        if (!(UpperQuantile >= 0 && UpperQuantile <= 100))
            throw new ArgumentOutOfRangeException(nameof(UpperQuantile), UpperQuantile, "UpperQuantile must be in [0, 100] (percent).");
        if (LowerQuantile >= UpperQuantile)
            throw new ArgumentOutOfRangeException(nameof(LowerQuantile), LowerQuantile, $"LowerQuantile must be below UpperQuantile ({UpperQuantile}).");
    }
}
