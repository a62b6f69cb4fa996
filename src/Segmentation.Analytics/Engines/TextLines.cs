namespace Segmentation.Analytics.Engines;

/// <summary>
/// The physical lines of a text input and where each went: the header, blank lines (empty, blanks only, or only
/// delimiters such as <c>,,,,</c>: counted, not rows), lines holding records (a record spans several lines when a
/// quoted field holds a line break), and malformed lines (each rejected as one row).
/// </summary>
/// <param name="Physical">Lines in the file (a last line without a line break counts).</param>
/// <param name="Header">Lines of the header (1 unless a quoted header name holds a line break).</param>
/// <param name="Blank">Blank lines.</param>
/// <param name="InRecords">Lines spanned by readable records.</param>
/// <param name="Malformed">Lines rejected as malformed.</param>
/// <param name="LineEndings">The line endings found (<c>LF</c>, <c>CRLF</c>, <c>CR</c>, joined by <c>+</c> when mixed).</param>
public sealed record TextLines(long Physical, long Header, long Blank, long InRecords, long Malformed, string LineEndings)
{
    /// <summary>physical = header + blank + in records + malformed.</summary>
    public bool Reconciles => Physical == Header + Blank + InRecords + Malformed;
}
