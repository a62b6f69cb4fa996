using Segmentation.Analytics.Engines;
using Segmentation.Data.Text;

namespace Segmentation.Data;

/// <summary>
/// One input file as the engine reads it: the table-valued SQL expression over the file (every column as text for CSV,
/// typed for Parquet), its header, the encoding it was read in, and for CSV what the line-by-line reading found.
/// </summary>
/// <param name="Path">The file as the user named it (for messages and the rejects file).</param>
/// <param name="Source">A table-valued SQL expression reading the file (<c>read_csv(…)</c> / <c>read_parquet(…)</c>).</param>
/// <param name="Headers">Column names in file order.</param>
/// <param name="Encoding">Encoding the text was read in (<c>utf-8</c>, <c>utf-16le</c>, <c>gb18030</c>, …) or <c>parquet</c>.</param>
/// <param name="IsParquet">True for a Parquet file (typed columns, records numbered by <c>file_row_number</c>).</param>
/// <param name="RecordNumber">
/// The SQL expression numbering records: for CSV the physical line a record starts on (so a reject's row is the line an
/// editor shows), for Parquet the 1-based record number.
/// </param>
internal sealed record SourceFile(string Path, string Source, IReadOnlyList<string> Headers, string Encoding, bool IsParquet, string RecordNumber)
{
    /// <summary>For CSV, the engine table collecting lines its reader rejected (none expected: the C# pass rejected them first).</summary>
    public string? EngineRejectsTable { get; init; }

    /// <summary>For CSV, what the line-by-line pass found; null for Parquet.</summary>
    public DelimitedTextScan? Scan { get; init; }

    /// <summary>True when the engine reads a normalised copy written by the C# pass rather than the file itself.</summary>
    public bool Normalized { get; init; }

    /// <summary>Lines that are not readable records (rejected as malformed rows).</summary>
    public IReadOnlyList<MalformedLine> Malformed => Scan?.Malformed ?? [];

    /// <summary>The physical lines of a text file and where they went; null for Parquet.</summary>
    public TextLines? Lines => Scan?.Lines;

    /// <summary>Engine type per header for typed sources (Parquet); empty for text.</summary>
    public IReadOnlyDictionary<string, string> Types { get; init; } = new Dictionary<string, string>();
}
