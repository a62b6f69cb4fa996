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

    /// <summary>The frame's rows in ordinal customer_id order (shard answers come concatenated).</summary>
    public static DataFrame SortedById(DataFrame f)
    {
        var ids = f.Columns["customer_id"];
        var order = Enumerable.Range(0, (int)f.Rows.Count).OrderBy(i => (string)ids[i], StringComparer.Ordinal).Select(i => (long)i);
        var map = new Int64DataFrameColumn("__order", order);
        return new DataFrame(f.Columns.Select(c => c.Clone(map)));
    }
}
