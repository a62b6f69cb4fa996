namespace Segmentation.Analytics.Statistics;

/// <summary>Chosen order statistics of an array without sorting it all (quantiles of a million values in milliseconds).</summary>
internal static class OrderStatistics
{
    /// <summary>
    /// Reorders <paramref name="values"/> so that, for every rank k in <paramref name="ranks"/>, <c>values[k]</c> holds the
    /// value a full ascending sort would put there (every value before it ≤, every value after it ≥). Values must not be NaN.
    /// </summary>
    /// <remarks>
    /// Multiple quickselect: a median-of-three pivot and a three-way partition (runs of equal values, common in counts such
    /// as purchase days, settle in one step), then only the sides that still hold a wanted rank; expected O(n log q) for q
    /// ranks. A range that needs too many rounds is sorted instead, so the worst case stays O(n log n).
    /// </remarks>
    public static void Select(Span<double> values, IReadOnlyCollection<int> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        var sorted = ranks.Distinct().Order().ToArray();
        if (sorted.Length == 0) return;
        ArgumentOutOfRangeException.ThrowIfNegative(sorted[0], nameof(ranks));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sorted[^1], values.Length, nameof(ranks));
        Select(values, 0, values.Length - 1, sorted, depth: 0);
    }

    private static void Select(Span<double> values, int lo, int hi, ReadOnlySpan<int> ranks, int depth)
    {
        while (ranks.Length > 0 && hi > lo)
        {
            if (depth++ == 64)
            {
                values[lo..(hi + 1)].Sort();
                return;
            }
            double pivot = Median(values[lo], values[lo + (hi - lo) / 2], values[hi]);
            // [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                double v = values[i];
                if (v < pivot) { values[i] = values[lt]; values[lt++] = v; i++; }
                else if (v > pivot) { values[i] = values[gt]; values[gt--] = v; }
                else i++;
            }
            int left = 0;
            while (left < ranks.Length && ranks[left] < lt) left++;
            int right = left;
            while (right < ranks.Length && ranks[right] <= gt) right++;
            // The smaller side recursively, the larger one in this loop.
            var below = ranks[..left];
            var above = ranks[right..];
            if (below.Length <= above.Length)
            {
                Select(values, lo, lt - 1, below, depth);
                lo = gt + 1;
                ranks = above;
            }
            else
            {
                Select(values, gt + 1, hi, above, depth);
                hi = lt - 1;
                ranks = below;
            }
        }
    }

    private static double Median(double a, double b, double c) =>
        a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}
