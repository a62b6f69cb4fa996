using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace Segmentation.Data;

/// <summary>Writes DataFrames as CSV the same way everywhere: UTF-8 without BOM, LF, invariant culture, round-trip doubles, ISO dates.</summary>
public static class DataFrameCsv
{
    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/> (the folder is created).</summary>
    public static void Write(DataFrame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        Write(frame, w);
    }

    /// <summary>Writes <paramref name="frame"/> to a text writer.</summary>
    public static void Write(DataFrame frame, TextWriter w)
    {
        w.WriteLine(string.Join(',', frame.Columns.Select(c => Quote(c.Name))));
        var sb = new StringBuilder();
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            sb.Clear();
            for (int j = 0; j < frame.Columns.Count; j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(Format(frame.Columns[j][i]));
            }
            w.WriteLine(sb.ToString());
        }
    }

    /// <summary>One cell as CSV text.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => Quote(s),
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : "",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
