using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Microsoft.Data.Analysis;

namespace Segmentation.Data;

/// <summary>
/// Copies a DuckDB result received as Arrow record batches into the DataFrame <see cref="DataFrameReader"/> would build
/// from the same result: the same column names and types (text → string, integers → Int64, numbers → Double, booleans →
/// Boolean, dates/timestamps → DateTime), values, NULLs and row order — about 4× faster, since whole vectors are copied
/// instead of one value at a time through <see cref="System.Data.Common.DbDataReader"/>.
/// </summary>
/// <remarks>
/// Only what it can reproduce exactly is read: a type outside that list (TIMESTAMP WITH TIME ZONE, TIMESTAMP_NS/MS/S, ENUM,
/// lists, …), a date or timestamp outside .NET's range (the reader throws) or a DECIMAL whose unscaled value reaches 2⁵³
/// (the double conversion of the reader's <see cref="decimal"/> could round differently) makes it give up (null), and the
/// caller runs the query again through the reader. HUGEINT must arrive as DuckDB's lossless extension type
/// (<c>SET arrow_lossless_conversion = true</c>), not as DECIMAL(38,0), to be converted as the reader converts it
/// (<see cref="BigInteger"/> → double). Columns are built once from copies of the batches, never as views over the
/// engine's memory (freed when the stream moves on).
/// </remarks>
internal static class ArrowDataFrameReader
{
    /// <summary>Reads every batch of <paramref name="stream"/>; null when a column cannot be reproduced exactly.</summary>
    public static DataFrame? TryRead(IArrowArrayStream stream)
    {
        var schema = stream.Schema;
        var builders = new List<(int Ordinal, ColumnBuilder Builder)>();
        for (int i = 0; i < schema.FieldsList.Count; i++)
        {
            var field = schema.FieldsList[i];
            if (field.Name.StartsWith("__", StringComparison.Ordinal)) continue;
            var builder = ColumnBuilder.For(field);
            if (builder is null) return null;
            builders.Add((i, builder));
        }
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            using (batch)
                foreach (var (ordinal, builder) in builders)
                    if (!builder.Append(batch.Column(ordinal)))
                        return null;
        return new DataFrame(builders.Select(b => b.Builder.Build()));
    }

    private abstract class ColumnBuilder(string name)
    {
        protected string Name { get; } = name;

        /// <summary>Rows appended so far.</summary>
        protected int Count { get; private set; }

        /// <summary>False when a value cannot be converted exactly as the reader would.</summary>
        public abstract bool Append(IArrowArray array);

        public abstract DataFrameColumn Build();

        protected void Advance(int rows) => Count = checked(Count + rows);

        /// <summary>The validity bits of <paramref name="array"/> (empty when it has no NULL) and the bit offset of its first row.</summary>
        protected static (ReadOnlyMemory<byte> Bits, int Offset) Validity(IArrowArray array) =>
            array.NullCount == 0 ? (ReadOnlyMemory<byte>.Empty, 0) : (array.Data.Buffers[0].Memory, array.Offset);

        /// <summary>True if row <paramref name="i"/> is not NULL (bit set, or no bitmap at all).</summary>
        protected static bool IsValid(ReadOnlySpan<byte> bits, int offset, int i)
        {
            if (bits.IsEmpty) return true;
            int k = offset + i;
            return ((bits[k >> 3] >> (k & 7)) & 1) != 0;
        }

