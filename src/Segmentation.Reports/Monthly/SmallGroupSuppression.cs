namespace Segmentation.Reports.Monthly;

/// <summary>
/// Which counts of a table must be hidden so that no group under the minimum size can be read back, not even by subtraction:
/// primary suppression hides every count under the minimum; complementary suppression then hides more cells until every line
/// whose total is known (printed, or derivable from printed shares) hides either no positive count or at least two, so a
/// hidden count can only be bounded, never solved for.
/// </summary>
/// <remarks>The rule of statistical offices for tables with published margins (Hundepool et al., <i>Statistical Disclosure
/// Control</i>, 2012, §5.2: "a row or column with one suppressed cell must get a second"). The complement chosen is the smallest
/// positive visible count (least information lost); zeros are never the only complement, since a hidden zero would be guessed.</remarks>
public static class SmallGroupSuppression
{
    /// <summary>The hidden cells of one line of counts whose total is published.</summary>
    /// <param name="counts">The counts of the line.</param>
    /// <param name="minimum">Smallest count that may print.</param>
    public static bool[] Line(IReadOnlyList<long> counts, int minimum)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var hidden = counts.Select(n => n < minimum && n > 0).ToArray();
        Complete(counts, hidden);
        return hidden;
    }

    /// <summary>
    /// The hidden cells of a matrix of counts whose row and column totals are published (or derivable): cells under
    /// <paramref name="minimum"/> (zeros print), then complements in rows and columns until both are safe.
    /// </summary>
    public static bool[][] Matrix(IReadOnlyList<IReadOnlyList<long>> counts, int minimum)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var hidden = counts.Select(row => row.Select(n => n < minimum && n > 0).ToArray()).ToArray();
        int columns = counts.Count == 0 ? 0 : counts.Max(r => r.Count);
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int i = 0; i < counts.Count; i++) changed |= Complete(counts[i], hidden[i]);
            for (int j = 0; j < columns; j++)
            {
                var column = counts.Select(r => j < r.Count ? r[j] : 0).ToArray();
                var mask = hidden.Select(r => j < r.Length && r[j]).ToArray();
                if (!Complete(column, mask)) continue;
                for (int i = 0; i < counts.Count; i++) if (j < hidden[i].Length) hidden[i][j] = mask[i];
                changed = true;
            }
        }
        return hidden;
    }

    /// <summary>True when no single hidden positive count of the line can be solved from its total.</summary>
    public static bool IsSafe(IReadOnlyList<long> counts, IReadOnlyList<bool> hidden) =>
        Enumerable.Range(0, counts.Count).Count(i => hidden[i] && counts[i] > 0) != 1;

    /// <summary>Hides the smallest positive visible count while exactly one positive count is hidden; true when it changed the mask.</summary>
    private static bool Complete(IReadOnlyList<long> counts, bool[] hidden)
    {
        if (IsSafe(counts, hidden)) return false;
        int pick = -1;
        for (int i = 0; i < counts.Count; i++)
            if (!hidden[i] && counts[i] > 0 && (pick < 0 || counts[i] < counts[pick])) pick = i;
        if (pick < 0)
        {
            // Nothing positive left to hide with it: the line's total would give the count away, so the whole line goes.
            bool changed = false;
            for (int i = 0; i < counts.Count; i++) { changed |= !hidden[i]; hidden[i] = true; }
            return changed;
        }
        hidden[pick] = true;
        return true;
    }
}
