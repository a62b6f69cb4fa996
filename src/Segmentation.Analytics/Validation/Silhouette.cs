using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Validation;

/// <summary>
/// Silhouette (Rousseeuw 1987): s(i) = (b(i) − a(i)) / max(a(i), b(i)) ∈ [−1, 1], where a(i) is the mean
/// Euclidean distance from row i to the other rows of its cluster and b(i) the smallest mean distance to the
/// rows of another cluster. Rows alone in their cluster score 0, as do rows with a = b = 0 (as scikit-learn).
/// </summary>
/// <remarks>
/// Exact computation without an n × n matrix: rows are sorted by cluster into a column-major copy, then each
/// row's distance sums to every cluster are accumulated over contiguous ranges four rows at a time (SIMD).
/// Memory O(n·d); work O(n²·d), in parallel over fixed row chunks (deterministic for any thread count).
/// Distances are computed directly as √Σ(x − y)², not through ‖x‖² − 2x·y + ‖y‖² as scikit-learn does;
/// the two agree to about 1e-12 relative on real data. Rousseeuw (1987), J. Comput. Appl. Math. 20:53–65.
/// </remarks>
public static class Silhouette
{
    /// <summary>Mean silhouette over all rows (scikit-learn's <c>silhouette_score</c>).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 or more than n − 1 clusters; labels of the wrong length.</exception>
    public static double Score(FeatureMatrix data, ReadOnlySpan<int> labels, int maxDegreeOfParallelism = -1)
    {
        var s = Samples(data, labels, maxDegreeOfParallelism);
        double sum = 0;
        foreach (double v in s) sum += v;
        return sum / s.Length;
    }

    /// <summary>s(i) for every row (scikit-learn's <c>silhouette_samples</c>).</summary>
    public static double[] Samples(FeatureMatrix data, ReadOnlySpan<int> labels, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = new LabelPartition(labels, data.Rows);
        p.RequireScorable(data.Rows);
        var sorted = new SortedColumns(data, p);
        var result = new double[data.Rows];
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism <= 0 ? -1 : maxDegreeOfParallelism };
        const int chunk = 64;
        int chunks = (data.Rows + chunk - 1) / chunk;
        Parallel.For(0, chunks, po, () => new double[p.Clusters], (c, _, sums) =>
        {
            int end = Math.Min(data.Rows, (c + 1) * chunk);
            for (int i = c * chunk; i < end; i++) result[i] = sorted.Value(i, data.Row(i), sums);
            return sums;
        }, _ => { });
        return result;
    }

    /// <summary>
    /// Mean silhouette estimated from <paramref name="sampleSize"/> rows drawn without replacement (<see cref="StreamRandom.Sample"/> from the stream of <paramref name="seed"/>); each sampled
    /// row's s(i) is exact (against all N rows), so the mean is unbiased for the exact mean silhouette and the interval
    /// is mean ± z·SE. Work O(m·N·d): 500 rows of a 1 M × 8 table take about 1.5–2 s on 2 cores (standard error ≈ 0.005).
    /// </summary>
    /// <remarks>Unlike scikit-learn's <c>sample_size</c>, which computes the silhouette within the sample only (biased for small samples).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">sampleSize &lt; 2 or confidenceLevel outside (0, 1).</exception>
    public static SilhouetteEstimate Estimate(FeatureMatrix data, ReadOnlySpan<int> labels, int sampleSize = 500, int seed = 0,
        double confidenceLevel = 0.95, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 2);
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie in (0, 1).");
        var p = new LabelPartition(labels, data.Rows);
        p.RequireScorable(data.Rows);
        int n = data.Rows, m = Math.Min(sampleSize, n);
        var sample = new StreamRandom(seed).Sample(n, m);
        var sorted = new SortedColumns(data, p);
        var values = new double[m];
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism <= 0 ? -1 : maxDegreeOfParallelism };
        Parallel.For(0, m, po, () => new double[p.Clusters], (t, _, sums) =>
        {
            values[t] = sorted.Value(sample[t], data.Row(sample[t]), sums);
            return sums;
        }, _ => { });
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= m;
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        double sd = m > 1 ? Math.Sqrt(ss / (m - 1)) : 0;
        double fpc = n > 1 ? Math.Sqrt((double)(n - m) / (n - 1)) : 0;
        double se = sd / Math.Sqrt(m) * fpc;
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + confidenceLevel / 2);
        return new SilhouetteEstimate(mean, se, Math.Max(-1, mean - z * se), Math.Min(1, mean + z * se), confidenceLevel, m, n);
    }

    /// <summary>The data sorted by cluster, column-major (d rows of n), with each cluster's [start, end) range.</summary>
    private sealed class SortedColumns
    {
        private readonly double[] columns;
        private readonly int[] start;
        private readonly int n, d, k;
        private readonly LabelPartition partition;

        public SortedColumns(FeatureMatrix data, LabelPartition p)
        {
            partition = p;
            n = data.Rows; d = data.Columns; k = p.Clusters;
            start = new int[k + 1];
            for (int j = 0; j < k; j++) start[j + 1] = start[j] + p.Sizes[j];
            var next = (int[])start.Clone();
            columns = new double[n * d];
            for (int i = 0; i < n; i++)
            {
                int pos = next[p.Codes[i]]++;
                for (int t = 0; t < d; t++) columns[t * n + pos] = data.Values[i * d + t];
            }
        }

        public double Value(int row, ReadOnlySpan<double> x, double[] sums)
        {
            int own = partition.Codes[row];
            if (partition.Sizes[own] == 1) return 0;
            for (int j = 0; j < k; j++) sums[j] = RangeSum(x, start[j], start[j + 1]);
            double a = sums[own] / (partition.Sizes[own] - 1);
            double b = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
                if (j != own) b = Math.Min(b, sums[j] / partition.Sizes[j]);
            double denominator = Math.Max(a, b);
            return denominator == 0 ? 0 : (b - a) / denominator;
        }

        /// <summary>Σ_{j∈[from, to)} ‖x − y_j‖, four (or eight) rows per SIMD step, then a scalar tail.</summary>
        private double RangeSum(ReadOnlySpan<double> x, int from, int to)
        {
            ref double col = ref columns[0];
            double total = 0;
            int j = from;
            if (Vector256.IsHardwareAccelerated)
            {
                Span<Vector256<double>> xv = stackalloc Vector256<double>[d];
                for (int t = 0; t < d; t++) xv[t] = Vector256.Create(x[t]);
                var acc0 = Vector256<double>.Zero;
                var acc1 = Vector256<double>.Zero;
                for (; j + 8 <= to; j += 8)
                {
                    var s0 = Vector256<double>.Zero;
                    var s1 = Vector256<double>.Zero;
                    for (int t = 0; t < d; t++)
                    {
                        ref double rowT = ref Unsafe.Add(ref col, t * n + j);
                        var d0 = Vector256.LoadUnsafe(ref rowT) - xv[t];
                        var d1 = Vector256.LoadUnsafe(ref rowT, 4) - xv[t];
                        s0 += d0 * d0;
                        s1 += d1 * d1;
                    }
                    acc0 += Vector256.Sqrt(s0);
                    acc1 += Vector256.Sqrt(s1);
                }
                total = Vector256.Sum(acc0 + acc1);
            }
            for (; j < to; j++)
            {
                double s = 0;
                for (int t = 0; t < d; t++)
                {
                    double diff = Unsafe.Add(ref col, t * n + j) - x[t];
                    s += diff * diff;
                }
                total += Math.Sqrt(s);
            }
            return total;
        }
    }
}