        public static ColumnBuilder? For(Field field)
        {
            var type = field.DataType;
            string name = field.Name;
            // Lossless conversion marks DuckDB's own types as extensions: BOOLEAN as bool8 (one byte per value), HUGEINT and
            // UHUGEINT as opaque 16 bytes. Any other extension type is left to the reader.
            if (field.Metadata is { } meta && meta.TryGetValue("ARROW:extension:name", out var extension))
                return extension switch
                {
                    "arrow.bool8" when type.TypeId == ArrowTypeId.Int8 => new BooleanColumn(name),
                    "arrow.opaque" when IsDuckDbType(field, "hugeint") => new DoubleColumn(name, unsignedHugeInt: false),
                    "arrow.opaque" when IsDuckDbType(field, "uhugeint") => new DoubleColumn(name, unsignedHugeInt: true),
                    _ => null,
                };
            return type.TypeId switch
            {
                ArrowTypeId.String => new StringColumn(name),
                ArrowTypeId.Int64 or ArrowTypeId.Int32 or ArrowTypeId.Int16 or ArrowTypeId.Int8
                    or ArrowTypeId.UInt32 or ArrowTypeId.UInt16 or ArrowTypeId.UInt8 => new Int64Column(name),
                ArrowTypeId.Double or ArrowTypeId.Float or ArrowTypeId.UInt64 => new DoubleColumn(name, unsignedHugeInt: false),
                ArrowTypeId.Decimal128 when ((Decimal128Type)type).Scale <= 22 => new DoubleColumn(name, unsignedHugeInt: false),
                ArrowTypeId.Boolean => new BooleanColumn(name),
                ArrowTypeId.Date32 => new DateTimeColumn(name),
                ArrowTypeId.Timestamp when type is TimestampType { Unit: TimeUnit.Microsecond, Timezone: null or "" } => new DateTimeColumn(name),
                _ => null,
            };
        }

        /// <summary>True for DuckDB's lossless extension type <paramref name="typeName"/> (<c>arrow.opaque</c> with its vendor metadata).</summary>
        private static bool IsDuckDbType(Field field, string typeName) =>
            field.DataType is FixedSizeBinaryType { ByteWidth: 16 }
            && field.Metadata is { } meta
            && meta.TryGetValue("ARROW:extension:name", out var ext) && ext == "arrow.opaque"
            && meta.TryGetValue("ARROW:extension:metadata", out var json)
            && json.Contains($"\"type_name\":\"{typeName}\"", StringComparison.Ordinal)
            && json.Contains("\"vendor_name\":\"DuckDB\"", StringComparison.Ordinal);
    }

    /// <summary>A fixed-width column: values and validity bits grow in place and become the DataFrame column's buffers.</summary>
    private abstract class PrimitiveColumn<T>(string name) : ColumnBuilder(name) where T : unmanaged
    {
        private static readonly int Size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        private byte[] values = new byte[2048 * Size];
        private byte[] validity = new byte[256];
        private int nulls;

        protected Span<T> Reserve(int rows)
        {
            int needed = checked(Count + rows);
            if ((long)needed * Size > values.Length)
            {
                int size = Math.Max(needed, values.Length / Size * 2);
                System.Array.Resize(ref values, checked(size * Size));
                System.Array.Resize(ref validity, (size + 7) / 8);
            }
            return MemoryMarshal.Cast<byte, T>(values.AsSpan()).Slice(Count, rows);
        }

        /// <summary>Marks the <paramref name="rows"/> reserved rows valid or not (NULL slots hold default, as the reader's columns do).</summary>
        protected void Commit(int rows, IArrowArray array)
        {
            int start = Count;
            if (array.NullCount == 0)
            {
                int i = start, end = start + rows;
                for (; i < end && (i & 7) != 0; i++) validity[i >> 3] |= (byte)(1 << (i & 7));
                int whole = (end - i) >> 3;
                validity.AsSpan(i >> 3, whole).Fill(0xFF);
                for (i += whole << 3; i < end; i++) validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                var span = MemoryMarshal.Cast<byte, T>(values.AsSpan()).Slice(start, rows);
                var (memory, offset) = Validity(array);
                var bits = memory.Span;
                for (int i = 0; i < rows; i++)
                {
                    if (IsValid(bits, offset, i)) validity[(start + i) >> 3] |= (byte)(1 << ((start + i) & 7));
                    else { span[i] = default; nulls++; }
                }
            }
            Advance(rows);
        }

        public sealed override DataFrameColumn Build()
        {
            var column = Create(values.AsMemory(0, Count * Size), validity.AsMemory(0, (Count + 7) / 8), Count, nulls);
            // A column over given memory is read-only and copied on its first write, but Append does not copy it (it throws):
            // one write of an unchanged value makes it an ordinary growable column now (a block copy of each buffer).
            if (Count > 0) column[0] = column[0];
            return column;
        }

