using System.Globalization;
using DuckDB.NET.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data;

/// <summary>
/// Finds and opens the input files of a data directory for the engine: file discovery, encoding detection and
/// transcoding (UTF-8 or GB18030), delimiter sniffing, headers, and the <c>read_csv</c>/<c>read_parquet</c> expression
/// that reads every CSV column as text and collects malformed lines.
/// </summary>
internal sealed class SourceFileReader(DataWorkspace engine, string scratchDirectory)
{
    /// <summary>File name endings tried, in order, for a table the mapping does not name.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".parquet", ".csv", ".csv.gz", ".tsv", ".txt"];

    /// <summary>
    /// The file of <paramref name="table"/> in <paramref name="directory"/>: the one the mapping names, else
    /// <c>&lt;table&gt;</c> with one of <see cref="Extensions"/>; null when there is none.
    /// </summary>
    /// <exception cref="DataFileException">The mapping names a file that does not exist.</exception>
    public static string? Find(string directory, string table, TableMapping mapping)
    {
        if (mapping.File is { } f)
        {
            var p = Path.IsPathRooted(f) ? f : Path.Combine(directory, f);
            return File.Exists(p) ? p : throw new DataFileException(p, $"file named in the schema mapping for table '{table}' does not exist");
        }
        foreach (var ext in Extensions)
        {
            var p = Path.Combine(directory, table + ext);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>Opens <paramref name="path"/> as the source of <paramref name="table"/>.</summary>
    /// <exception cref="DataFileException">The file does not exist, is empty, or its header is unusable.</exception>
    public SourceFile Open(string table, string path, TableMapping mapping)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        var d = engine.Dialect;
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            string parquet = $"read_parquet({d.Str(path)}, file_row_number = true)";
            var columns = Describe(path, $"SELECT * FROM {parquet}").Where(h => h != "file_row_number").ToArray();
            return new SourceFile(path, parquet, columns, "parquet", IsParquet: true, MalformedLinesTable: null);
        }

        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        string encodingName = mapping.Encoding is "auto"
            ? (gzip ? "utf-8" : TextFileSniffer.DetectEncoding(path))
            : mapping.Encoding.ToLowerInvariant().Replace("utf8", "utf-8");
        string readPath = path;
        if (encodingName is "gb18030" or "gbk")
        {
            encodingName = "gb18030";
            readPath = Path.Combine(scratchDirectory, table + ".utf8.csv");
            TextFileSniffer.TranscodeToUtf8(path, readPath, TextFileSniffer.Gb18030);
        }
        var utf8 = new System.Text.UTF8Encoding(false);
        char delimiter = mapping.Delimiter is { Length: 1 } dl ? dl[0] : mapping.Delimiter == "\\t" ? '\t' : TextFileSniffer.DetectDelimiter(readPath, utf8);
        var headers = gzip ? ReadGzipHeader(readPath, delimiter) : TextFileSniffer.ReadHeader(readPath, utf8, delimiter);
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            throw new DataFileException(path, "the file is empty or has no header line", row: 1);
        var dupHeader = headers.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dupHeader is not null) throw new DataFileException(path, $"the header names column '{dupHeader.Key}' twice", row: 1);

        string rejects = "rej_" + table;
        string columnsStruct = "{" + string.Join(", ", headers.Select(h => $"{d.Str(h)}: 'VARCHAR'")) + "}";
        engine.Execute($"DROP TABLE IF EXISTS {rejects}; DROP TABLE IF EXISTS rjs_{table}");
        string csv = $"read_csv({d.Str(readPath)}, header = true, auto_detect = false, columns = {columnsStruct}, " +
                     $"delim = {d.Str(delimiter.ToString())}, quote = '\"', escape = '\"', store_rejects = true, " +
                     $"rejects_table = '{rejects}', rejects_scan = 'rjs_{table}', max_line_size = 1048576)";
        return new SourceFile(path, csv, headers, encodingName, IsParquet: false, MalformedLinesTable: rejects);
    }

    /// <summary>The lines the CSV parser rejected while <paramref name="file"/> was staged: line, reasons, raw text.</summary>
    public IReadOnlyList<(long Line, string Reason, string? Text)> MalformedLines(SourceFile file)
    {
        if (file.MalformedLinesTable is not { } table) return [];
        return engine.Read($"SELECT line, string_agg(DISTINCT error_type || ': ' || error_message, '; '), any_value(csv_line) FROM {table} GROUP BY line ORDER BY line", r =>
        {
            var lines = new List<(long, string, string?)>();
            while (r.Read()) lines.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
            return lines;
        });
    }

    private IReadOnlyList<string> Describe(string path, string sql)
    {
        try
        {
            return engine.Read("DESCRIBE " + sql, r =>
            {
                var names = new List<string>();
                while (r.Read()) names.Add(r.GetString(0));
                return names;
            });
        }
        catch (DuckDBException e)
        {
            throw new DataFileException(path, "the file cannot be read: " + DataWorkspace.FirstLine(e.Message), inner: e);
        }
    }

    private static IReadOnlyList<string> ReadGzipHeader(string path, char delimiter)
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz, new System.Text.UTF8Encoding(false));
        return (reader.ReadLine() ?? "").Split(delimiter).Select(h => h.Trim().Trim('"').Trim()).ToArray();
    }
}
