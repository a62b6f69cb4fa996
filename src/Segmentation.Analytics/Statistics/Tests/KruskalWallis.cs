using MathNet.Numerics;

namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>
/// Kruskal-Wallis rank test of one feature across segments (scipy's <c>kruskal</c>): with R_k the rank sum of segment k
/// (average ranks for ties), H = [12 / (n(n + 1)) Σ_k R_k² / n_k − 3(n + 1)] / C, where the tie correction is
/// C = 1 − Σ_t (t³ − t) / (n³ − n); p = P(χ²_{K−1} ≥ H); effect size ε² = H / ((n² − 1)/(n + 1)) = H / (n − 1).
/// </summary>
/// <remarks>
/// Kruskal &amp; Wallis (1952), J. Am. Stat. Assoc. 47:583–621; ε² after Tomczak &amp; Tomczak (2014), Trends Sport Sci. 1:19–25.
/// Missing values (NaN) are left out. The p-value is the regularised upper incomplete gamma Q((K − 1)/2, H/2),
/// computed directly (scipy's <c>chi2.sf</c>). When every value is tied, C = 0 and H is undefined: NaN (as scipy).
/// </remarks>
public static class KruskalWallis
{
    /// <summary>Tests whether the distributions of <paramref name="values"/> differ between segments.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is negative, or fewer than 2 segments with values.</exception>
    public static KruskalWallisResult Test(ReadOnlySpan<double> values, ReadOnlySpan<int> labels)
    {
        var groups = GroupedValues.Create(values, labels);
        int k = groups.Groups, n = groups.Count;
        if (k < 2) throw new ArgumentException($"The Kruskal-Wallis test needs at least 2 segments with values; found {k}.", nameof(labels));
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var all = groups.Values;
        Array.Sort(order, (a, b) => all[a].CompareTo(all[b]) is var c && c != 0 ? c : a.CompareTo(b));
        var ranks = new double[n];
        double ties = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) ranks[order[t]] = rank;
            double size = j - i + 1;
            ties += size * size * size - size;
            i = j + 1;
        }
        double sum = 0;
        for (int g = 0; g < k; g++)
        {
            var (start, length) = groups.Range(g);
            double r = 0;
            for (int i = start; i < start + length; i++) r += ranks[i];
            sum += r * r / length;
        }
        double nn = n;
        double h = 12.0 / (nn * (nn + 1)) * sum - 3 * (nn + 1);
        double correction = 1 - ties / (nn * nn * nn - nn);
        h = correction == 0 ? double.NaN : h / correction;
        double p = double.IsNaN(h) ? double.NaN : SpecialFunctions.GammaUpperRegularized((k - 1) / 2.0, Math.Max(h, 0) / 2);
        return new KruskalWallisResult(h, k - 1, p, double.IsNaN(h) ? double.NaN : h / (nn - 1), n, k);
    }
}
