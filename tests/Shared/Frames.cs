using Microsoft.Data.Analysis;

namespace Segmentation.Testing;

/// <summary>DataFrame comparisons shared by the engine tests.</summary>
public static class Frames
{
    /// <summary>
    /// Same columns (names, types, order) and rows; doubles equal to <paramref name="relativeTolerance"/> (relative, absolute
    /// near zero; 0 = exactly), every other cell exactly.
    /// </summary>
    public static void AssertIdentical(DataFrame expected, DataFrame actual, double relativeTolerance = 0)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        foreach (var column in expected.Columns)
        {
            var other = actual.Columns[column.Name];
            Assert.Equal(column.DataType, other.DataType);
            for (long i = 0; i < column.Length; i++)
            {
                object? a = column[i], b = other[i];
                if (a is double x && b is double y)
                    Assert.True(x.Equals(y) || Math.Abs(x - y) <= relativeTolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))),
                        $"column {column.Name}, row {i}: {x:R} vs {y:R}");
                else
                    Assert.True(Equals(a, b), $"column {column.Name}, row {i}: {a} vs {b}");
            }
        }
    }

    /// <summary>
    /// The same frame exactly: column names and order, column classes, element types, row count, NULLs, and every value
    /// (doubles bit for bit, DateTime ticks and Kind). Fails listing the first differing cells (with the row's customer_id
    /// when the frame has one), so a mismatch can be traced to its input rows.
    /// </summary>
    public static void AssertSame(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            DataFrameColumn e = expected.Columns[c], a = actual.Columns[c];
            Assert.True(e.GetType() == a.GetType(), $"column {e.Name}: {e.GetType().Name} vs {a.GetType().Name}");
            Assert.Equal(e.DataType, a.DataType);
        }
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        var ids = expected.Columns.IndexOf("customer_id") >= 0 ? expected.Columns["customer_id"] : null;
        var differences = new List<string>();
        int count = 0;
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            DataFrameColumn e = expected.Columns[c], a = actual.Columns[c];
            for (long i = 0; i < e.Length; i++)
            {
                object? x = e[i], y = a[i];
                bool same = (x, y) switch
                {
                    (double dx, double dy) => BitConverter.DoubleToInt64Bits(dx) == BitConverter.DoubleToInt64Bits(dy),
                    (DateTime tx, DateTime ty) => tx.Ticks == ty.Ticks && tx.Kind == ty.Kind,
                    _ => Equals(x, y),
                };
                if (same) continue;
                if (++count <= 20)
                    differences.Add($"column {e.Name}, row {i}{(ids is null ? "" : $" (customer_id {ids[i]})")}: expected {Show(x)}, actual {Show(y)}");
            }
        }
        Assert.True(count == 0, $"{count} cell(s) differ:\n" + string.Join("\n", differences));
        // The null counts the columns keep must agree with their cells (a column built by hand may get them wrong).
        Assert.Equal(expected.Columns.Select(c => c.NullCount), actual.Columns.Select(c => c.NullCount));
    }

    private static string Show(object? v) => v switch
    {
        null => "NULL",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => $"{t:yyyy-MM-dd HH:mm:ss.fffffff} ({t.Kind}, {t.Ticks} ticks)",
        string s => $"'{s}'",
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The frame's rows in ordinal customer_id order (shard answers come concatenated).</summary>
    public static DataFrame SortedById(DataFrame f)
    {
        var ids = f.Columns["customer_id"];
        var order = Enumerable.Range(0, (int)f.Rows.Count).OrderBy(i => (string)ids[i], StringComparer.Ordinal).Select(i => (long)i);
        var map = new Int64DataFrameColumn("__order", order);
        return new DataFrame(f.Columns.Select(c => c.Clone(map)));
    }
}
