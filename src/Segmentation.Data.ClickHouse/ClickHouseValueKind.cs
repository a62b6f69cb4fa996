namespace Segmentation.Data.ClickHouse;

/// <summary>Value layouts the RowBinary codec reads and writes (all little-endian).</summary>
internal enum ClickHouseValueKind
{
    /// <summary>1 byte unsigned; ClickHouse's boolean (0/1), read as Boolean.</summary>
    UInt8,
    /// <summary>2 bytes unsigned.</summary>
    UInt16,
    /// <summary>4 bytes unsigned.</summary>
    UInt32,
    /// <summary>8 bytes unsigned.</summary>
    UInt64,
    /// <summary>1 byte signed.</summary>
    Int8,
    /// <summary>2 bytes signed.</summary>
    Int16,
    /// <summary>4 bytes signed.</summary>
    Int32,
    /// <summary>8 bytes signed.</summary>
    Int64,
    /// <summary>IEEE 754 single.</summary>
    Float32,
    /// <summary>IEEE 754 double.</summary>
    Float64,
    /// <summary>LEB128 length, then that many UTF-8 bytes.</summary>
    String,
    /// <summary>Exactly Width bytes (zero-padded).</summary>
    FixedString,
    /// <summary>UInt16 days since 1970-01-01.</summary>
    Date,
    /// <summary>UInt32 seconds since 1970-01-01 00:00:00 UTC.</summary>
    DateTime,
    /// <summary>Signed integer of Width bytes, value = integer / 10^Scale.</summary>
    Decimal,
    /// <summary>The type of a bare NULL: no bytes (always behind a Nullable flag of 1).</summary>
    Nothing,
}
