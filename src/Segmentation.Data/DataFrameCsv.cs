using Microsoft.Data.Analysis;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Data;

/// <summary>
/// Writes DataFrames as CSV the same way everywhere, through <see cref="CsvWriter"/>: UTF-8 without BOM, LF, invariant
/// culture, round-trip doubles, ISO dates, text quoted and formula-like text neutralised; files are written atomically.
/// </summary>
public static class DataFrameCsv
{
    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/> atomically (the folder is created).</summary>
    public static void Write(DataFrame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(frame);
        AtomicFile.WriteText(path, w => Write(frame, w));
    }

    /// <summary>Writes <paramref name="frame"/> to a text writer.</summary>
    public static void Write(DataFrame frame, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var csv = new CsvWriter(w, leaveOpen: true);
        csv.WriteHeader(frame.Columns.Select(c => c.Name));
        var cells = new object?[frame.Columns.Count];
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            for (int j = 0; j < cells.Length; j++) cells[j] = frame.Columns[j][i];
            csv.WriteRow(cells);
        }
    }

    /// <summary>One cell as CSV text (<see cref="CsvWriter.Cell"/>).</summary>
    public static string Format(object? value) => CsvWriter.Cell(value);
}
