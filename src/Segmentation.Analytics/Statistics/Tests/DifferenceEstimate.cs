using System.Globalization;

namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>
/// An estimated difference A − B between two groups (treatment − control, after − before) with its uncertainty:
/// standard error, a two-sided confidence interval and the two-sided p-value of H₀: difference = 0.
/// </summary>
/// <param name="Estimate">Point estimate of A − B, in the unit of the measure (a proportion in [−1, 1] for rates).</param>
/// <param name="StandardError">Standard error of the estimate (same unit); NaN when not defined.</param>
/// <param name="Lower">Lower bound of the confidence interval.</param>
/// <param name="Upper">Upper bound of the confidence interval.</param>
/// <param name="PValue">Two-sided p-value in [0, 1]; NaN when no test was possible.</param>
/// <param name="Confidence">Confidence level of the interval, e.g. 0.95.</param>
/// <param name="Test">The test used.</param>
/// <param name="ReferenceValue">The value of B (control / before), for the relative change; NaN if not meaningful.</param>
public sealed record DifferenceEstimate(
    double Estimate,
    double StandardError,
    double Lower,
    double Upper,
    double PValue,
    double Confidence,
    SignificanceTest Test,
    double ReferenceValue)
{
    /// <summary>The conventional significance level (p &lt; 0.05) used by <see cref="IsSignificant"/>.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>True when p &lt; <see cref="DefaultAlpha"/>.</summary>
    public bool IsSignificant => PValue < DefaultAlpha;

    /// <summary>Relative change (A − B) / |B|; null when B is 0 or undefined.</summary>
    public double? RelativeChange => double.IsFinite(ReferenceValue) && ReferenceValue != 0 ? Estimate / Math.Abs(ReferenceValue) : null;

    /// <summary>True when the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => Lower <= value && value <= Upper;

    /// <summary>An estimate without a test (a group was empty).</summary>
    public static DifferenceEstimate Untested(double estimate, double referenceValue, double confidence = 0.95) =>
        new(estimate, double.NaN, double.NaN, double.NaN, double.NaN, confidence, SignificanceTest.None, referenceValue);

    /// <summary>Culture-invariant one-line form: estimate [lower, upper] p.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Estimate:G6} [{Lower:G6}, {Upper:G6}] ({Confidence:P0} CI), p = {PValue:G3}, {Test}{(IsSignificant ? " *" : "")}");

    internal static void ValidateConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
    }
}
