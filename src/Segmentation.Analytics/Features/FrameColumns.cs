using System.Globalization;
using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>Reading and replacing DataFrame columns for the fitted transforms (nulls become NaN / null).</summary>
internal static class FrameColumns
{
    /// <summary>The rows <paramref name="rows"/> of every column, in that order (each column's <c>Clone</c> by a map of row numbers:
    /// the same column classes).</summary>
    public static DataFrame CloneRows(DataFrame frame, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(rows);
        var map = new Int64DataFrameColumn("__rows", rows.Count);
        for (int i = 0; i < rows.Count; i++) map[i] = rows[i];
        return new DataFrame(frame.Columns.Select(c => c.Clone(map)));
    }

    public static DataFrameColumn Find(DataFrame frame, string column, string parameter)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int index = frame.Columns.IndexOf(column);
        if (index < 0)
            throw new ArgumentException($"The frame has no column '{column}'; columns are: {string.Join(", ", frame.Columns.Select(c => c.Name))}.", parameter);
        return frame.Columns[index];
    }

    public static bool IsNumeric(DataFrameColumn column) =>
        column.DataType == typeof(double) || column.DataType == typeof(float) || column.DataType == typeof(long) ||
        column.DataType == typeof(int) || column.DataType == typeof(short) || column.DataType == typeof(byte) ||
        column.DataType == typeof(decimal) || column.DataType == typeof(bool);

    /// <summary>A numeric column as doubles; null → NaN.</summary>
    public static double[] Numbers(DataFrame frame, string column, string parameter)
    {
        var c = Find(frame, column, parameter);
        if (!IsNumeric(c))
            throw new ArgumentException($"Column '{column}' is of type {c.DataType.Name}, which is not numeric.", parameter);
        return Numbers(c, double.NaN);
    }

    /// <summary>
    /// A numeric column as doubles, <paramref name="missing"/> for NULL: Int64 and Double columns straight from their buffers
    /// (1 M rows in milliseconds, no boxing per cell), any other type cell by cell (<see cref="Convert.ToDouble(object, IFormatProvider)"/>).
    /// </summary>
    public static double[] Numbers(DataFrameColumn column, double missing)
    {
        ArgumentNullException.ThrowIfNull(column);
        var result = new double[column.Length];
        switch (column)
        {
            case PrimitiveDataFrameColumn<long> c: Copy(c, result, missing, static v => v); break;
            case PrimitiveDataFrameColumn<double> c: Copy(c, result, missing, static v => v); break;
            default:
                for (long i = 0; i < result.Length; i++)
                    result[i] = column[i] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : missing;
                break;
        }
        return result;
    }

    /// <summary>
    /// An integer column as Int64, <paramref name="missing"/> for NULL: an Int64 column straight from its buffers, any other type cell
    /// by cell (<see cref="Convert.ToInt64(object, IFormatProvider)"/>).
    /// </summary>
    public static long[] Integers(DataFrameColumn column, long missing)
    {
        ArgumentNullException.ThrowIfNull(column);
        var result = new long[column.Length];
        if (column is PrimitiveDataFrameColumn<long> c)
        {
            bool anyNull = c.NullCount > 0;
            int at = 0;
            using var bitmaps = c.GetReadOnlyNullBitMapBuffers().GetEnumerator();
            foreach (var buffer in c.GetReadOnlyDataBuffers())
            {
                bitmaps.MoveNext();
                buffer.Span.CopyTo(result.AsSpan(at));
                if (anyNull)
                {
                    var bits = bitmaps.Current.Span;
                    for (int i = 0; i < buffer.Length; i++)
                        if (((bits[i >> 3] >> (i & 7)) & 1) == 0) result[at + i] = missing;
                }
                at += buffer.Length;
            }
            return result;
        }
        for (long i = 0; i < result.Length; i++)
            result[i] = column[i] is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : missing;
        return result;
    }

    private static void Copy<T>(PrimitiveDataFrameColumn<T> column, double[] result, double missing, Func<T, double> toDouble) where T : unmanaged
    {
        bool anyNull = column.NullCount > 0;
        int at = 0;
        using var bitmaps = column.GetReadOnlyNullBitMapBuffers().GetEnumerator();
        foreach (var buffer in column.GetReadOnlyDataBuffers())
        {
            bitmaps.MoveNext();
            var values = buffer.Span;
            var bits = bitmaps.Current.Span;
            for (int i = 0; i < values.Length; i++)
                result[at + i] = !anyNull || ((bits[i >> 3] >> (i & 7)) & 1) != 0 ? toDouble(values[i]) : missing;
            at += values.Length;
        }
    }

    public static double ToDouble(object? cell) => cell switch
    {
        null => double.NaN,
        double x => x,
        float x => x,
        long x => x,
        int x => x,
        short x => x,
        byte x => x,
        decimal x => (double)x,
        bool x => x ? 1 : 0,
        _ => throw new InvalidCastException($"{cell.GetType().Name} is not numeric."),
    };

    /// <summary>A column as category keys: text as is, numbers in invariant round-trip form; null (or NaN) → null.</summary>
    public static string?[] Keys(DataFrame frame, string column, string parameter, out bool numeric)
    {
        var c = Find(frame, column, parameter);
        numeric = IsNumeric(c);
        var keys = new string?[c.Length];
        for (long i = 0; i < c.Length; i++)
            keys[i] = numeric ? NumberKey(ToDouble(c[i])) : c[i] switch { null => null, string s => s, var o => Convert.ToString(o, CultureInfo.InvariantCulture) };
        return keys;
    }

    public static string? NumberKey(double value) => double.IsNaN(value) ? null : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Sorts category keys as sklearn does: numbers numerically, text by code point.</summary>
    public static string[] SortedDistinct(IEnumerable<string> keys, bool numeric) => numeric
        ? keys.Distinct().OrderBy(k => double.Parse(k, CultureInfo.InvariantCulture)).ToArray()
        : keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A copy of <paramref name="frame"/> with each named column replaced, at its position, by the given columns.</summary>
    public static DataFrame Replace(DataFrame frame, IReadOnlyDictionary<string, IReadOnlyList<DataFrameColumn>> replacements)
    {
        var columns = new List<DataFrameColumn>();
        foreach (var c in frame.Columns)
        {
            if (replacements.TryGetValue(c.Name, out var with)) columns.AddRange(with);
            else columns.Add(c.Clone());
        }
        return new DataFrame(columns);
    }

    /// <summary>
    /// The values of <paramref name="column"/> at <paramref name="rows"/> as a new column of the same class and name: what
    /// <c>column.Clone(map)</c> gives for a map of those rows, gathered from the column's buffers instead of cell by cell (a million
    /// rows of forty columns: about a second less). The new column holds its values as one read-only buffer, copied on its first
    /// write (as every column over given memory).
    /// </summary>
    public static DataFrameColumn Take(DataFrameColumn column, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(rows);
        return column switch
        {
            DoubleDataFrameColumn c => new DoubleDataFrameColumn(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            Int64DataFrameColumn c => new Int64DataFrameColumn(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            Int32DataFrameColumn c => new Int32DataFrameColumn(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            BooleanDataFrameColumn c => new BooleanDataFrameColumn(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            PrimitiveDataFrameColumn<DateTime> c when c.GetType() == typeof(PrimitiveDataFrameColumn<DateTime>) =>
                new PrimitiveDataFrameColumn<DateTime>(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            StringDataFrameColumn c => new StringDataFrameColumn(c.Name, rows.Select(r => c[r])),
            _ => column.Clone(Map(rows)),
        };
    }

    /// <summary>
    /// As <see cref="Take"/>, where a row below 0 is missing: NULL, or <paramref name="missing"/> in an Int64 column. Null (nothing
    /// gathered) for a column class other than Double, Int64, Int32, Boolean, DateTime and String, or a missing value for another class.
    /// </summary>
    public static DataFrameColumn? TakeOrMissing(DataFrameColumn column, int[] rows, long? missing = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(rows);
        if (missing is not null && column is not Int64DataFrameColumn) return null;
        return column switch
        {
            DoubleDataFrameColumn c => new DoubleDataFrameColumn(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            Int64DataFrameColumn c => new Int64DataFrameColumn(c.Name, Gather(c, rows, missing ?? 0, missing is not null, out var bits, out int nulls), bits, rows.Length, nulls),
            Int32DataFrameColumn c => new Int32DataFrameColumn(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            BooleanDataFrameColumn c => new BooleanDataFrameColumn(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            PrimitiveDataFrameColumn<DateTime> c when c.GetType() == typeof(PrimitiveDataFrameColumn<DateTime>) =>
                new PrimitiveDataFrameColumn<DateTime>(c.Name, Gather(c, rows, default, false, out var bits, out int nulls), bits, rows.Length, nulls),
            StringDataFrameColumn c => new StringDataFrameColumn(c.Name, rows.Select(r => r >= 0 ? c[r] : null)),
            _ => null,
        };
    }

    private static Int64DataFrameColumn Map(int[] rows)
    {
        var map = new Int64DataFrameColumn("__rows", rows.Length);
        for (int i = 0; i < rows.Length; i++) map[i] = rows[i];
        return map;
    }

    // The values at the rows (as bytes, for the column constructor over memory) and their validity bitmap; a row below 0 is missing:
    // NULL, or the valid value `missing` when `missingValid`. Rows are gathered buffer by buffer (a column holds one unless it is very
    // long), each buffer's rows from its own span.
    private static byte[] Gather<T>(PrimitiveDataFrameColumn<T> column, int[] rows, T missing, bool missingValid, out byte[] bits, out int nulls)
        where T : unmanaged
    {
        var bytes = new byte[rows.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
        var taken = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes.AsSpan());
        bits = new byte[(rows.Length + 7) / 8];
        nulls = 0;
        var buffers = column.GetReadOnlyDataBuffers().ToArray();
        var bitmaps = column.GetReadOnlyNullBitMapBuffers().ToArray();
        var starts = new long[buffers.Length + 1];
        for (int b = 0; b < buffers.Length; b++) starts[b + 1] = starts[b] + buffers[b].Length;
        for (int i = 0; i < rows.Length; i++)
        {
            long r = rows[i];
            if (r < 0)
            {
                if (missingValid) { taken[i] = missing; bits[i >> 3] |= (byte)(1 << (i & 7)); }
                else nulls++;
                continue;
            }
            int b = 0;
            while (r >= starts[b + 1]) b++;
            int at = (int)(r - starts[b]);
            if (((bitmaps[b].Span[at >> 3] >> (at & 7)) & 1) != 0)
            {
                taken[i] = buffers[b].Span[at];
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
            else nulls++;
        }
        return bytes;
    }

    /// <summary>A double column; NaN → null.</summary>
    public static DoubleDataFrameColumn Column(string name, double[] values) =>
        new(name, values.Select(v => double.IsNaN(v) ? (double?)null : v));
}
