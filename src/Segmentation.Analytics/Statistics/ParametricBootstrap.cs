using MathNet.Numerics.LinearAlgebra;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Draws of fitted BG/NBD and Gamma-Gamma parameters from their asymptotic sampling distribution: ln θ ~ N(ln θ̂, I⁻¹), I the
/// observed information in log-parameters (the inverse Hessian of the log-likelihood at the estimate, on the log scale so every
/// draw is positive and the skew of small shape parameters is kept). The propagation of parameter uncertainty into expected
/// purchases, CLV and the predictive distribution of <see cref="HoldoutPredictiveSimulation"/>.
/// </summary>
/// <remarks>
/// Seeded through <see cref="StreamRandom"/> (stream = draw index): the same draws for any thread count. A fit that is not
/// identified (<see cref="FitDiagnostics.Identified"/> false) has no sampling distribution; asking for draws is an error.
/// </remarks>
public static class ParametricBootstrap
{
    /// <summary>
    /// <paramref name="draws"/> BG/NBD models drawn around <paramref name="model"/>, which was fitted on <paramref name="summary"/>
    /// (the Hessian is recomputed from it). Draw 0 is the estimate itself.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> &lt; 1.</exception>
    /// <exception cref="InvalidOperationException">The fit is not identified or its information matrix is not positive definite.</exception>
    public static BgNbdModel[] Draw(BgNbdModel model, CustomerSummary summary, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        if (!model.ProbabilityAliveIsInformative)
            throw new InvalidOperationException($"The BG/NBD fit is not identified ({model.Diagnostics!.Meaning}): its parameters have no sampling distribution.");
        var likelihood = BgNbdLikelihood.Create(summary.Frequency, summary.Recency, summary.Age, default, 1.0);
        double[] theta = [model.R, model.Alpha, model.A, model.B];
        var cov = LikelihoodHessian.LogCovariance((p, g) => likelihood.Evaluate(p[0], p[1], p[2], p[3], g), theta)
                  ?? throw new InvalidOperationException("The BG/NBD information matrix is not positive definite: no sampling distribution.");
        var logDraws = Sample(theta, cov, draws, seed, 0xB6);
        return logDraws.Select(t => model with { R = t[0], Alpha = t[1], A = t[2], B = t[3] }).ToArray();
    }

    /// <summary>
    /// <paramref name="draws"/> Gamma-Gamma models drawn around <paramref name="model"/>, fitted on the repeat customers of
    /// <paramref name="summary"/> with a positive mean spend. Draw 0 is the estimate itself.
    /// </summary>
    /// <exception cref="InvalidOperationException">The fit is not identified or its information matrix is not positive definite.</exception>
    public static GammaGammaModel[] Draw(GammaGammaModel model, CustomerSummary summary, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        if (model.Diagnostics is { Identified: false } d)
            throw new InvalidOperationException($"The Gamma-Gamma fit is not identified ({d.Meaning}): its parameters have no sampling distribution.");
        var x = new List<int>();
        var m = new List<double>();
        for (int i = 0; i < summary.Count; i++)
            if (summary.Frequency[i] > 0 && summary.MonetaryValue[i] > 0) { x.Add(summary.Frequency[i]); m.Add(summary.MonetaryValue[i]); }
        int[] xs = x.ToArray();
        double[] ms = m.ToArray();
        double[] theta = [model.P, model.Q, model.Gamma];
        var cov = LikelihoodHessian.LogCovariance((p, g) => GammaGammaFitter.LogLikelihood(xs, ms, p[0], p[1], p[2], g), theta)
                  ?? throw new InvalidOperationException("The Gamma-Gamma information matrix is not positive definite: no sampling distribution.");
        var logDraws = Sample(theta, cov, draws, seed, 0x66);
        // q ≤ 1 has no mean spend: such a draw (possible only for a q within a few standard errors of 1) is kept just above 1.
        return logDraws.Select(t => model with { P = t[0], Q = Math.Max(t[1], 1 + 1e-6), Gamma = t[2] }).ToArray();
    }

    /// <summary>θ̂ · exp(L z), L the Cholesky factor of the log-scale covariance, z standard normal from stream (seed, k, purpose).</summary>
    private static double[][] Sample(double[] theta, Matrix<double> logCovariance, int draws, int seed, ulong purpose)
    {
        int d = theta.Length;
        var l = logCovariance.Cholesky().Factor;
        var result = new double[draws][];
        result[0] = (double[])theta.Clone();
        var z = new double[d];
        for (int k = 1; k < draws; k++)
        {
            var random = new StreamRandom(unchecked((ulong)seed), (ulong)k, purpose);
            for (int j = 0; j < d; j++) z[j] = random.Normal();
            var draw = new double[d];
            for (int i = 0; i < d; i++)
            {
                double shift = 0;
                for (int j = 0; j <= i; j++) shift += l[i, j] * z[j];
                draw[i] = theta[i] * Math.Exp(shift);
            }
            result[k] = draw;
        }
        return result;
    }
}
