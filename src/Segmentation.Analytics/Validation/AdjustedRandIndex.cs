namespace Segmentation.Analytics.Validation;

/// <summary>
/// Adjusted Rand index (Hubert &amp; Arabie 1985) between two partitions of the same rows: the Rand index
/// corrected for chance, 1 for identical partitions (up to renumbering), about 0 for independent ones, and
/// possibly negative.
/// </summary>
/// <remarks>
/// Computed from the pair-confusion counts as scikit-learn's <c>adjusted_rand_score</c>:
/// ARI = 2(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), exact in 128-bit integers; 1 when fn = fp = 0.
/// </remarks>
public static class AdjustedRandIndex
{
    /// <summary>ARI of two labelings (non-negative integers) of the same rows.</summary>
    /// <exception cref="ArgumentException">The lengths differ or a label is negative.</exception>
    public static double Compute(ReadOnlySpan<int> labelsA, ReadOnlySpan<int> labelsB)
    {
        if (labelsA.Length != labelsB.Length)
            throw new ArgumentException($"labelsB has {labelsB.Length} values; labelsA has {labelsA.Length}.", nameof(labelsB));
        var a = new LabelPartition(labelsA, labelsA.Length, nameof(labelsA));
        var b = new LabelPartition(labelsB, labelsB.Length, nameof(labelsB));
        long n = labelsA.Length;
        Int128 sumSquares = 0, sumA = 0, sumB = 0;
        var cells = new Dictionary<long, long>();
        for (int i = 0; i < n; i++)
        {
            long key = (long)a.Codes[i] * b.Clusters + b.Codes[i];
            cells[key] = cells.GetValueOrDefault(key) + 1;
        }
        foreach (long v in cells.Values) sumSquares += (Int128)v * v;
        foreach (int v in a.Sizes) sumA += (Int128)v * v;
        foreach (int v in b.Sizes) sumB += (Int128)v * v;
        Int128 tp = sumSquares - n;
        Int128 fp = sumB - sumSquares;
        Int128 fn = sumA - sumSquares;
        Int128 tn = (Int128)n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) return 1.0;
        Int128 numerator = 2 * (tp * tn - fn * fp);
        Int128 denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
        return (double)numerator / (double)denominator;
    }
}
