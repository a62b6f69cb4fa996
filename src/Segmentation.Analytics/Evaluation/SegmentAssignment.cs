using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The segment of every customer (<c>customer_id → segment key</c>) and the segments' definitions: the input of the
/// evaluation, whatever model made it (RFM segments, value tiers, a clustering model).
/// </summary>
/// <remarks>Customers are unique; every key must be defined in <see cref="Segments"/>. Arrays are not copied: do not modify them.</remarks>
public sealed record SegmentAssignment
{
    /// <summary>Creates an assignment and validates it.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a customer id is empty or repeated, or a key is not defined.</exception>
    public SegmentAssignment(IReadOnlyList<string> customerIds, IReadOnlyList<string> segmentKeys, IReadOnlyList<SegmentDefinition> segments)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(segmentKeys);
        ArgumentNullException.ThrowIfNull(segments);
        if (customerIds.Count != segmentKeys.Count)
            throw new ArgumentException($"segmentKeys has {segmentKeys.Count} values; customerIds has {customerIds.Count}.", nameof(segmentKeys));
        if (segments.Count == 0) throw new ArgumentException("At least one segment definition is required.", nameof(segments));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in segments)
            if (string.IsNullOrWhiteSpace(s.Key) || !keys.Add(s.Key))
                throw new ArgumentException($"Segment key '{s.Key}' is empty or defined twice.", nameof(segments));
        var seen = new HashSet<string>(customerIds.Count, StringComparer.Ordinal);
        for (int i = 0; i < customerIds.Count; i++)
        {
            if (string.IsNullOrEmpty(customerIds[i]) || !seen.Add(customerIds[i]))
                throw new ArgumentException($"Customer id '{customerIds[i]}' (row {i}) is empty or assigned twice.", nameof(customerIds));
            if (!keys.Contains(segmentKeys[i]))
                throw new ArgumentException($"Row {i} (customer '{customerIds[i]}'): segment '{segmentKeys[i]}' is not defined; defined: {string.Join(", ", keys)}.", nameof(segmentKeys));
        }
        CustomerIds = customerIds;
        SegmentKeys = segmentKeys;
        Segments = segments;
    }

    /// <summary>Customer ids.</summary>
    public IReadOnlyList<string> CustomerIds { get; }

    /// <summary>Segment key of each customer (same order).</summary>
    public IReadOnlyList<string> SegmentKeys { get; }

    /// <summary>The segment definitions, in display order.</summary>
    public IReadOnlyList<SegmentDefinition> Segments { get; }

    /// <summary>Number of customers.</summary>
    public int Count => CustomerIds.Count;

    /// <summary>The definition of a key.</summary>
    /// <exception cref="KeyNotFoundException">The key is not defined.</exception>
    public SegmentDefinition Definition(string key) =>
        Segments.FirstOrDefault(s => s.Key == key) ?? throw new KeyNotFoundException($"Segment '{key}' is not defined.");

    /// <summary>Customers per segment key (every defined key, 0 when empty).</summary>
    public IReadOnlyDictionary<string, int> Counts()
    {
        var counts = Segments.ToDictionary(s => s.Key, _ => 0, StringComparer.Ordinal);
        foreach (var k in SegmentKeys) counts[k]++;
        return counts;
    }

    /// <summary>customer id → segment key.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var d = new Dictionary<string, string>(Count, StringComparer.Ordinal);
        for (int i = 0; i < Count; i++) d[CustomerIds[i]] = SegmentKeys[i];
        return d;
    }

    /// <summary>From a DataFrame with a customer id column and a segment key column (values converted with ToString).</summary>
    /// <exception cref="ArgumentException">A column is missing or a value is null.</exception>
    public static SegmentAssignment FromDataFrame(DataFrame frame, IReadOnlyList<SegmentDefinition> segments,
                                                  string customerColumn = "customer_id", string segmentColumn = "segment")
    {
        ArgumentNullException.ThrowIfNull(frame);
        var ids = frame.Columns[customerColumn];
        var keys = frame.Columns[segmentColumn];
        var idList = new string[frame.Rows.Count];
        var keyList = new string[frame.Rows.Count];
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            idList[i] = ids[i]?.ToString() ?? throw new ArgumentException($"Row {i}: {customerColumn} is null.", nameof(frame));
            keyList[i] = keys[i]?.ToString() ?? throw new ArgumentException($"Row {i}: {segmentColumn} is null.", nameof(frame));
        }
        return new SegmentAssignment(idList, keyList, segments);
    }
}
