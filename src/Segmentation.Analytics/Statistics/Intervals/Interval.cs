using System.Globalization;

namespace Segmentation.Analytics.Statistics.Intervals;

/// <summary>A point estimate with a two-sided confidence interval [<paramref name="Lower"/>, <paramref name="Upper"/>].</summary>
/// <param name="Estimate">The point estimate (the number the report prints), in the unit of the measure.</param>
/// <param name="Lower">Lower bound, same unit.</param>
/// <param name="Upper">Upper bound, same unit.</param>
/// <param name="Confidence">Confidence level in (0, 1), e.g. 0.95.</param>
/// <param name="Method">How the bounds were computed.</param>
public sealed record Interval(double Estimate, double Lower, double Upper, double Confidence, IntervalMethod Method)
{
    /// <summary>The default level of every interval the report prints.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>True when the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => Lower <= value && value <= Upper;

    /// <summary>Upper − lower.</summary>
    public double Width => Upper - Lower;

    /// <summary>The interval with every number multiplied by <paramref name="factor"/> (≥ 0), e.g. a share times the number of customers.</summary>
    public Interval Scale(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(factor);
        return this with { Estimate = Estimate * factor, Lower = Lower * factor, Upper = Upper * factor };
    }

    /// <summary>Culture-invariant form: estimate [lower, upper] (95 % method).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Estimate:G6} [{Lower:G6}, {Upper:G6}] ({Confidence:P0} {Method})");

    internal static void ValidateConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
    }
}
