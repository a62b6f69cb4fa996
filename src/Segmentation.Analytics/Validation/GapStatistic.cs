using MathNet.Numerics.LinearAlgebra;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Randomness;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Analytics.Validation;

/// <summary>
/// The gap statistic (Tibshirani, Walther &amp; Hastie 2001, J. R. Statist. Soc. B 63:411–423): compares log W_k of the
/// data with its expectation under a uniform reference with no clusters, Gap(k) = E*[log W_k] − log W_k, and chooses
/// the smallest k with Gap(k) ≥ Gap(k+1) − s_{k+1} (their eq. 5 and step 3).
/// </summary>
/// <remarks>W_k is the within-cluster sum of squares of a seeded k-means fit (Σ_r D_r / 2n_r of the paper).
/// Reference data: <see cref="GapReference"/>. Every reference set and fit has its own seed derived from
/// <see cref="GapStatisticOptions.Seed"/>, so results are reproducible.</remarks>
public static class GapStatistic
{
    /// <summary>Computes Gap(k) and s_k for k = MinClusters..MaxClusters and applies the rule.</summary>
    public static GapStatisticResult Compute(FeatureMatrix data, GapStatisticOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(data.Rows);
        int n = data.Rows, d = data.Columns;
        var ks = Enumerable.Range(options.MinClusters, options.MaxClusters - options.MinClusters + 1).ToArray();
        var logW = ks.Select(k => Math.Log(Dispersion(data, k, options, options.Seed * 7919 + k))).ToArray();

        var sampler = ReferenceSampler.Create(data, options.Reference);
        var random = new StreamRandom(options.Seed);
        int b = options.ReferenceSets;
        var refLog = new double[ks.Length, b];
        for (int r = 0; r < b; r++)
        {
            var reference = sampler.Draw(n, ref random);
            int fitSeed = random.NextInt(int.MaxValue);
            for (int t = 0; t < ks.Length; t++) refLog[t, r] = Math.Log(Dispersion(reference, ks[t], options, fitSeed + ks[t]));
        }
        var expected = new double[ks.Length];
        var gap = new double[ks.Length];
        var se = new double[ks.Length];
        for (int t = 0; t < ks.Length; t++)
        {
            double mean = 0;
            for (int r = 0; r < b; r++) mean += refLog[t, r];
            mean /= b;
            double ss = 0;
            for (int r = 0; r < b; r++) ss += (refLog[t, r] - mean) * (refLog[t, r] - mean);
            expected[t] = mean;
            gap[t] = mean - logW[t];
            se[t] = Math.Sqrt(ss / b) * Math.Sqrt(1 + 1.0 / b);
        }
        for (int t = 0; t + 1 < ks.Length; t++)
            if (gap[t] >= gap[t + 1] - se[t + 1])
                return new GapStatisticResult(ks, logW, expected, gap, se, ks[t], true);
        int best = 0;
        for (int t = 1; t < ks.Length; t++) if (gap[t] > gap[best]) best = t;
        return new GapStatisticResult(ks, logW, expected, gap, se, ks[best], false);
    }

    private static double Dispersion(FeatureMatrix x, int k, GapStatisticOptions options, int seed)
    {
        double w = new KMeans(new KMeansOptions(k, options.Restarts, Seed: seed, MaxDegreeOfParallelism: options.MaxDegreeOfParallelism)).Fit(x).Inertia;
        return Math.Max(w, double.Epsilon);
    }

    /// <summary>Draws uniform reference data over a (possibly rotated) box fitted to the data.</summary>
    private sealed class ReferenceSampler
    {
        private readonly double[] low, high, mean;
        private readonly double[]? rotation; // d × d, column j = principal axis j
        private readonly int d;

        private ReferenceSampler(double[] low, double[] high, double[] mean, double[]? rotation, int d)
        { this.low = low; this.high = high; this.mean = mean; this.rotation = rotation; this.d = d; }

        public static ReferenceSampler Create(FeatureMatrix data, GapReference kind)
        {
            int n = data.Rows, d = data.Columns;
            var mean = new double[d];
            for (int i = 0; i < n; i++) for (int t = 0; t < d; t++) mean[t] += data.Values[i * d + t];
            for (int t = 0; t < d; t++) mean[t] /= n;
            double[]? rotation = null;
            if (kind == GapReference.PrincipalComponents)
            {
                var cov = Matrix<double>.Build.Dense(d, d);
                for (int i = 0; i < n; i++)
                    for (int a = 0; a < d; a++)
                    {
                        double xa = data.Values[i * d + a] - mean[a];
                        for (int c = a; c < d; c++) cov[a, c] += xa * (data.Values[i * d + c] - mean[c]);
                    }
                for (int a = 0; a < d; a++) for (int c = 0; c < a; c++) cov[a, c] = cov[c, a];
                var v = cov.Evd(Symmetricity.Symmetric).EigenVectors;
                rotation = new double[d * d];
                for (int a = 0; a < d; a++) for (int c = 0; c < d; c++) rotation[a * d + c] = v[a, c];
            }
            var low = Enumerable.Repeat(double.PositiveInfinity, d).ToArray();
            var high = Enumerable.Repeat(double.NegativeInfinity, d).ToArray();
            var projected = new double[d];
            for (int i = 0; i < n; i++)
            {
                Project(data.Values.AsSpan(i * d, d), mean, rotation, d, projected);
                for (int t = 0; t < d; t++) { low[t] = Math.Min(low[t], projected[t]); high[t] = Math.Max(high[t], projected[t]); }
            }
            return new ReferenceSampler(low, high, mean, rotation, d);
        }

        private static void Project(ReadOnlySpan<double> row, double[] mean, double[]? rotation, int d, double[] result)
        {
            for (int c = 0; c < d; c++)
            {
                if (rotation is null) { result[c] = row[c]; continue; }
                double s = 0;
                for (int a = 0; a < d; a++) s += (row[a] - mean[a]) * rotation[a * d + c];
                result[c] = s;
            }
        }

        public FeatureMatrix Draw(int n, ref StreamRandom random)
        {
            var values = new double[n * d];
            var z = new double[d];
            for (int i = 0; i < n; i++)
            {
                for (int t = 0; t < d; t++) z[t] = low[t] + random.NextDouble() * (high[t] - low[t]);
                for (int a = 0; a < d; a++)
                {
                    if (rotation is null) { values[i * d + a] = z[a]; continue; }
                    double s = mean[a];
                    for (int c = 0; c < d; c++) s += rotation[a * d + c] * z[c];
                    values[i * d + a] = s;
                }
            }
            return new FeatureMatrix(values, n, d);
        }
    }
}
