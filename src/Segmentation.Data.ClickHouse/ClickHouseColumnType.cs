using System.Globalization;

namespace Segmentation.Data.ClickHouse;

/// <summary>The RowBinary layout of one ClickHouse column type, parsed from its name (<c>Nullable(Decimal(18, 2))</c>).</summary>
/// <param name="Name">The full type name as the server wrote it.</param>
/// <param name="Kind">The value layout without Nullable.</param>
/// <param name="Nullable">True for <c>Nullable(T)</c>: each value is preceded by a flag byte (1 = NULL).</param>
/// <param name="Scale">Decimal places of a Decimal (value = integer / 10^Scale); 0 otherwise.</param>
/// <param name="Width">Bytes of a fixed-width value (FixedString length, Decimal 4/8/16); 0 for variable width.</param>
internal sealed record ClickHouseColumnType(string Name, ClickHouseValueKind Kind, bool Nullable, int Scale, int Width)
{
    /// <summary>Parses a type name.</summary>
    /// <exception cref="NotSupportedException">A type the decoder does not read (Array, Tuple, Map, …), named.</exception>
    public static ClickHouseColumnType Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string t = name.Trim();
        bool nullable = false;
        if (t.StartsWith("Nullable(", StringComparison.Ordinal) && t.EndsWith(')'))
        {
            nullable = true;
            t = t["Nullable(".Length..^1].Trim();
        }
        if (t.StartsWith("LowCardinality(", StringComparison.Ordinal) && t.EndsWith(')'))
            return Parse(t["LowCardinality(".Length..^1]) with { Name = name };
        (ClickHouseValueKind kind, int scale, int width) = t switch
        {
            "UInt8" => (ClickHouseValueKind.UInt8, 0, 1),
            "UInt16" => (ClickHouseValueKind.UInt16, 0, 2),
            "UInt32" => (ClickHouseValueKind.UInt32, 0, 4),
            "UInt64" => (ClickHouseValueKind.UInt64, 0, 8),
            "Int8" => (ClickHouseValueKind.Int8, 0, 1),
            "Int16" => (ClickHouseValueKind.Int16, 0, 2),
            "Int32" => (ClickHouseValueKind.Int32, 0, 4),
            "Int64" => (ClickHouseValueKind.Int64, 0, 8),
            "Float32" => (ClickHouseValueKind.Float32, 0, 4),
            "Float64" => (ClickHouseValueKind.Float64, 0, 8),
            "String" => (ClickHouseValueKind.String, 0, 0),
            "Date" => (ClickHouseValueKind.Date, 0, 2),
            "DateTime" => (ClickHouseValueKind.DateTime, 0, 4),
            "Nothing" => (ClickHouseValueKind.Nothing, 0, 0),
            _ when t.StartsWith("DateTime(", StringComparison.Ordinal) => (ClickHouseValueKind.DateTime, 0, 4),
            _ when t.StartsWith("FixedString(", StringComparison.Ordinal) => (ClickHouseValueKind.FixedString, 0, Arguments(t)[0]),
            _ when t.StartsWith("Decimal32(", StringComparison.Ordinal) => (ClickHouseValueKind.Decimal, Arguments(t)[0], 4),
            _ when t.StartsWith("Decimal64(", StringComparison.Ordinal) => (ClickHouseValueKind.Decimal, Arguments(t)[0], 8),
            _ when t.StartsWith("Decimal128(", StringComparison.Ordinal) => (ClickHouseValueKind.Decimal, Arguments(t)[0], 16),
            _ when t.StartsWith("Decimal(", StringComparison.Ordinal) => DecimalOf(Arguments(t)),
            _ => throw new NotSupportedException($"ClickHouse type '{name}' is not supported by the RowBinary decoder."),
        };
        return new ClickHouseColumnType(name, kind, nullable, scale, width);
    }

    private static (ClickHouseValueKind, int, int) DecimalOf(int[] precisionScale)
    {
        int p = precisionScale[0];
        return (ClickHouseValueKind.Decimal, precisionScale[1], p <= 9 ? 4 : p <= 18 ? 8 : 16);
    }

    private static int[] Arguments(string t)
    {
        int open = t.IndexOf('(');
        return t[(open + 1)..^1].Split(',').Select(a => int.Parse(a.Trim(), CultureInfo.InvariantCulture)).ToArray();
    }
}
