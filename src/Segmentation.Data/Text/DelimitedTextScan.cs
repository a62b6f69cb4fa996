using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Text;

/// <summary>What one pass over a delimited text file found.</summary>
/// <param name="Headers">The header fields (quotes removed, trimmed).</param>
/// <param name="Delimiter">The field delimiter.</param>
/// <param name="Encoding">The encoding name (<c>utf-8</c>, <c>utf-16le</c>, <c>utf-16be</c>, <c>gb18030</c>).</param>
/// <param name="Lines">Physical lines: header, blank, in records, malformed.</param>
/// <param name="Records">Readable records (not blank, not malformed).</param>
/// <param name="Malformed">Lines that are not readable records, in line order.</param>
/// <param name="NeedsRewrite">
/// True when the engine cannot read the file as it is with one record per line: a byte-order mark, an encoding other
/// than UTF-8, mixed or lone-CR line endings, blank or malformed lines, a record over several lines, or quoting the
/// engine's reader does not share (a quote inside an unquoted field, blanks around a quoted field).
/// </param>
internal sealed record DelimitedTextScan(
    IReadOnlyList<string> Headers,
    char Delimiter,
    string Encoding,
    TextLines Lines,
    long Records,
    IReadOnlyList<MalformedLine> Malformed,
    bool NeedsRewrite);
