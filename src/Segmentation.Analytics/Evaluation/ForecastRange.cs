namespace Segmentation.Analytics.Evaluation;

/// <summary>A forecast number with its central predictive interval.</summary>
/// <param name="Expected">The model's expectation (closed form at the fitted parameters).</param>
/// <param name="Lower">Lower end of the predictive interval (simulated quantile, parameter uncertainty included).</param>
/// <param name="Upper">Upper end of the predictive interval.</param>
public sealed record ForecastRange(double Expected, double Lower, double Upper)
{
    /// <summary>Whether <paramref name="actual"/> lies in [Lower, Upper].</summary>
    public bool Contains(double actual) => actual >= Lower && actual <= Upper;
}
