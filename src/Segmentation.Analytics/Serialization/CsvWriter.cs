using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Serialization;

/// <summary>
/// The one CSV writer of the product: every CSV file it writes (rejects, RFM and segment tables, assignments, targeting
/// lists, CLV tables) goes through it. UTF-8 without BOM, LF line endings, invariant culture; cells quoted per RFC 4180
/// (a comma, quote, CR or LF in a cell → the cell in double quotes, quotes doubled); text cells a spreadsheet would
/// evaluate as a formula are neutralised.
/// </summary>
/// <remarks>
/// Neutralising follows the OWASP CSV-injection rule: a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or carriage return gets a leading apostrophe, so <c>=HYPERLINK(…)</c> is shown as text and never run. A text
/// cell that is a plain number (<c>-59.6</c>, <c>+3</c>, <c>-1e-5</c>) is left as it is: a spreadsheet reads it as that
/// number, which evaluates nothing. Numeric cells (<see cref="double"/>, <see cref="long"/>, …) are written as plain
/// invariant numbers and never neutralised.
/// </remarks>
public sealed class CsvWriter : IDisposable
{
    private readonly TextWriter writer;
    private readonly bool leaveOpen;
    private readonly StringBuilder line = new();

    /// <summary>A writer over <paramref name="writer"/>; its <see cref="TextWriter.NewLine"/> is set to LF.</summary>
    public CsvWriter(TextWriter writer, bool leaveOpen = false)
    {
        this.writer = writer ?? throw new ArgumentNullException(nameof(writer));
        this.writer.NewLine = "\n";
        this.leaveOpen = leaveOpen;
    }

    /// <summary>Writes one row of cells (see <see cref="Cell"/>).</summary>
    public void WriteRow(params ReadOnlySpan<object?> cells)
    {
        line.Clear();
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(Cell(cells[i]));
        }
        writer.WriteLine(line.ToString());
    }

    /// <summary>Writes one row of cells (see <see cref="Cell"/>).</summary>
    public void WriteRow(IEnumerable<object?> cells) => WriteRow([.. cells]);

    /// <summary>Writes a header row (names are text cells).</summary>
    public void WriteHeader(IEnumerable<string> names) => WriteRow(names.Cast<object?>());

    /// <summary>
    /// One cell as CSV text: null → empty; text quoted and neutralised (<see cref="Text"/>); doubles round-trip
    /// (<c>R</c>, non-finite → empty); date-times as <c>yyyy-MM-dd</c> or <c>yyyy-MM-dd HH:mm:ss</c>; booleans 1/0;
    /// other numbers in invariant culture.
    /// </summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => Text(s),
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : "",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        char c => Text(c.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Text(value.ToString() ?? ""),
    };

    /// <summary>A text cell: neutralised when a spreadsheet would take it for a formula, then quoted when needed (RFC 4180).</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsFormulaLike(value)) value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>
    /// True when a spreadsheet could evaluate the text: it starts with <c>= + - @</c>, tab or CR and is not a plain
    /// number (optional sign, digits, optional decimals and exponent).
    /// </summary>
    public static bool IsFormulaLike(string value)
    {
        if (value.Length == 0) return false;
        char c = value[0];
        if (c is '=' or '@' or '\t' or '\r') return true;
        return c is '+' or '-' && !IsPlainNumber(value);
    }

    private static bool IsPlainNumber(string s)
    {
        int i = 0, n = s.Length;
        if (i < n && s[i] is '+' or '-') i++;
        int digits = 0;
        while (i < n && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < n && s[i] == '.')
        {
            i++;
            while (i < n && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && s[i] is 'e' or 'E')
        {
            i++;
            if (i < n && s[i] is '+' or '-') i++;
            int exp = 0;
            while (i < n && char.IsAsciiDigit(s[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == n;
    }

    /// <summary>
    /// Writes a whole CSV file atomically (<see cref="AtomicFile"/>): <paramref name="header"/>, then every row of
    /// <paramref name="rows"/>.
    /// </summary>
    public static void WriteFile(string path, IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.WriteText(path, w =>
        {
            using var csv = new CsvWriter(w, leaveOpen: true);
            csv.WriteHeader(header);
            foreach (var row in rows) csv.WriteRow(row);
        });
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        writer.Flush();
        if (!leaveOpen) writer.Dispose();
    }
}
