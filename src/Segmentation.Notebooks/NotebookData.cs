using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Notebooks;

/// <summary>
/// Small conversions the notebooks need between DataFrames, arrays and chart matrices, so cells stay one idea long and free
/// of loops.
/// </summary>
public static class NotebookData
{
    /// <summary>A numeric column as doubles; nulls become NaN.</summary>
    /// <exception cref="ArgumentException">No such column, or it is not numeric (names it).</exception>
    public static double[] Doubles(DataFrame frame, string column)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var c = Column(frame, column);
        var values = new double[c.Length];
        for (long i = 0; i < c.Length; i++)
            values[i] = c[i] switch
            {
                null => double.NaN,
                IConvertible x when c.DataType != typeof(string) && c.DataType != typeof(DateTime) => x.ToDouble(CultureInfo.InvariantCulture),
                var other => throw new ArgumentException($"Column '{column}' is not numeric (row {i} holds {other.GetType().Name}).", nameof(column)),
            };
        return values;
    }

    /// <summary>A column as strings (nulls stay null).</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public static string?[] Strings(DataFrame frame, string column)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var c = Column(frame, column);
        var values = new string?[c.Length];
        for (long i = 0; i < c.Length; i++) values[i] = c[i] is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
        return values;
    }

    /// <summary>
    /// The rows of <paramref name="frame"/> whose named columns are all present and finite, as a feature matrix, with the
    /// frame row index of every matrix row (e.g. to join labels back).
    /// </summary>
    public static (FeatureMatrix Matrix, int[] Rows) CompleteRows(DataFrame frame, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        var data = columns.Select(c => Doubles(frame, c)).ToArray();
        var keep = Enumerable.Range(0, (int)frame.Rows.Count).Where(i => data.All(col => double.IsFinite(col[i]))).ToArray();
        var values = new double[keep.Length * columns.Count];
        for (int r = 0; r < keep.Length; r++)
            for (int j = 0; j < columns.Count; j++) values[r * columns.Count + j] = data[j][keep[r]];
        return (new FeatureMatrix(values, keep.Length, columns.Count, columns.ToArray()), keep);
    }

    /// <summary>Jagged rows (e.g. k-means centroids) as a rectangular matrix.</summary>
    /// <exception cref="ArgumentException">Rows of different lengths.</exception>
    public static double[,] Matrix(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int d = rows.Count == 0 ? 0 : rows[0].Count;
        var m = new double[rows.Count, d];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != d) throw new ArgumentException($"row {i} has {rows[i].Count} values; row 0 has {d}.", nameof(rows));
            for (int j = 0; j < d; j++) m[i, j] = rows[i][j];
        }
        return m;
    }

    /// <summary>Counts of (a, b) label pairs: a k_a × k_b matrix (labels 0..k−1), e.g. k-means vs Ward or last vs this month's segment.</summary>
    /// <exception cref="ArgumentException">Lengths differ or a label is negative.</exception>
    public static double[,] CrossTab(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"a has {a.Count} labels, b {b.Count}.", nameof(b));
        if (a.Count > 0 && (a.Min() < 0 || b.Min() < 0)) throw new ArgumentException("Labels must be ≥ 0.", nameof(a));
        var m = new double[a.Count == 0 ? 0 : a.Max() + 1, b.Count == 0 ? 0 : b.Max() + 1];
        for (int i = 0; i < a.Count; i++) m[a[i], b[i]]++;
        return m;
    }

    /// <summary>
    /// Segment profile index: for every segment and column, 100 × segment mean / population mean (100 = average; NaN when
    /// the population mean is 0). Rows of the result are segments 0..k−1.
    /// </summary>
    /// <exception cref="ArgumentException">The labels do not match the rows.</exception>
    public static double[,] ProfileIndex(FeatureMatrix data, IReadOnlyList<int> labels)
    {
        var means = SegmentMeans(data, labels);
        int k = means.GetLength(0), d = data.Columns;
        var overall = Enumerable.Range(0, d).Select(j => data.Column(j).Average()).ToArray();
        var index = new double[k, d];
        for (int s = 0; s < k; s++)
            for (int j = 0; j < d; j++) index[s, j] = overall[j] != 0 ? 100 * means[s, j] / overall[j] : double.NaN;
        return index;
    }

    /// <summary>Mean of every column per segment (labels 0..k−1): a k × d matrix (NaN for an empty segment).</summary>
    /// <exception cref="ArgumentException">The labels do not match the rows, or a label is negative.</exception>
    public static double[,] SegmentMeans(FeatureMatrix data, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != data.Rows) throw new ArgumentException($"labels has {labels.Count} values; data has {data.Rows} rows.", nameof(labels));
        if (labels.Count > 0 && labels.Min() < 0) throw new ArgumentException("Labels must be ≥ 0.", nameof(labels));
        int k = labels.Count == 0 ? 0 : labels.Max() + 1, d = data.Columns;
        var sums = new double[k, d];
        var counts = new int[k];
        for (int i = 0; i < data.Rows; i++)
        {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) sums[labels[i], j] += data[i, j];
        }
        for (int s = 0; s < k; s++)
            for (int j = 0; j < d; j++) sums[s, j] = counts[s] > 0 ? sums[s, j] / counts[s] : double.NaN;
        return sums;
    }

    /// <summary>
    /// One row per group: group, customers, share of customers, total of <paramref name="values"/> and its share (groups in
    /// order of first appearance in <paramref name="order"/> when given, else by name).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static DataFrame GroupSummary(IReadOnlyList<string> groups, IReadOnlyList<double> values, IReadOnlyList<string>? order = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(values);
        if (groups.Count != values.Count) throw new ArgumentException($"groups has {groups.Count} entries, values {values.Count}.", nameof(values));
        var names = (order ?? groups.Distinct().Order(StringComparer.Ordinal).ToArray()).Where(groups.Contains).Distinct().ToArray();
        double total = values.Where(double.IsFinite).Sum();
        var counts = names.Select(g => groups.Count(x => x == g)).ToArray();
        var sums = names.Select(g => Enumerable.Range(0, groups.Count).Where(i => groups[i] == g && double.IsFinite(values[i])).Sum(i => values[i])).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("group", names),
            new Int32DataFrameColumn("customers", counts),
            new DoubleDataFrameColumn("customer_share", counts.Select(c => (double)c / groups.Count)),
            new DoubleDataFrameColumn("total", sums),
            new DoubleDataFrameColumn("value_share", sums.Select(s => total != 0 ? s / total : double.NaN)));
    }

    private static DataFrameColumn Column(DataFrame frame, string column) =>
        frame.Columns.FirstOrDefault(c => c.Name == column)
        ?? throw new ArgumentException($"The frame has no column '{column}'; it has {string.Join(", ", frame.Columns.Select(c => c.Name))}.", nameof(column));
}
