using System.Globalization;

namespace Segmentation.Analytics.Validation;

/// <summary>A mean silhouette estimated from a random sample of rows, with a normal-approximation confidence interval.</summary>
/// <param name="Mean">Mean of the sampled rows' exact silhouettes s(i) (each computed against all rows).</param>
/// <param name="StandardError">sd(s) / √m · √((N − m)/(N − 1)) (finite-population correction; 0 when every row is sampled).</param>
/// <param name="Lower">Lower end of the interval (clipped to −1).</param>
/// <param name="Upper">Upper end of the interval (clipped to 1).</param>
/// <param name="ConfidenceLevel">The interval's nominal coverage, e.g. 0.95.</param>
/// <param name="SampleSize">Rows sampled, m.</param>
/// <param name="Rows">Rows in the data, N.</param>
public sealed record SilhouetteEstimate(double Mean, double StandardError, double Lower, double Upper, double ConfidenceLevel, int SampleSize, int Rows)
{
    /// <summary>Culture-invariant one-line summary.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"silhouette ≈ {Mean:F4} ± {StandardError:F4} ({ConfidenceLevel:P0} CI [{Lower:F4}, {Upper:F4}], {SampleSize} of {Rows} rows)");
}
