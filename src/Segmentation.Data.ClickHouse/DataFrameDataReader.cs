using System.Collections;
using System.Data.Common;
using Microsoft.Data.Analysis;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// A forward-only reader over a decoded result frame, with the semantics of the <see cref="System.Data.DataTableReader"/> the
/// cluster engines used before: field types are the columns' types, a missing value is <see cref="DBNull.Value"/>, and the typed
/// getters unbox exactly (no conversions). It reads the frame's columns in place, so no second copy of the rows is made — a
/// <c>DataTable</c> of 10 M rows cost more memory than the frame itself.
/// </summary>
internal sealed class DataFrameDataReader(DataFrame frame) : DbDataReader
{
    private readonly DataFrameColumn[] columns = frame.Columns.ToArray();
    private readonly long rows = frame.Rows.Count;
    private long row = -1;
    private bool closed;

    public override bool Read()
    {
        if (closed || row >= rows) return false;
        return ++row < rows;
    }

    public override object GetValue(int ordinal)
    {
        if (row < 0 || row >= rows) throw new InvalidOperationException("No current row: call Read first.");
        return columns[ordinal][row] ?? DBNull.Value;
    }

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = Math.Min(values.Length, columns.Length);
        for (int i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    public override bool IsDBNull(int ordinal) => GetValue(ordinal) is DBNull;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));
    public override int Depth => 0;
    public override int FieldCount => columns.Length;
    public override bool HasRows => rows > 0;
    public override bool IsClosed => closed;
    public override int RecordsAffected => -1;
    public override bool NextResult() => false;
    public override void Close() => closed = true;
    public override string GetName(int ordinal) => columns[ordinal].Name;
    public override Type GetFieldType(int ordinal) => columns[ordinal].DataType;
    public override string GetDataTypeName(int ordinal) => columns[ordinal].DataType.Name;

    public override int GetOrdinal(string name)
    {
        for (int i = 0; i < columns.Length; i++)
            if (string.Equals(columns[i].Name, name, StringComparison.Ordinal)) return i;
        for (int i = 0; i < columns.Length; i++)
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new IndexOutOfRangeException($"No column named '{name}'.");
    }

    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);
    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);
    public override char GetChar(int ordinal) => (char)GetValue(ordinal);
    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);
    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);
    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);
    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);
    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);
    public override short GetInt16(int ordinal) => (short)GetValue(ordinal);
    public override int GetInt32(int ordinal) => (int)GetValue(ordinal);
    public override long GetInt64(int ordinal) => (long)GetValue(ordinal);
    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        throw new NotSupportedException("Result frames hold no binary columns.");

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null) return text.Length;
        int n = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);
}