        protected abstract PrimitiveDataFrameColumn<T> Create(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> bits, int length, int nullCount);
    }

    private sealed class Int64Column(string name) : PrimitiveColumn<long>(name)
    {
        public override bool Append(IArrowArray array)
        {
            int n = array.Length;
            var target = Reserve(n);
            switch (array)
            {
                case Int64Array a: a.Values.CopyTo(target); break;
                case Int32Array a: Widen(a.Values, target); break;
                case Int16Array a: Widen(a.Values, target); break;
                case Int8Array a: Widen(a.Values, target); break;
                case UInt32Array a: Widen(a.Values, target); break;
                case UInt16Array a: Widen(a.Values, target); break;
                case UInt8Array a: Widen(a.Values, target); break;
                default: return false;
            }
            Commit(n, array);
            return true;
        }

        private static void Widen<TSource>(ReadOnlySpan<TSource> source, Span<long> target) where TSource : unmanaged, IBinaryInteger<TSource>
        {
            for (int i = 0; i < source.Length; i++) target[i] = long.CreateTruncating(source[i]);
        }

        protected override PrimitiveDataFrameColumn<long> Create(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> bits, int length, int nullCount) =>
            new Int64DataFrameColumn(Name, bytes, bits, length, nullCount);
    }

    private sealed class DoubleColumn(string name, bool unsignedHugeInt) : PrimitiveColumn<double>(name)
    {
        // 2⁵³: below it an unscaled decimal converts to double exactly, so m / 10^s rounds once, as decimal → double does.
        private static readonly Int128 ExactLimit = (Int128)1 << 53;

        private static readonly double[] PowersOfTen = [.. Enumerable.Range(0, 23).Select(k => Math.Pow(10, k))];

        public override bool Append(IArrowArray array)
        {
            int n = array.Length;
            var target = Reserve(n);
            switch (array)
            {
                case DoubleArray a: a.Values.CopyTo(target); break;
                case FloatArray a: { var floats = a.Values; for (int i = 0; i < n; i++) target[i] = floats[i]; break; }
                case UInt64Array a: { var longs = a.Values; for (int i = 0; i < n; i++) target[i] = longs[i]; break; }
                case Decimal128Array a:
                {
                    var (nullBits, offset) = Validity(a);
                    var bits = nullBits.Span;
                    int scale = ((Decimal128Type)a.Data.DataType).Scale;
                    var raw = MemoryMarshal.Cast<byte, Int128>(a.ValueBuffer.Span).Slice(a.Offset, n);
                    for (int i = 0; i < n; i++)
                    {
                        if (!IsValid(bits, offset, i)) continue;
                        var m = raw[i];
                        if (Int128.Abs(m) >= ExactLimit) return false;
                        target[i] = (double)(long)m / PowersOfTen[scale];
                    }
                    break;
                }
                case FixedSizeBinaryArray a:
                {
                    var (nullBits, offset) = Validity(a);
                    var bits = nullBits.Span;
                    // DuckDB's HUGEINT / UHUGEINT (lossless extension type): the reader converts its BigInteger to double.
                    for (int i = 0; i < n; i++)
                    {
                        if (!IsValid(bits, offset, i)) continue;
                        var bytes = a.GetBytes(i);
                        var value = new BigInteger(bytes, isUnsigned: unsignedHugeInt, isBigEndian: false);
                        target[i] = (double)value;
                    }
                    break;
                }
                default: return false;
            }
            Commit(n, array);
            return true;
        }

        protected override PrimitiveDataFrameColumn<double> Create(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> bits, int length, int nullCount) =>
            new DoubleDataFrameColumn(Name, bytes, bits, length, nullCount);
    }

    private sealed class BooleanColumn(string name) : PrimitiveColumn<bool>(name)
    {
        public override bool Append(IArrowArray array)
        {
            int n = array.Length;
            var target = Reserve(n);
            switch (array)
            {
                case Int8Array a: { var bytes = a.Values; for (int i = 0; i < n; i++) target[i] = bytes[i] != 0; break; }
                case BooleanArray a: for (int i = 0; i < n; i++) target[i] = a.GetValue(i) ?? false; break;
                default: return false;
            }
            Commit(n, array);
            return true;
        }

