using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Analysis;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// Decodes ClickHouse's <c>RowBinary</c> output (rows one after another, each column's value in turn, no header) into a typed
/// DataFrame, given the column names and types (from <c>DESCRIBE (query)</c> or a <c>RowBinaryWithNamesAndTypes</c> header).
/// </summary>
/// <remarks>
/// Layout (ClickHouse docs, "RowBinary"): fixed-width values little-endian; <c>String</c> = unsigned LEB128 length + bytes;
/// <c>Nullable(T)</c> = one byte (1 = NULL, no value follows; 0 = a T follows); <c>Date</c> = UInt16 days since 1970-01-01;
/// <c>DateTime</c> = UInt32 seconds since 1970-01-01 UTC; <c>Decimal</c> = signed integer of 4/8/16 bytes scaled by 10^-S.
/// Columns come out as <see cref="Data.DataFrameReader"/> gives them for the embedded engine: text → string, integers → Int64,
/// UInt8 (ClickHouse's boolean) → Boolean, Float/Decimal → Double, Date/DateTime → DateTime; names starting with <c>__</c> are
/// read and dropped. A stream that ends inside a row, or has bytes left after the last row, is an error: a result is whole or
/// not at all.
/// </remarks>
internal static class RowBinaryReader
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Reads every row of <paramref name="stream"/>.</summary>
    /// <param name="stream">The response body.</param>
    /// <param name="columns">Names and types of the columns; null when the stream is <c>RowBinaryWithNamesAndTypes</c>
    /// (a LEB128 column count, the names, then the types, then the rows).</param>
    /// <exception cref="InvalidDataException">The stream is truncated or malformed.</exception>
    /// <exception cref="NotSupportedException">A column type the decoder does not read (named).</exception>
    public static DataFrame Read(Stream stream, IReadOnlyList<(string Name, string Type)>? columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var input = new Input(stream);
        columns ??= Header(input);
        var types = columns.Select(c => ClickHouseColumnType.Parse(c.Type)).ToArray();
        var sinks = columns.Select((c, i) => Sink.For(c.Name, types[i])).ToArray();
        long row = 0;
        while (types.Length > 0 && !input.AtEnd())
        {
            for (int c = 0; c < types.Length; c++)
            {
                try
                {
                    if (types[c].Nullable && input.Byte() != 0) sinks[c].AddNull();
                    else sinks[c].Add(input, types[c]);
                }
                catch (EndOfStreamException)
                {
                    throw new InvalidDataException($"RowBinary stream ends inside row {row + 1}, column '{columns[c].Name}' ({types[c].Name}).");
                }
            }
            row++;
        }
        return new DataFrame(sinks.Where(s => !s.Name.StartsWith("__", StringComparison.Ordinal)).Select(s => s.Build()));
    }

    private static IReadOnlyList<(string Name, string Type)> Header(Input input)
    {
        try
        {
            int n = checked((int)input.VarUInt());
            var names = new string[n];
            for (int i = 0; i < n; i++) names[i] = input.String();
            var result = new (string, string)[n];
            for (int i = 0; i < n; i++) result[i] = (names[i], input.String());
            return result;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("RowBinaryWithNamesAndTypes stream ends inside its header.");
        }
    }

    /// <summary>Buffered little-endian reads over a stream.</summary>
    private sealed class Input(Stream stream)
    {
        private readonly byte[] buffer = new byte[1 << 16];
        private int position, length;

        public bool AtEnd() => position >= length && Fill(1) == 0;

        private int Fill(int needed)
        {
            if (position > 0)
            {
                Buffer.BlockCopy(buffer, position, buffer, 0, length - position);
                length -= position;
                position = 0;
            }
            while (length < needed)
            {
                int n = stream.Read(buffer, length, buffer.Length - length);
                if (n == 0) break;
                length += n;
            }
            return length;
        }

        public ReadOnlySpan<byte> Take(int count)
        {
            if (length - position < count)
            {
                if (count > buffer.Length) throw new InvalidDataException($"Value of {count} bytes is larger than the read buffer.");
                if (Fill(count) < count) throw new EndOfStreamException();
            }
            var span = new ReadOnlySpan<byte>(buffer, position, count);
            position += count;
            return span;
        }

        public byte Byte() => Take(1)[0];

        public ulong VarUInt()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                byte b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new InvalidDataException("Malformed LEB128 length.");
        }

        public string String()
        {
            int n = checked((int)VarUInt());
            if (n <= buffer.Length) return Encoding.UTF8.GetString(Take(n));
            var big = new byte[n];
            int done = 0;
            while (done < n)
            {
                int chunk = Math.Min(buffer.Length, n - done);
                Take(chunk).CopyTo(big.AsSpan(done));
                done += chunk;
            }
            return Encoding.UTF8.GetString(big);
        }
    }

    private abstract class Sink(string name)
    {
        public string Name { get; } = name;
        public abstract void Add(Input input, ClickHouseColumnType type);
        public abstract void AddNull();
        public abstract DataFrameColumn Build();

        public static Sink For(string name, ClickHouseColumnType type) => type.Kind switch
        {
            ClickHouseValueKind.String or ClickHouseValueKind.FixedString => new TextSink(name),
            ClickHouseValueKind.UInt8 => new BoolSink(name),
            ClickHouseValueKind.Float32 or ClickHouseValueKind.Float64 or ClickHouseValueKind.Decimal or ClickHouseValueKind.Nothing => new DoubleSink(name),
            ClickHouseValueKind.Date or ClickHouseValueKind.DateTime => new DateSink(name),
            _ => new Int64Sink(name),
        };
    }

    private sealed class TextSink(string name) : Sink(name)
    {
        private readonly List<string?> values = [];
        public override void Add(Input input, ClickHouseColumnType type) =>
            values.Add(type.Kind == ClickHouseValueKind.String ? input.String() : Encoding.UTF8.GetString(input.Take(type.Width)).TrimEnd('\0'));
        public override void AddNull() => values.Add(null);
        public override DataFrameColumn Build() => new StringDataFrameColumn(Name, values);
    }

    private sealed class BoolSink(string name) : Sink(name)
    {
        private readonly List<bool?> values = [];
        public override void Add(Input input, ClickHouseColumnType type) => values.Add(input.Byte() != 0);
        public override void AddNull() => values.Add(null);
        public override DataFrameColumn Build() => new BooleanDataFrameColumn(Name, values);
    }

    private sealed class Int64Sink(string name) : Sink(name)
    {
        private readonly List<long?> values = [];
        public override void Add(Input input, ClickHouseColumnType type)
        {
            var b = input.Take(type.Width);
            values.Add(type.Kind switch
            {
                ClickHouseValueKind.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(b),
                ClickHouseValueKind.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(b),
                ClickHouseValueKind.UInt64 => checked((long)BinaryPrimitives.ReadUInt64LittleEndian(b)),
                ClickHouseValueKind.Int8 => (sbyte)b[0],
                ClickHouseValueKind.Int16 => BinaryPrimitives.ReadInt16LittleEndian(b),
                ClickHouseValueKind.Int32 => BinaryPrimitives.ReadInt32LittleEndian(b),
                _ => BinaryPrimitives.ReadInt64LittleEndian(b),
            });
        }
        public override void AddNull() => values.Add(null);
        public override DataFrameColumn Build() => new Int64DataFrameColumn(Name, values);
    }

    private sealed class DoubleSink(string name) : Sink(name)
    {
        private readonly List<double?> values = [];
        public override void Add(Input input, ClickHouseColumnType type)
        {
            if (type.Kind == ClickHouseValueKind.Nothing) { values.Add(null); return; }
            var b = input.Take(type.Width);
            values.Add(type.Kind switch
            {
                ClickHouseValueKind.Float32 => BinaryPrimitives.ReadSingleLittleEndian(b),
                ClickHouseValueKind.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(b),
                _ => DecimalValue(b, type.Scale),
            });
        }

        // As the embedded engine's reader: the exact decimal first, then the nearest double.
        private static double DecimalValue(ReadOnlySpan<byte> b, int scale)
        {
            if (b.Length == 16)
            {
                var v = BinaryPrimitives.ReadInt128LittleEndian(b);
                return (double)((decimal)v / Pow10(scale));
            }
            long raw = b.Length == 4 ? BinaryPrimitives.ReadInt32LittleEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b);
            ulong magnitude = raw < 0 ? (ulong)-raw : (ulong)raw;
            return (double)new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, raw < 0, (byte)scale);
        }

        private static decimal Pow10(int scale)
        {
            decimal p = 1;
            for (int i = 0; i < scale; i++) p *= 10;
            return p;
        }

        public override void AddNull() => values.Add(null);
        public override DataFrameColumn Build() => new DoubleDataFrameColumn(Name, values);
    }

    private sealed class DateSink(string name) : Sink(name)
    {
        private readonly List<DateTime?> values = [];
        public override void Add(Input input, ClickHouseColumnType type)
        {
            var b = input.Take(type.Width);
            values.Add(type.Kind == ClickHouseValueKind.Date
                ? Epoch.AddDays(BinaryPrimitives.ReadUInt16LittleEndian(b))
                : Epoch.AddSeconds(BinaryPrimitives.ReadUInt32LittleEndian(b)));
        }
        public override void AddNull() => values.Add(null);
        public override DataFrameColumn Build() => new PrimitiveDataFrameColumn<DateTime>(Name, values);
    }
}
