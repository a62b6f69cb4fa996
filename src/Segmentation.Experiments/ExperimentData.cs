using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Experiments;

/// <summary>
/// The accepted rows of an experiment export as arrays (one entry per customer, in file order), with every rejected row
/// and its reason. Arm 0 is always the control.
/// </summary>
/// <param name="File">The file read.</param>
/// <param name="Schema">The schema it was read with.</param>
/// <param name="RowsRead">Data rows in the file (header excluded).</param>
/// <param name="Rejects">Every rejected row once, with the first rule it failed.</param>
/// <param name="Arms">Arm labels; index 0 is the control, then the treatment arms (schema order, or ordinal order when the schema lists none).</param>
/// <param name="Arm">Per customer, the index of its arm in <see cref="Arms"/>.</param>
/// <param name="RowNumbers">Per customer, its row in the file (header = row 1; record number for Parquet).</param>
/// <param name="Outcomes">Per outcome column, its values (binary outcomes are 0 or 1).</param>
/// <param name="Segments">Per customer, the label of the schema's segment column; null when the schema has none.</param>
/// <param name="NumericFeatures">Feature columns whose every value is a number.</param>
/// <param name="CategoricalFeatures">The other feature columns, as text.</param>
public sealed record ExperimentData(
    string File,
    ExperimentSchema Schema,
    long RowsRead,
    IReadOnlyList<Reject> Rejects,
    IReadOnlyList<string> Arms,
    int[] Arm,
    long[] RowNumbers,
    IReadOnlyDictionary<string, double[]> Outcomes,
    string[]? Segments,
    IReadOnlyDictionary<string, double[]> NumericFeatures,
    IReadOnlyDictionary<string, string[]> CategoricalFeatures)
{
    /// <summary>Accepted customers.</summary>
    public int Count => Arm.Length;

    /// <summary>read = accepted + rejected.</summary>
    public bool Reconciles => RowsRead == Count + Rejects.Count;

    /// <summary>The control label.</summary>
    public string Control => Arms[0];

    /// <summary>The values of one outcome.</summary>
    /// <exception cref="ArgumentException">The outcome is not in the data.</exception>
    public double[] OutcomeValues(string column) =>
        Outcomes.TryGetValue(column, out var v) ? v
        : throw new ArgumentException($"'{column}' is not an outcome of the experiment; outcomes are: {string.Join(", ", Outcomes.Keys)}.", nameof(column));

    /// <summary>The values of a numeric feature.</summary>
    /// <exception cref="ArgumentException">The column is not a numeric feature.</exception>
    public double[] NumericFeature(string column) =>
        NumericFeatures.TryGetValue(column, out var v) ? v
        : throw new ArgumentException($"'{column}' is not a numeric feature column; numeric features are: {string.Join(", ", NumericFeatures.Keys)}.", nameof(column));

    /// <summary>Customers per arm (index as <see cref="Arms"/>).</summary>
    public long[] ArmCounts()
    {
        var counts = new long[Arms.Count];
        foreach (var a in Arm) counts[a]++;
        return counts;
    }

    /// <summary>The customers at the given positions (in that order), with the same arms, file and rejects.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A position is outside 0..Count − 1.</exception>
    public ExperimentData Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows)
            if ((uint)r >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row position must be in 0..{Count - 1}.");
        T[] Take<T>(T[] source) => rows.Select(r => source[r]).ToArray();
        return this with
        {
            Arm = Take(Arm),
            RowNumbers = Take(RowNumbers),
            Outcomes = Outcomes.ToDictionary(kv => kv.Key, kv => Take(kv.Value)),
            Segments = Segments is null ? null : Take(Segments),
            NumericFeatures = NumericFeatures.ToDictionary(kv => kv.Key, kv => Take(kv.Value)),
            CategoricalFeatures = CategoricalFeatures.ToDictionary(kv => kv.Key, kv => Take(kv.Value)),
            RowsRead = rows.Count + Rejects.Count,
        };
    }
}