        protected override PrimitiveDataFrameColumn<bool> Create(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> bits, int length, int nullCount) =>
            new BooleanDataFrameColumn(Name, bytes, bits, length, nullCount);
    }

    private sealed class DateTimeColumn(string name) : PrimitiveColumn<DateTime>(name)
    {
        // The reader's values: TIMESTAMP → DateTime (Kind Unspecified, 100 ns ticks); DATE → DateOnly at midnight.
        private static readonly long EpochTicks = new DateTime(1970, 1, 1).Ticks;
        private static readonly long MinMicros = (DateTime.MinValue.Ticks - EpochTicks) / 10;
        private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - EpochTicks) / 10;
        private static readonly int MinDay = (int)((DateTime.MinValue.Ticks - EpochTicks) / TimeSpan.TicksPerDay);
        private static readonly int MaxDay = (int)((DateTime.MaxValue.Ticks - EpochTicks) / TimeSpan.TicksPerDay);

        public override bool Append(IArrowArray array)
        {
            int n = array.Length;
            var target = Reserve(n);
            switch (array)
            {
                case TimestampArray a:
                {
                    var (nullBits, offset) = Validity(a);
                    var bits = nullBits.Span;
                    var micros = a.Values;
                    for (int i = 0; i < n; i++)
                    {
                        if (!IsValid(bits, offset, i)) continue;
                        long v = micros[i];
                        // Outside DateTime's range (or ±infinity) the reader throws: let it.
                        if (v < MinMicros || v > MaxMicros) return false;
                        target[i] = new DateTime(EpochTicks + v * 10, DateTimeKind.Unspecified);
                    }
                    break;
                }
                case Date32Array a:
                {
                    var (nullBits, offset) = Validity(a);
                    var bits = nullBits.Span;
                    var days = a.Values;
                    for (int i = 0; i < n; i++)
                    {
                        if (!IsValid(bits, offset, i)) continue;
                        int v = days[i];
                        if (v < MinDay || v > MaxDay) return false;
                        target[i] = new DateTime(EpochTicks + v * TimeSpan.TicksPerDay, DateTimeKind.Unspecified);
                    }
                    break;
                }
                default: return false;
            }
            Commit(n, array);
            return true;
        }

        protected override PrimitiveDataFrameColumn<DateTime> Create(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> bits, int length, int nullCount) =>
            new(Name, bytes, bits, length, nullCount);
    }

    private sealed class StringColumn(string name) : ColumnBuilder(name)
    {
        private readonly List<string?> values = [];

        public override bool Append(IArrowArray array)
        {
            if (array is not StringArray a) return false;
            int n = a.Length;
            var (nullBits, offset) = Validity(a);
            var bits = nullBits.Span;
            var offsets = a.ValueOffsets;
            var data = a.ValueBuffer.Span;
            for (int i = 0; i < n; i++)
                values.Add(IsValid(bits, offset, i) ? Decode(data[offsets[i]..offsets[i + 1]]) : null);
            Advance(n);
            return true;
        }

        // Text columns of a customer table are mostly codes (gender, region, …): each distinct value is decoded into one
        // string and shared, while the cache keeps paying; ids (all distinct) switch it off after the first rows.
        private const int CacheLimit = 4096, TrialRows = 8192;
        private Dictionary<string, string>? cache = new(StringComparer.Ordinal);
        private int lookups, hits;

        private string Decode(ReadOnlySpan<byte> utf8)
        {
            if (cache is null || utf8.Length > 128) return Encoding.UTF8.GetString(utf8);
            Span<char> chars = stackalloc char[128];
            int length = Encoding.UTF8.GetChars(utf8, chars);
            var text = chars[..length];
            var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
            lookups++;
            if (lookup.TryGetValue(text, out var known)) { hits++; return known; }
            var value = new string(text);
            if (cache.Count < CacheLimit) cache[value] = value;
            if (lookups == TrialRows && hits < TrialRows / 2) cache = null;
            return value;
        }

        public override DataFrameColumn Build() => new StringDataFrameColumn(Name, values);
    }
}
