namespace Segmentation.Data;

/// <summary>
/// One input file as the engine reads it: the table-valued SQL expression over the file (every column as text for CSV,
/// typed for Parquet), its header, the encoding it was read in, and for CSV the name of the engine table that collects
/// lines the parser could not read.
/// </summary>
/// <param name="Path">The file as the user named it (for messages and the rejects file).</param>
/// <param name="Source">A table-valued SQL expression reading the file (<c>read_csv(…)</c> / <c>read_parquet(…)</c>).</param>
/// <param name="Headers">Column names in file order.</param>
/// <param name="Encoding">Encoding the text was read in (<c>utf-8</c>, <c>gb18030</c>) or <c>parquet</c>.</param>
/// <param name="IsParquet">True for a Parquet file (typed columns, records numbered by <c>file_row_number</c>).</param>
/// <param name="MalformedLinesTable">For CSV, the engine table of lines the parser rejected; null for Parquet.</param>
public sealed record SourceFile(string Path, string Source, IReadOnlyList<string> Headers, string Encoding, bool IsParquet, string? MalformedLinesTable)
{
    /// <summary>The SQL expression numbering records: the Parquet row number (1-based) or the CSV data-line order.</summary>
    public string RecordNumber => IsParquet ? "file_row_number + 1" : "row_number() OVER ()";

    /// <summary>Header lines before the first record (1 for CSV, 0 for Parquet).</summary>
    public int HeaderLines => IsParquet ? 0 : 1;
}
