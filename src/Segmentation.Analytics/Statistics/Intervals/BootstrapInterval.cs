using MathNet.Numerics.Distributions;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Statistics.Intervals;

/// <summary>
/// Seeded percentile bootstrap of means (and totals) over units, e.g. the customers of a segment: each replicate draws n units with
/// replacement and recomputes every statistic from the same draw, so several means of one group (CLV and value at risk) cost one
/// set of draws. Interval: bias-corrected and accelerated (BCa) percentiles of the replicates (Efron 1987, JASA 82:171–185;
/// Efron &amp; Tibshirani 1993, ch. 14), which keep their coverage on skewed values such as CLV, where plain percentiles fall short.
/// </summary>
/// <remarks>Cost is bounded: replicates × n draws below <see cref="LargeSample"/> units, and above it the normal
/// interval mean ± z·σ̂/√n (σ̂² = Σ(x − x̄)²/n, the bootstrap's own variance), which the percentile bootstrap converges to. The draws
/// come from <see cref="StreamRandom"/>: the same seed and stream give the same interval on any runtime and thread count.</remarks>
public static class BootstrapInterval
{
    /// <summary>Default replicates: enough for stable 95 % percentiles (Efron &amp; Tibshirani recommend ≥ 1 000 for intervals).</summary>
    public const int DefaultReplicates = 1000;

    /// <summary>Above this many units the normal limit replaces resampling.</summary>
    public const int LargeSample = 20_000;

    /// <summary>BCa bootstrap intervals of the means of <paramref name="columns"/> (each one value per unit, same length ≥ 1),
    /// all from the same resampled units.</summary>
    /// <param name="columns">The per-unit values, one array per statistic.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="stream">Stream of that seed (e.g. the segment's index), so groups draw independently and in any order.</param>
    /// <param name="replicates">Replicates B ≥ 100.</param>
    /// <param name="confidence">Level in (0, 1).</param>
    /// <exception cref="ArgumentException">No column, columns of different lengths, or no unit.</exception>
    public static Interval[] Means(IReadOnlyList<double[]> columns, int seed, ulong stream = 0, int replicates = DefaultReplicates,
                                   double confidence = Interval.DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("At least one column of values is needed.", nameof(columns));
        int n = columns[0].Length, k = columns.Count;
        if (n == 0) throw new ArgumentException("The group has no unit.", nameof(columns));
        for (int c = 1; c < k; c++)
            if (columns[c].Length != n) throw new ArgumentException($"Column {c} has {columns[c].Length} values; column 0 has {n}.", nameof(columns));
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 100);
        Interval.ValidateConfidence(confidence);
        var means = new double[k];
        for (int c = 0; c < k; c++) means[c] = Mean(columns[c]);
        double z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
        if (n > LargeSample)
        {
            return [.. Enumerable.Range(0, k).Select(c =>
            {
                double ss = 0;
                foreach (double x in columns[c]) ss += (x - means[c]) * (x - means[c]);
                double se = Math.Sqrt(ss / n / n);
                return new Interval(means[c], means[c] - z * se, means[c] + z * se, confidence, IntervalMethod.DeltaMethod);
            })];
        }
        var rng = new StreamRandom(unchecked((ulong)seed), stream, 0xB0075);
        var draws = new double[k][];
        for (int c = 0; c < k; c++) draws[c] = new double[replicates];
        var sums = new double[k];
        for (int r = 0; r < replicates; r++)
        {
            Array.Clear(sums);
            for (int i = 0; i < n; i++)
            {
                int j = rng.NextInt(n);
                for (int c = 0; c < k; c++) sums[c] += columns[c][j];
            }
            for (int c = 0; c < k; c++) draws[c][r] = sums[c] / n;
        }
        double alpha = 1 - confidence;
        return [.. Enumerable.Range(0, k).Select(c =>
        {
            var sorted = draws[c];
            Array.Sort(sorted);
            // BCa: the bias correction z0 from the share of replicates below the estimate (ties count half), the acceleration from
            // the jackknife, which for a mean is the sample skewness: a = Σ(x − x̄)³ / (6·(Σ(x − x̄)²)^{3/2}).
            double below = 0;
            foreach (double d in sorted) below += d < means[c] ? 1 : d == means[c] ? 0.5 : 0;
            double z0 = Normal.InvCDF(0, 1, Math.Clamp(below / replicates, 0.5 / replicates, 1 - 0.5 / replicates));
            double m2 = 0, m3 = 0;
            foreach (double x in columns[c]) { double e = x - means[c]; m2 += e * e; m3 += e * e * e; }
            double a = m2 > 0 ? m3 / (6 * Math.Pow(m2, 1.5)) : 0;
            double Adjusted(double q)
            {
                double zq = Normal.InvCDF(0, 1, q), w = z0 + zq;
                return Normal.CDF(0, 1, z0 + w / (1 - a * w));
            }
            // A degenerate group (every value the same) gives the point itself, not a rounding artefact beside it.
            double lower = Math.Min(means[c], Percentile(sorted, Adjusted(alpha / 2))), upper = Math.Max(means[c], Percentile(sorted, Adjusted(1 - alpha / 2)));
            return new Interval(means[c], lower, upper, confidence, IntervalMethod.Bootstrap);
        })];
    }

    /// <summary>The interval of one mean (<see cref="Means"/> with one column).</summary>
    public static Interval Mean(double[] values, int seed, ulong stream = 0, int replicates = DefaultReplicates, double confidence = Interval.DefaultConfidence) =>
        Means([values], seed, stream, replicates, confidence)[0];

    private static double Mean(double[] values)
    {
        double s = 0;
        foreach (double x in values) s += x;
        return s / values.Length;
    }

    /// <summary>Linear-interpolation percentile of sorted values (numpy's default).</summary>
    private static double Percentile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
