namespace Segmentation.Analytics.Features;

/// <summary>Options of <see cref="StandardScaler"/> (scikit-learn's <c>StandardScaler(with_mean, with_std)</c>).</summary>
/// <param name="WithMean">Subtract the column mean (default true).</param>
/// <param name="WithStd">Divide by the column's population standard deviation (default true).</param>
public sealed record StandardScalerOptions(bool WithMean = true, bool WithStd = true);
