using MathNet.Numerics;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Fits the Gamma-Gamma model of average transaction value (Fader, Hardie &amp; Lee 2005, "RFM and CLV:
/// using iso-value curves for customer base analysis", J. Marketing Research 42(4); Fader &amp; Hardie
/// (2013), "The Gamma-Gamma model of monetary value") by maximum likelihood on customers with x &gt; 0.
/// </summary>
/// <remarks>
/// Transaction values z ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers. The mean z̄ of x transactions
/// has log-likelihood
/// ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(x z̄ + γ),
/// maximised over (ln p, ln q, ln γ) by BFGS with the analytic gradient. The model assumes spend is
/// independent of frequency: check the correlation first.
/// </remarks>
public sealed class GammaGammaFitter
{
    /// <summary>Creates a fitter; <paramref name="options"/> defaults to <see cref="GammaGammaOptions"/>().</summary>
    public GammaGammaFitter(GammaGammaOptions? options = null)
    {
        Options = options ?? new GammaGammaOptions();
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public GammaGammaOptions Options { get; }

    /// <summary>Fits on the repeat customers (x &gt; 0) of a summary.</summary>
    public GammaGammaModel Fit(CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var x = new List<int>();
        var m = new List<double>();
        for (int i = 0; i < summary.Count; i++)
            if (summary.Frequency[i] > 0) { x.Add(summary.Frequency[i]); m.Add(summary.MonetaryValue[i]); }
        return Fit(x.ToArray(), m.ToArray());
    }

    /// <summary>Fits on customers with x ≥ 1 repeat transactions of mean value z̄ &gt; 0 (arrays not modified).</summary>
    /// <exception cref="ArgumentException">Lengths differ, a frequency is &lt; 1 or a mean value ≤ 0 (the message names the row).</exception>
    public GammaGammaModel Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<double> monetaryValue)
    {
        if (frequency.Length == 0) throw new ArgumentException("At least one customer is required.", nameof(frequency));
        if (monetaryValue.Length != frequency.Length)
            throw new ArgumentException($"monetaryValue has {monetaryValue.Length} values; frequency has {frequency.Length}.", nameof(monetaryValue));
        for (int i = 0; i < frequency.Length; i++)
        {
            if (frequency[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(frequency), frequency[i], $"Row {i}: the Gamma-Gamma model needs x ≥ 1 (select repeat customers).");
            if (!(monetaryValue[i] > 0) || !double.IsFinite(monetaryValue[i]))
                throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue[i], $"Row {i}: mean transaction value must be positive and finite.");
        }
        var x = frequency.ToArray();
        var m = monetaryValue.ToArray();
        int n = x.Length;
        QuasiNewtonMinimizer.Objective objective = (lp, grad) =>
        {
            double p = Math.Exp(lp[0]), q = Math.Exp(lp[1]), g = Math.Exp(lp[2]);
            Span<double> d = stackalloc double[3];
            double ll = LogLikelihood(x, m, p, q, g, d);
            if (!double.IsFinite(ll)) return double.PositiveInfinity;
            grad[0] = -d[0] * p / n; grad[1] = -d[1] * q / n; grad[2] = -d[2] * g / n;
            return -ll / n;
        };
        var random = new Random(Options.Seed);
        MinimizationResult? best = null;
        int iterations = 0;
        for (int s = 0; s < Options.Starts; s++)
        {
            var start = new double[3];
            if (s > 0) for (int j = 0; j < 3; j++) start[j] = random.NextDouble() * 4 - 2;
            var result = QuasiNewtonMinimizer.Minimize(objective, start, Options.MaxIterations, Options.Tolerance);
            iterations += result.Iterations;
            if (best is null || result.Value < best.Value - 1e-12) best = result;
        }
        var theta = best!.Point.Select(Math.Exp).ToArray();
        double logLikelihood = LogLikelihood(x, m, theta[0], theta[1], theta[2], default);
        var se = LikelihoodHessian.StandardErrors((t, g) => LogLikelihood(x, m, t[0], t[1], t[2], g), theta);
        return new GammaGammaModel(theta[0], theta[1], theta[2], se, logLikelihood, n, iterations, best.Converged);
    }

    /// <summary>Total log-likelihood; fills ∂/∂(p, q, γ) when the span is not empty.</summary>
    internal static double LogLikelihood(int[] x, double[] m, double p, double q, double gamma, Span<double> gradient)
    {
        if (!(p > 0 && q > 0 && gamma > 0) || !double.IsFinite(p + q + gamma))
        {
            if (!gradient.IsEmpty) gradient.Clear();
            return double.NegativeInfinity;
        }
        double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), lnG = Math.Log(gamma);
        double ll = 0, dp = 0, dq = 0, dg = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double px = p * x[i];
            double lnM = Math.Log(m[i]), lnX = Math.Log(x[i]), lnXmG = Math.Log(x[i] * m[i] + gamma);
            ll += SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + q * lnG
                + (px - 1) * lnM + px * lnX - (px + q) * lnXmG;
            if (!gradient.IsEmpty)
            {
                double psiPxQ = SpecialFunctions.DiGamma(px + q);
                dp += x[i] * (psiPxQ - SpecialFunctions.DiGamma(px) + lnM + lnX - lnXmG);
                dq += psiPxQ - psiQ + lnG - lnXmG;
                dg += q / gamma - (px + q) / (x[i] * m[i] + gamma);
            }
        }
        if (!gradient.IsEmpty) { gradient[0] = dp; gradient[1] = dq; gradient[2] = dg; }
        return ll;
    }
}
