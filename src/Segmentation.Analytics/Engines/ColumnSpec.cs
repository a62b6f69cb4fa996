namespace Segmentation.Analytics.Engines;

/// <summary>The logical type of a column of the data model; the reader converts every input to it.</summary>
public enum ColumnKind
{
    /// <summary>Text; ids are always text, never guessed as numbers.</summary>
    Text,
    /// <summary>64-bit integer.</summary>
    Integer,
    /// <summary>Double-precision number.</summary>
    Number,
    /// <summary>Boolean: 1/0, true/false, yes/no, y/n, t/f.</summary>
    Boolean,
    /// <summary>Calendar date (yyyy-MM-dd, yyyyMMdd, yyyy/MM/dd); held as a timestamp at midnight.</summary>
    Date,
    /// <summary>Date and time (ISO 8601 or yyyy-MM-dd HH:mm:ss).</summary>
    Timestamp,
    /// <summary>A calendar month (yyyy-MM); held as the first day of the month.</summary>
    Month,
}

/// <summary>One column of a table of the data model, with the rules its values must satisfy.</summary>
/// <param name="Name">Canonical name (snake_case), independent of the header in the file.</param>
/// <param name="Kind">Logical type.</param>
/// <param name="Required">True if the column must be present in the file and non-empty on every row.</param>
/// <param name="Min">Inclusive lower bound for numbers, or null.</param>
/// <param name="Max">Inclusive upper bound for numbers, or null.</param>
/// <param name="Categories">Allowed values of a categorical text column (case-insensitive), or null for free text.
/// For ordinal columns the order of the list is the declared order.</param>
/// <param name="Ordinal">True if <paramref name="Categories"/> has a meaningful order (encoded 0, 1, 2, …).</param>
/// <param name="Closed">
/// True if <paramref name="Categories"/> is complete by definition (gender F/M/U, where U = not stated): a value outside it
/// is an error. Otherwise an optional, unordered list is open: an unknown value is kept as <c>other</c>. Required and
/// ordinal lists are always closed.
/// </param>
public sealed record ColumnSpec(
    string Name,
    ColumnKind Kind,
    bool Required = false,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Categories = null,
    bool Ordinal = false,
    bool Closed = false);
