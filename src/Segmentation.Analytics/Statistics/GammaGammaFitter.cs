using MathNet.Numerics;
using System.Runtime.CompilerServices;

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
/// independent of frequency: check the correlation first. A fit at the edge of the parameter space or with a singular
/// information matrix is returned with <see cref="GammaGammaModel.Diagnostics"/> and NaN standard errors, not thrown.
/// </remarks>
public sealed class GammaGammaFitter : IEstimator<CustomerSummary, GammaGammaModel>
{
    /// <summary>Creates a fitter; <paramref name="options"/> defaults to <see cref="GammaGammaOptions"/>().</summary>
    public GammaGammaFitter(GammaGammaOptions? options = null)
    {
        Options = options ?? new GammaGammaOptions();
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public GammaGammaOptions Options { get; }

    /// <summary>Fits on the repeat customers (x &gt; 0) of a summary (not modified).</summary>
    /// <exception cref="ArgumentException">No repeat customer, or a repeat customer's mean value is not positive and finite; the parameter named is <paramref name="summary"/>.</exception>
    public GammaGammaModel Fit(CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.MonetaryValue.Length != summary.Count || summary.Frequency.Length != summary.Count)
            throw new ArgumentException($"summary has {summary.Count} customers but {summary.Frequency.Length} frequencies and {summary.MonetaryValue.Length} monetary values.", nameof(summary));
        var x = new List<int>();
        var m = new List<double>();
        for (int i = 0; i < summary.Count; i++)
            if (summary.Frequency[i] > 0) { x.Add(summary.Frequency[i]); m.Add(summary.MonetaryValue[i]); }
        return CompositeInput.Fit(nameof(summary), ["frequency", "monetaryValue"], () => Fit(x.ToArray(), m.ToArray()));
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
        var likelihood = new Likelihood(x, m);
        QuasiNewtonMinimizer.Objective objective = (lp, grad) =>
        {
            double p = Math.Exp(lp[0]), q = Math.Exp(lp[1]), g = Math.Exp(lp[2]);
            Span<double> d = stackalloc double[3];
            double ll = likelihood.Evaluate(p, q, g, d);
            if (!double.IsFinite(ll)) return double.PositiveInfinity;
            grad[0] = -d[0] * p / n; grad[1] = -d[1] * q / n; grad[2] = -d[2] * g / n;
            return -ll / n;
        };
        // The likelihood keeps no state between evaluations: the starts share it.
        var (best, iterations) = QuasiNewtonMinimizer.MinimizeFromStarts(_ => objective, 3, Options.Starts, Options.Seed, Options.MaxIterations, Options.Tolerance);
        var theta = best.Point.Select(Math.Exp).ToArray();
        double logLikelihood = likelihood.Evaluate(theta[0], theta[1], theta[2], default);
        var (se, positiveDefinite, condition) = LikelihoodHessian.Assess((t, g) => likelihood.Evaluate(t[0], t[1], t[2], g), theta);
        // γ is in money units: judged for bounds relative to the mean spend, so a currency with large numbers is not "∞".
        double meanSpend = m.Average();
        var diagnostics = FitDiagnostics.Create(["p", "q", "gamma"], [theta[0], theta[1], theta[2] / meanSpend], theta, positiveDefinite, condition,
            bounds => bounds.Count > 0
                ? "the spend distribution is not identified — expected spend per customer falls back towards the customer's own mean"
                : "the likelihood is flat in some direction (singular or ill-conditioned information matrix): standard errors are undefined");
        if (!diagnostics.Identified) Array.Fill(se, double.NaN);
        return new GammaGammaModel(theta[0], theta[1], theta[2], se, logLikelihood, n, iterations, best.Converged) { Diagnostics = diagnostics };
    }

    /// <summary>Total log-likelihood; fills ∂/∂(p, q, γ) when the span is not empty.</summary>
    internal static double LogLikelihood(int[] x, double[] m, double p, double q, double gamma, Span<double> gradient) =>
        new Likelihood(x, m).Evaluate(p, q, gamma, gradient);

