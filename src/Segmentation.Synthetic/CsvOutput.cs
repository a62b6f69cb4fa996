using System.Globalization;
using System.Text;
using Segmentation.Analytics.Engines;

namespace Segmentation.Synthetic;

/// <summary>
/// A fast, culture-invariant CSV writer: UTF-8 without BOM, LF line endings, money with 2 decimals, dates
/// yyyy-MM-dd, timestamps yyyy-MM-dd HH:mm:ss, months yyyy-MM, booleans 1/0, null = empty cell. Text is quoted
/// (RFC 4180) only when it contains a comma, quote or line break, and formula-like text is neutralised (<see cref="Segmentation.Analytics.Serialization.CsvWriter"/>).
/// </summary>
internal sealed class CsvOutput : IDisposable
{
    private readonly StreamWriter writer;
    private readonly char[] buffer = new char[1 << 16];
    private int position;
    private bool firstField = true;

    public CsvOutput(string path, TableSpec table)
    {
        writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        foreach (var column in table.Columns) Text(column.Name);
        EndRow();
    }

    private Span<char> Room(int chars)
    {
        if (position + chars > buffer.Length) Flush();
        return buffer.AsSpan(position);
    }

    private void Separator()
    {
        if (!firstField) Room(1)[0] = ',';
        if (!firstField) position++;
        firstField = false;
    }

    public void Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value)) return;
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0 && !Segmentation.Analytics.Serialization.CsvWriter.IsFormulaLike(value))
        {
            value.AsSpan().CopyTo(Room(value.Length));
            position += value.Length;
            return;
        }
        var quoted = Segmentation.Analytics.Serialization.CsvWriter.Text(value);
        quoted.AsSpan().CopyTo(Room(quoted.Length));
        position += quoted.Length;
    }

    public void Money(double? value)
    {
        Separator();
        if (value is not double v) return;
        if (v == 0) v = 0; // never print "-0.00"
        v.TryFormat(Room(40), out int n, "F2", CultureInfo.InvariantCulture);
        position += n;
    }

    public void Integer(long? value)
    {
        Separator();
        if (value is not long v) return;
        v.TryFormat(Room(24), out int n, default, CultureInfo.InvariantCulture);
        position += n;
    }

    /// <summary>An id: <paramref name="prefix"/> then <paramref name="number"/> zero-padded to <paramref name="digits"/> digits.</summary>
    public void Id(char prefix, long number, int digits)
    {
        Separator();
        var span = Room(digits + 21);
        span[0] = prefix;
        number.TryFormat(span[1..], out int n, digits == 9 ? "D9" : "D7", CultureInfo.InvariantCulture);
        position += n + 1;
    }

    public void Boolean(bool value)
    {
        Separator();
        Room(1)[0] = value ? '1' : '0';
        position++;
    }

    public void Date(DateOnly value)
    {
        Separator();
        WriteDate(Room(10), value.Year, value.Month, value.Day);
        position += 10;
    }

    private static void WriteDate(Span<char> s, int year, int month, int day)
    {
        Digits(s, year, 4);
        s[4] = '-';
        Digits(s[5..], month, 2);
        s[7] = '-';
        Digits(s[8..], day, 2);
    }

    private static void Digits(Span<char> s, int value, int width)
    {
        for (int k = width - 1; k >= 0; k--)
        {
            s[k] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    public void Month(DateOnly value)
    {
        Separator();
        value.TryFormat(Room(7), out int n, "yyyy-MM", CultureInfo.InvariantCulture);
        position += n;
    }

    public void Timestamp(DateTime value)
    {
        Separator();
        var s = Room(19);
        WriteDate(s, value.Year, value.Month, value.Day);
        s[10] = ' ';
        Digits(s[11..], value.Hour, 2);
        s[13] = ':';
        Digits(s[14..], value.Minute, 2);
        s[16] = ':';
        Digits(s[17..], value.Second, 2);
        position += 19;
    }

    public void EndRow()
    {
        Room(1)[0] = '\n';
        position++;
        firstField = true;
    }

    private void Flush()
    {
        writer.Write(buffer, 0, position);
        position = 0;
    }

    public void Dispose()
    {
        Flush();
        writer.Dispose();
    }
}
