using Microsoft.Data.Analysis;

namespace Segmentation.Notebooks;

public static partial class RichDisplay
{
    /// <summary>
    /// A DataFrame as an HTML table: the first <paramref name="maxRows"/> rows, the column type under each name, numbers
    /// right-aligned and culture-invariant, nulls shown as ·, and the frame's size below.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is negative.</exception>
    public static string DataFrame(DataFrame frame, int maxRows = DefaultMaxRows, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var table = new HtmlTable();
        var columns = frame.Columns.ToArray();
        foreach (var c in columns)
            table.Column($"{HtmlText.Encode(c.Name)}<br/><span style=\"font-weight:normal;font-size:85%;opacity:.6\">{HtmlText.Encode(TypeName(c.DataType))}</span>", IsNumeric(c.DataType));
        long shown = Math.Min(frame.Rows.Count, maxRows);
        for (long r = 0; r < shown; r++)
            table.Row(columns.Select(c => Cell(c[r])).ToArray());
        var footnote = $"{HtmlText.Count(frame.Rows.Count)} {T("rows_unit", language)} × {columns.Length} {T("columns_unit", language)}"
                       + (shown < frame.Rows.Count ? $" · {T("shown", language)} {shown}" : "");
        return table.ToHtml(footnote);
    }

    internal static string Cell(object? value) => value switch
    {
        null => "·",
        double d => HtmlText.Number(d),
        float f => HtmlText.Number(f),
        decimal m => HtmlText.Number((double)m),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable x => x.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsNumeric(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(short)
        || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(sbyte);

    private static string TypeName(Type t) => t switch
    {
        _ when t == typeof(double) => "double",
        _ when t == typeof(float) => "float",
        _ when t == typeof(int) => "int",
        _ when t == typeof(long) => "long",
        _ when t == typeof(string) => "string",
        _ when t == typeof(bool) => "bool",
        _ when t == typeof(DateTime) => "DateTime",
        _ => t.Name,
    };
}