    /// <summary>
    /// The log-likelihood over fixed data: lnΓ(px + q), lnΓ(px), their digammas and ln x depend on x alone, so they are computed
    /// once per distinct x (a few dozen values) and ln z̄ once per customer; a row then costs one log. Each row's term is the same
    /// expression as written per customer, so the values are bit-identical to a plain loop; rows are summed in fixed chunks
    /// (not per thread) and the chunk sums added in order, so the result does not depend on the degree of parallelism (and up
    /// to <see cref="ChunkSize"/> rows it is the plain sequential sum).
    /// </summary>
    private sealed class Likelihood
    {
        private const int ChunkSize = 65_536;
        private readonly int[] _x;
        private readonly double[] _m;
        private readonly double[] _lnM;
        private readonly int[] _xIndex;
        private readonly int[] _xValues;
        private readonly double[] _lnX;

        public Likelihood(int[] x, double[] m)
        {
            _x = x; _m = m;
            _lnM = new double[x.Length];
            _xIndex = new int[x.Length];
            var map = new Dictionary<int, int>();
            var values = new List<int>();
            for (int i = 0; i < x.Length; i++)
            {
                _lnM[i] = Math.Log(m[i]);
                if (!map.TryGetValue(x[i], out int k)) { k = values.Count; map.Add(x[i], k); values.Add(x[i]); }
                _xIndex[i] = k;
            }
            _xValues = values.ToArray();
            _lnX = _xValues.Select(v => Math.Log(v)).ToArray();
        }

        public double Evaluate(double p, double q, double gamma, Span<double> gradient)
        {
            bool wantGradient = !gradient.IsEmpty;
            if (!(p > 0 && q > 0 && gamma > 0) || !double.IsFinite(p + q + gamma))
            {
                if (wantGradient) gradient.Clear();
                return double.NegativeInfinity;
            }
            double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), lnG = Math.Log(gamma);
            int nx = _xValues.Length;
            var lgPxQ = new double[nx]; var lgPx = new double[nx]; var psiPxQ = new double[nx]; var psiPx = new double[nx];
            for (int k = 0; k < nx; k++)
            {
                double px = p * _xValues[k];
                lgPxQ[k] = SpecialFunctions.GammaLn(px + q);
                lgPx[k] = SpecialFunctions.GammaLn(px);
                if (wantGradient)
                {
                    psiPxQ[k] = SpecialFunctions.DiGamma(px + q);
                    psiPx[k] = SpecialFunctions.DiGamma(px);
                }
            }
            int n = _x.Length, chunks = (n + ChunkSize - 1) / ChunkSize;
            var partial = new double[chunks * 4];
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void Chunk(int c)
            {
                int start = c * ChunkSize, end = Math.Min(n, start + ChunkSize);
                double ll = 0, dp = 0, dq = 0, dg = 0;
                for (int i = start; i < end; i++)
                {
                    int k = _xIndex[i];
                    double px = p * _x[i];
                    double lnM = _lnM[i], lnX = _lnX[k], lnXmG = Math.Log(_x[i] * _m[i] + gamma);
                    ll += lgPxQ[k] - lgPx[k] - lgQ + q * lnG
                        + (px - 1) * lnM + px * lnX - (px + q) * lnXmG;
                    if (wantGradient)
                    {
                        dp += _x[i] * (psiPxQ[k] - psiPx[k] + lnM + lnX - lnXmG);
                        dq += psiPxQ[k] - psiQ + lnG - lnXmG;
                        dg += q / gamma - (px + q) / (_x[i] * _m[i] + gamma);
                    }
                }
                partial[c * 4] = ll; partial[c * 4 + 1] = dp; partial[c * 4 + 2] = dq; partial[c * 4 + 3] = dg;
            }
            if (chunks == 1) Chunk(0);
            else Parallel.For(0, chunks, Chunk);
            double total = 0, gp = 0, gq = 0, gg = 0;
            for (int c = 0; c < chunks; c++)
            {
                total += partial[c * 4]; gp += partial[c * 4 + 1]; gq += partial[c * 4 + 2]; gg += partial[c * 4 + 3];
            }
            if (wantGradient) { gradient[0] = gp; gradient[1] = gq; gradient[2] = gg; }
            return total;
        }
    }
}
