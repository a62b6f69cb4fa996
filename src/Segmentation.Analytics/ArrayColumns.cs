using System.Runtime.InteropServices;
using Microsoft.Data.Analysis;

namespace Segmentation.Analytics;

/// <summary>
/// DataFrame columns made from whole arrays by block copies: the same columns (values, NULLs, types) as the constructors
/// that take an <see cref="IEnumerable{T}"/>, which append one value at a time (30–60 ms per million values).
/// </summary>
internal static class ArrayColumns
{
    /// <summary>An Int32 column of <paramref name="values"/> (no NULL).</summary>
    public static Int32DataFrameColumn Int32(string name, int[] values) =>
        Writable(new Int32DataFrameColumn(name, Bytes(values), Validity(values.Length, null), values.Length, 0));

    /// <summary>A Double column of <paramref name="values"/>; where <paramref name="isNull"/> says so, NULL (slot 0, as appended NULLs are).</summary>
    public static DoubleDataFrameColumn Double(string name, double[] values, Func<double, bool>? isNull = null)
    {
        bool[]? nulls = null;
        int nullCount = 0;
        if (isNull is not null)
        {
            nulls = new bool[values.Length];
            for (int i = 0; i < values.Length; i++)
                if (isNull(values[i])) { nulls[i] = true; nullCount++; }
        }
        var bytes = Bytes(values);
        if (nullCount > 0)
        {
            var slots = MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
            for (int i = 0; i < slots.Length; i++) if (nulls![i]) slots[i] = 0;
        }
        return Writable(new DoubleDataFrameColumn(name, bytes, Validity(values.Length, nullCount > 0 ? nulls : null), values.Length, nullCount));
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static byte[] Validity(int length, bool[]? nulls)
    {
        var bits = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++)
            if (nulls is null || !nulls[i]) bits[i >> 3] |= (byte)(1 << (i & 7));
        return bits;
    }

    /// <summary>
    /// A column over given memory is read-only and copied on its first write, but <c>Append</c> does not copy it (it throws):
    /// one write of an unchanged value makes it an ordinary growable column (a block copy of each buffer).
    /// </summary>
    private static TColumn Writable<TColumn, T>(TColumn column) where TColumn : PrimitiveDataFrameColumn<T> where T : unmanaged
    {
        if (column.Length > 0) column[0] = column[0];
        return column;
    }

    private static Int32DataFrameColumn Writable(Int32DataFrameColumn column) => Writable<Int32DataFrameColumn, int>(column);

    private static DoubleDataFrameColumn Writable(DoubleDataFrameColumn column) => Writable<DoubleDataFrameColumn, double>(column);
}
