using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// How customers moved between segments from one assignment to the next: the transition matrix (counts and row shares),
/// upgrades/downgrades along the segments' value order (<see cref="SegmentDefinition.ValueRank"/>), customers lost and new.
/// </summary>
/// <param name="FromSegments">Row segment keys (the first assignment's definitions, in order).</param>
/// <param name="ToSegments">Column segment keys (the second assignment's definitions, in order).</param>
/// <param name="Counts">Counts[i][j]: customers in FromSegments[i] then in ToSegments[j].</param>
/// <param name="Lost">Per FromSegments: customers in the first assignment but not in the second.</param>
/// <param name="New">Per ToSegments: customers in the second assignment but not in the first.</param>
/// <param name="Upgraded">Customers present in both whose segment's value rank rose.</param>
/// <param name="Downgraded">Customers whose value rank fell.</param>
/// <param name="Stayed">Customers in the same segment key in both.</param>
public sealed record SegmentMigration(IReadOnlyList<string> FromSegments, IReadOnlyList<string> ToSegments, long[][] Counts,
                                      long[] Lost, long[] New, long Upgraded, long Downgraded, long Stayed)
{
    /// <summary>Row shares: Counts[i][j] / (Σ_j Counts[i][j] + Lost[i]), i.e. where the first period's customers of a segment went (the rest were lost).</summary>
    public double[][] RowShares => Counts.Select((row, i) =>
    {
        double total = row.Sum() + Lost[i];
        return row.Select(c => total > 0 ? c / total : 0.0).ToArray();
    }).ToArray();

    /// <summary>Customers present in both assignments.</summary>
    public long Matched => Counts.Sum(r => r.Sum());

    /// <summary>Computes the migration from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static SegmentMigration Compute(SegmentAssignment from, SegmentAssignment to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var rows = from.Segments.Select(s => s.Key).ToArray();
        var cols = to.Segments.Select(s => s.Key).ToArray();
        var ri = rows.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var ci = cols.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var rankFrom = from.Segments.ToDictionary(s => s.Key, s => s.ValueRank, StringComparer.Ordinal);
        var rankTo = to.Segments.ToDictionary(s => s.Key, s => s.ValueRank, StringComparer.Ordinal);
        var counts = rows.Select(_ => new long[cols.Length]).ToArray();
        var lost = new long[rows.Length];
        var @new = new long[cols.Length];
        long up = 0, down = 0, stayed = 0;
        void Matched(string a, string b)
        {
            counts[ri[a]][ci[b]]++;
            if (a == b) stayed++;
            int delta = rankTo[b].CompareTo(rankFrom[a]);
            if (delta > 0) up++;
            else if (delta < 0) down++;
        }
        if (OrdinallySorted(from.CustomerIds) && OrdinallySorted(to.CustomerIds))
        {
            // Both in customer-id order (as the monthly job's assignments are): one merge instead of a dictionary and a set of a
            // million strings each. Customer ids are unique within an assignment.
            int i = 0, j = 0;
            while (i < from.Count || j < to.Count)
            {
                int order = i == from.Count ? 1 : j == to.Count ? -1 : string.CompareOrdinal(from.CustomerIds[i], to.CustomerIds[j]);
                if (order < 0) lost[ri[from.SegmentKeys[i++]]]++;
                else if (order > 0) @new[ci[to.SegmentKeys[j++]]]++;
                else Matched(from.SegmentKeys[i++], to.SegmentKeys[j++]);
            }
            return new SegmentMigration(rows, cols, counts, lost, @new, up, down, stayed);
        }
        var later = to.ToDictionary();
        var earlier = new HashSet<string>(from.CustomerIds, StringComparer.Ordinal);
        for (int i = 0; i < from.Count; i++)
        {
            string a = from.SegmentKeys[i];
            if (!later.TryGetValue(from.CustomerIds[i], out var b)) { lost[ri[a]]++; continue; }
            Matched(a, b);
        }
        for (int j = 0; j < to.Count; j++)
            if (!earlier.Contains(to.CustomerIds[j])) @new[ci[to.SegmentKeys[j]]]++;
        return new SegmentMigration(rows, cols, counts, lost, @new, up, down, stayed);
    }

    private static bool OrdinallySorted(IReadOnlyList<string> ids)
    {
        for (int i = 1; i < ids.Count; i++)
            if (string.CompareOrdinal(ids[i - 1], ids[i]) >= 0) return false;
        return true;
    }

    /// <summary>Culture-invariant summary line.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"migration: {Matched} matched ({Stayed} stayed, {Upgraded} up, {Downgraded} down), {Lost.Sum()} lost, {New.Sum()} new");
}
