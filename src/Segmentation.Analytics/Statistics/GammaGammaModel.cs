using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// A fitted Gamma-Gamma spend model: transaction values ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers
/// (CDNOW sample: p = 6.25, q = 3.74, γ = 15.44; Fader &amp; Hardie 2013).
/// </summary>
/// <param name="P">Shape p of a customer's transaction values.</param>
/// <param name="Q">Shape q of the Gamma mixing distribution of ν.</param>
/// <param name="Gamma">Scale γ of the mixing distribution (in money units).</param>
/// <param name="StandardErrors">Standard errors of (p, q, γ); NaN when the fit is not identified (<see cref="Diagnostics"/>).</param>
/// <param name="LogLikelihood">Maximised log-likelihood.</param>
/// <param name="Customers">Repeat customers fitted.</param>
/// <param name="Iterations">BFGS iterations over all starts.</param>
/// <param name="Converged">Whether the best start met the gradient tolerance.</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma, EquatableArray<double> StandardErrors, double LogLikelihood,
                                     int Customers, int Iterations, bool Converged) : FittedModel<GammaGammaModel>
{
    /// <summary>
    /// Whether the fit identified its parameters (no estimate at 0 or ∞, information matrix positive definite and well
    /// conditioned); null for a model built by hand or loaded from a file written before diagnostics existed.
    /// </summary>
    public FitDiagnostics? Diagnostics { get; init; }

    /// <summary>The three parameters with standard errors and Wald 95 % intervals.</summary>
    [JsonIgnore]
    public IReadOnlyList<ParameterEstimate> Parameters =>
        [new("p", P, StandardErrors[0]), new("q", Q, StandardErrors[1]), new("gamma", Gamma, StandardErrors[2])];

    /// <summary>Population mean transaction value E[Z] = pγ/(q − 1) (infinite when q ≤ 1).</summary>
    [JsonIgnore]
    public double PopulationMeanSpend => Q > 1 ? P * Gamma / (Q - 1) : double.PositiveInfinity;

    /// <summary>
    /// E[Z | x, z̄] = (1 − w) pγ/(q − 1) + w z̄ with w = px/(px + q − 1) (Fader, Hardie &amp; Lee 2005, eq. 5;
    /// lifetimes' <c>conditional_expected_average_profit</c>). Customers with x = 0 get the population mean.
    /// </summary>
    public double ConditionalExpectedAverageSpend(int frequency, double monetaryValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (!double.IsFinite(monetaryValue)) throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue, "must be finite.");
        if (!(Q > 1)) throw new InvalidOperationException($"q = {Q} ≤ 1: the mean transaction value does not exist.");
        double w = P * frequency / (P * frequency + Q - 1);
        return (1 - w) * PopulationMeanSpend + w * monetaryValue;
    }

    /// <summary>E[Z | x, z̄] for every customer of <paramref name="summary"/>.</summary>
    public double[] ConditionalExpectedAverageSpend(CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return ConditionalExpectedAverageSpend(summary.Frequency, summary.MonetaryValue);
    }

    /// <summary>E[Z | x, z̄] for every customer (arrays not modified).</summary>
    public double[] ConditionalExpectedAverageSpend(ReadOnlySpan<int> frequency, ReadOnlySpan<double> monetaryValue)
    {
        if (monetaryValue.Length != frequency.Length)
            throw new ArgumentException($"monetaryValue has {monetaryValue.Length} values; frequency has {frequency.Length}.", nameof(monetaryValue));
        var result = new double[frequency.Length];
        for (int i = 0; i < result.Length; i++) result[i] = ConditionalExpectedAverageSpend(frequency[i], monetaryValue[i]);
        return result;
    }

    /// <summary>Culture-invariant summary.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"Gamma-Gamma spend model (Fader, Hardie & Lee 2005): {Customers} repeat customers, log-likelihood {LogLikelihood:F4}, {(Converged ? "converged" : "NOT converged")} after {Iterations} iterations\n");
        sb.Append("  parameter        value     std.err    lower 95%    upper 95%\n");
        foreach (var p in Parameters)
            sb.Append(CultureInfo.InvariantCulture, $"  {p.Name,-9} {p.Value,12:F6} {p.StandardError,11:F6} {p.Lower95,12:F6} {p.Upper95,12:F6}\n");
        if (Diagnostics is { } d) sb.Append("  diagnostics: ").Append(d).Append('\n');
        return sb.ToString();
    }
}
