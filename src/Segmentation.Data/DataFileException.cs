namespace Segmentation.Data;

/// <summary>
/// An input that cannot be read at all (missing file, missing required column, unreadable bytes). Names the
/// file and, where known, the row and the column. Row-level problems are not exceptions: they become <see cref="Analytics.Engines.Reject"/>s.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>
    /// Creates the exception; the message is prefixed with file, row and column. Whatever the problem quotes (an engine's
    /// message, a header, a value) is cleaned of control characters, masked where it looks like personal data and capped
    /// (<see cref="DisplayText.Clean"/>, <see cref="PersonalDataMask.MaskWithin"/>).
    /// </summary>
    public DataFileException(string file, string problem, long? row = null, string? column = null, Exception? inner = null)
        : base(Format(DisplayText.Clean(file), PersonalDataMask.MaskWithin(DisplayText.Clean(problem)), row, column is null ? null : DisplayText.Clean(column)), inner)
    {
        File = file;
        Row = row;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or table) that could not be read.</summary>
    public string File { get; }

    /// <summary>Row number, if the problem is at a row.</summary>
    public long? Row { get; }

    /// <summary>Column, if the problem is in a column.</summary>
    public string? Column { get; }

    /// <summary>The problem, without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string file, string problem, long? row, string? column) =>
        file + (row is { } r ? $", row {r}" : "") + (column is null ? "" : $", column '{column}'") + ": " + problem;
}
