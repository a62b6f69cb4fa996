using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// Encodes rows in ClickHouse's <c>RowBinary</c> input format (the layout <see cref="RowBinaryReader"/> decodes), for bulk inserts
/// that need no typed client support from the server.
/// </summary>
/// <remarks>Decimal values are scaled and rounded half away from zero to the column's scale; DateTime values are taken as UTC
/// and must lie in 1970-01-01 … 2106-02-07 (UInt32 seconds), Date values in 1970-01-01 … 2149-06-06.</remarks>
internal sealed class RowBinaryWriter(Stream output)
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private readonly byte[] scratch = new byte[16];

    /// <summary>Writes one value (null only for a Nullable type) of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">The value does not fit the type (named).</exception>
    public void Write(object? value, ClickHouseColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is null or DBNull)
        {
            if (!type.Nullable) throw new ArgumentException($"NULL for the non-Nullable type {type.Name}.", nameof(value));
            output.WriteByte(1);
            return;
        }
        if (type.Nullable) output.WriteByte(0);
        var b = scratch.AsSpan();
        switch (type.Kind)
        {
            case ClickHouseValueKind.String:
                var bytes = Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                WriteVarUInt((ulong)bytes.Length);
                output.Write(bytes);
                return;
            case ClickHouseValueKind.UInt8: b[0] = value is bool flag ? (byte)(flag ? 1 : 0) : Convert.ToByte(value, CultureInfo.InvariantCulture); output.WriteByte(b[0]); return;
            case ClickHouseValueKind.Int8: output.WriteByte((byte)Convert.ToSByte(value, CultureInfo.InvariantCulture)); return;
            case ClickHouseValueKind.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(b, Convert.ToUInt16(value, CultureInfo.InvariantCulture)); break;
            case ClickHouseValueKind.Int16: BinaryPrimitives.WriteInt16LittleEndian(b, Convert.ToInt16(value, CultureInfo.InvariantCulture)); break;
            case ClickHouseValueKind.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(b, Convert.ToUInt32(value, CultureInfo.InvariantCulture)); break;
            case ClickHouseValueKind.Int32: BinaryPrimitives.WriteInt32LittleEndian(b, Convert.ToInt32(value, CultureInfo.InvariantCulture)); break;
            case ClickHouseValueKind.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(b, Convert.ToUInt64(value, CultureInfo.InvariantCulture)); break;
            case ClickHouseValueKind.Int64: BinaryPrimitives.WriteInt64LittleEndian(b, Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ClickHouseValueKind.Float32: BinaryPrimitives.WriteSingleLittleEndian(b, Convert.ToSingle(value, CultureInfo.InvariantCulture)); break;
            case ClickHouseValueKind.Float64: BinaryPrimitives.WriteDoubleLittleEndian(b, Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case ClickHouseValueKind.Date:
                BinaryPrimitives.WriteUInt16LittleEndian(b, checked((ushort)(AsDateTime(value).Date - Epoch).TotalDays));
                break;
            case ClickHouseValueKind.DateTime:
                var seconds = (long)Math.Floor((AsDateTime(value) - Epoch).TotalSeconds);
                if (seconds is < 0 or > uint.MaxValue) throw new ArgumentException($"{value} is outside the DateTime range 1970–2106.", nameof(value));
                BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)seconds);
                break;
            case ClickHouseValueKind.Decimal:
                decimal d = value is decimal dec ? dec : Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                decimal scaled = Math.Round(d * Pow10(type.Scale), 0, MidpointRounding.AwayFromZero);
                if (type.Width == 4) BinaryPrimitives.WriteInt32LittleEndian(b, decimal.ToInt32(scaled));
                else if (type.Width == 8) BinaryPrimitives.WriteInt64LittleEndian(b, decimal.ToInt64(scaled));
                else BinaryPrimitives.WriteInt128LittleEndian(b, (Int128)scaled);
                break;
            case ClickHouseValueKind.FixedString:
                var fixedBytes = new byte[type.Width];
                Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!).AsSpan(0, Math.Min(type.Width, Encoding.UTF8.GetByteCount(Convert.ToString(value, CultureInfo.InvariantCulture)!))).CopyTo(fixedBytes);
                output.Write(fixedBytes);
                return;
            default:
                throw new ArgumentException($"Type {type.Name} cannot be written.", nameof(type));
        }
        output.Write(b[..type.Width]);
    }

    /// <summary>Writes the current row of <paramref name="reader"/>, column i as <paramref name="types"/>[i].</summary>
    public void WriteRow(DbDataReader reader, IReadOnlyList<ClickHouseColumnType> types)
    {
        ArgumentNullException.ThrowIfNull(reader);
        for (int i = 0; i < types.Count; i++) Write(reader.IsDBNull(i) ? null : reader.GetValue(i), types[i]);
    }

    private void WriteVarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }

    private static DateTime AsDateTime(object value) => value switch
    {
        DateTime t => t,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset o => o.UtcDateTime,
        _ => Convert.ToDateTime(value, CultureInfo.InvariantCulture),
    };

    private static decimal Pow10(int scale)
    {
        decimal p = 1;
        for (int i = 0; i < scale; i++) p *= 10;
        return p;
    }
}
