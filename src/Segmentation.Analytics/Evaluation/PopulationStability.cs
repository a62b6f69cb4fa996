using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Population stability index of a feature or of the segment mix: PSI = Σᵢ (aᵢ − eᵢ)·ln(aᵢ / eᵢ), eᵢ the expected (training) share
/// and aᵢ the actual share of bin i. Thresholds: &lt; 0.1 stable, 0.1–0.25 watch, ≥ 0.25 refit (Siddiqi 2006, "Credit Risk
/// Scorecards", ch. 8).
/// </summary>
/// <param name="Name">Feature name, or "segment".</param>
/// <param name="Index">The PSI (≥ 0).</param>
/// <param name="Expected">Expected share per bin (after the epsilon floor).</param>
/// <param name="Actual">Actual share per bin (after the epsilon floor).</param>
/// <param name="Edges">Inner bin edges of a numeric feature (bin i = (edgeᵢ₋₁, edgeᵢ]); empty for categories.</param>
public sealed record PopulationStability(string Name, double Index, double[] Expected, double[] Actual, double[] Edges)
{
    /// <summary>Watch threshold.</summary>
    public const double WatchThreshold = 0.1;

    /// <summary>Refit threshold.</summary>
    public const double RefitThreshold = 0.25;

    /// <summary>Floor for empty bins: a share of 0 becomes 1e-4 (then shares are not renormalised), so ln stays finite; an
    /// empty bin on one side then contributes about |share|·9.2 instead of infinity.</summary>
    public const double Epsilon = 1e-4;

    /// <summary>The verdict.</summary>
    public DriftLevel Level => Index >= RefitThreshold ? DriftLevel.Refit : Index >= WatchThreshold ? DriftLevel.Watch : DriftLevel.Stable;

    /// <summary>PSI of given shares (or counts; each side is normalised to sum 1), bin by bin.</summary>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 bins, a value is negative, or a side sums to 0.</exception>
    public static PopulationStability FromDistributions(string name, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length) throw new ArgumentException($"actual has {actual.Length} bins; expected has {expected.Length}.", nameof(actual));
        if (expected.Length < 2) throw new ArgumentException($"At least 2 bins are needed; got {expected.Length}.", nameof(expected));
        var e = Normalise(expected, nameof(expected));
        var a = Normalise(actual, nameof(actual));
        double psi = 0;
        for (int i = 0; i < e.Length; i++)
        {
            e[i] = Math.Max(e[i], Epsilon);
            a[i] = Math.Max(a[i], Epsilon);
            psi += (a[i] - e[i]) * Math.Log(a[i] / e[i]);
        }
        return new PopulationStability(name, psi, e, a, []);
    }

    /// <summary>
    /// PSI of a numeric feature: bins from the expected sample's deciles (inner edges = the 10 %, …, 90 % quantiles, duplicates
    /// merged), bin i = (edgeᵢ₋₁, edgeᵢ], both samples counted into them.
    /// </summary>
    /// <exception cref="ArgumentException">A sample is empty or holds a non-finite value.</exception>
    public static PopulationStability FromSamples(string name, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, int bins = 10)
    {
        if (expected.Length == 0) throw new ArgumentException("The expected sample is empty.", nameof(expected));
        if (actual.Length == 0) throw new ArgumentException("The actual sample is empty.", nameof(actual));
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var sorted = expected.ToArray();
        if (sorted.Any(v => !double.IsFinite(v))) throw new ArgumentException("The expected sample holds a non-finite value.", nameof(expected));
        Array.Sort(sorted);
        var edges = new List<double>();
        for (int k = 1; k < bins; k++)
        {
            double pos = k / (double)bins * (sorted.Length - 1);
            int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
            double q = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
            if (edges.Count == 0 || q > edges[^1]) edges.Add(q);
        }
        var edgeArray = edges.ToArray();
        var e = Count(expected, edgeArray, nameof(expected));
        var a = Count(actual, edgeArray, nameof(actual));
        if (e.Length < 2) return new PopulationStability(name, 0, [1], [1], edgeArray); // a constant feature cannot drift in distribution shape
        return FromDistributions(name, e, a) with { Edges = edgeArray };
    }

    private static double[] Count(ReadOnlySpan<double> values, double[] edges, string name)
    {
        var counts = new double[edges.Length + 1];
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) throw new ArgumentException("The sample holds a non-finite value.", name);
            int i = Array.BinarySearch(edges, v);
            counts[i >= 0 ? i : ~i]++;
        }
        return counts;
    }

    private static double[] Normalise(ReadOnlySpan<double> x, string name)
    {
        double sum = 0;
        foreach (double v in x)
        {
            if (!(v >= 0) || !double.IsFinite(v)) throw new ArgumentException($"Shares must be finite and ≥ 0; got {v}.", name);
            sum += v;
        }
        if (sum <= 0) throw new ArgumentException("The shares sum to 0.", name);
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = x[i] / sum;
        return r;
    }

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PSI {Name} = {Index:F4} ({Level})");
}
