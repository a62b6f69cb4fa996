using System.Globalization;
using DuckDB.NET.Data;
using Segmentation.Analytics.Engines;
using Segmentation.Data.Text;

namespace Segmentation.Data;

/// <summary>
/// Finds and opens the input files of a data directory for the engine. Text files are first read line by line in C#
/// (<see cref="DelimitedTextScanner"/>: encoding, delimiter, header, line breaks, quoting, blank and malformed lines);
/// a file the engine can read as it is (UTF-8 without a byte-order mark, one kind of line break, one record per line,
/// nothing blank or malformed) is read directly, anything else through a normalised UTF-8 copy in the scratch directory.
/// Every CSV column is read as text; Parquet keeps its types.
/// </summary>
internal sealed class SourceFileReader(DataWorkspace engine, string scratchDirectory)
{
    /// <summary>File name endings tried, in order, for a table the mapping does not name.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".parquet", ".csv", ".csv.gz", ".tsv", ".txt"];

    /// <summary>
    /// The file of <paramref name="table"/> in <paramref name="directory"/>: the one the mapping names, else
    /// <c>&lt;table&gt;</c> with one of <see cref="Extensions"/>; null when there is none.
    /// </summary>
    /// <param name="directory">The data directory.</param>
    /// <param name="table">The table.</param>
    /// <param name="mapping">The table's import spec.</param>
    /// <param name="confined">True when the spec came with the data (schema.json in the directory): it may name only files inside the directory.</param>
    /// <exception cref="DataFileException">The mapping names a file that does not exist, a pattern, a special file, or (confined) a
    /// file outside the directory (<see cref="ConfinedPath"/>).</exception>
    /// <param name="source">The spec (its file, or "schema"), named in messages.</param>
    public static string? Find(string directory, string table, TableMapping mapping, bool confined = false, string source = "schema")
    {
        string key = $"tables.{table}.file";
        if (mapping.File is { } f) return ConfinedPath.Resolve(directory, f, key, source, trusted: !confined);
        foreach (var ext in Extensions)
        {
            var p = Path.Combine(directory, table + ext);
            if (!File.Exists(p) && !ConfinedPath.IsSpecial(p)) continue;
            // A file found by its name is data from the same third party: it must be a regular file inside the directory.
            ConfinedPath.Check(p, directory, "", p, trusted: false);
            return p;
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
            string parquet = $"read_parquet({d.Str(EnginePath(table, path))}, file_row_number = true)";
            var columns = Describe(path, $"SELECT * FROM {parquet}").Where(h => h.Name != "file_row_number").ToArray();
            return new SourceFile(path, parquet, columns.Select(c => c.Name).ToArray(), "parquet", IsParquet: true, "file_row_number + 1")
            {
                Types = columns.ToDictionary(c => c.Name, c => c.Type),
            };
        }
        var scan = DelimitedTextScanner.Scan(path, mapping.Encoding, mapping.Delimiter, cancellation: engine.Options.Cancellation);
        var headers = EngineHeaders(scan.Headers);
        var dupHeader = headers.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dupHeader is not null) throw new DataFileException(path, $"the header names column '{DisplayText.Excerpt(dupHeader.Key)}' twice", row: 1);
        return scan.NeedsRewrite ? Normalize(table, path, mapping, scan) : Direct(table, path, scan, headers);
    }

    /// <summary>The engine reads the file itself: records are its lines after the header.</summary>
    private SourceFile Direct(string table, string path, DelimitedTextScan scan, IReadOnlyList<string> headers)
    {
        var d = engine.Dialect;
        string rejects = "rej_" + table;
        engine.Execute($"DROP TABLE IF EXISTS {rejects}; DROP TABLE IF EXISTS rjs_{table}");
        string csv = $"read_csv({d.Str(EnginePath(table, path))}, header = true, auto_detect = false, columns = {Struct(headers)}, " +
                     $"delim = {d.Str(scan.Delimiter.ToString())}, quote = '\"', escape = '\"', store_rejects = true, " +
                     $"rejects_table = '{rejects}', rejects_scan = 'rjs_{table}', max_line_size = 1048576)";
        return new SourceFile(path, csv, headers, scan.Encoding, IsParquet: false, $"(row_number() OVER () + {scan.Lines.Header})")
        {
            Scan = scan,
            EngineRejectsTable = rejects,
        };
    }

    /// <summary>
    /// The name the engine reads <paramref name="path"/> by. DuckDB expands <c>* ? [ ] { }</c> in any file name it is
    /// given and has no switch to stop it, so a path holding one (a folder named <c>export[2026]</c>) is read through a
    /// link in the scratch folder whose name holds none: the engine reads exactly that file, never what a pattern matches.
    /// </summary>
    private string EnginePath(string table, string path)
    {
        string full = Path.GetFullPath(path);
        if (!ConfinedPath.HasGlob(full)) return full;
        string link = Path.Combine(scratchDirectory, "source-" + table + Path.GetExtension(full).ToLowerInvariant());
        if (File.Exists(link) || new FileInfo(link).LinkTarget is not null) File.Delete(link);
        File.CreateSymbolicLink(link, full);
        return link;
    }

    /// <summary>Writes the readable records as a normalised UTF-8 CSV (line number first) and reads that.</summary>
    public SourceFile Normalize(string table, string path, TableMapping mapping, DelimitedTextScan? scanned = null)
    {
        var d = engine.Dialect;
        string copy = Path.Combine(scratchDirectory, table + ".normalized.csv");
        DelimitedTextScan scan;
        using (var writer = new StreamWriter(copy, false, new System.Text.UTF8Encoding(false), 1 << 16))
            scan = DelimitedTextScanner.Scan(path, mapping.Encoding, mapping.Delimiter, writer, engine.Options.Cancellation);
        if (scanned is not null && scanned.Records != scan.Records)
            throw new DataFileException(path, "the file changed while it was read");
        var headers = EngineHeaders(scan.Headers);
        string rejects = "rej_" + table;
        engine.Execute($"DROP TABLE IF EXISTS {rejects}; DROP TABLE IF EXISTS rjs_{table}");
        string columns = "{" + d.Str(DelimitedTextScanner.LineColumn) + ": 'BIGINT', " + Struct(headers)[1..];
        string csv = $"read_csv({d.Str(copy)}, header = true, auto_detect = false, columns = {columns}, delim = ',', quote = '\"', escape = '\"', " +
                     $"new_line = '\\n', store_rejects = true, rejects_table = '{rejects}', rejects_scan = 'rjs_{table}', max_line_size = {MaxLineBytes})";
        return new SourceFile(path, csv, headers, scan.Encoding, IsParquet: false, d.Id(DelimitedTextScanner.LineColumn))
        {
            Scan = scan,
            EngineRejectsTable = rejects,
            Normalized = true,
        };
    }

    /// <summary>Lines the engine's own CSV reader rejected while the file was staged (0 when it agrees with the C# pass).</summary>
    public long EngineRejects(SourceFile file) =>
        file.EngineRejectsTable is not { } table ? 0 : engine.Read($"SELECT count(*) FROM {table}", r => { r.Read(); return Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture); });

    /// <summary>A record of the normalised copy in UTF-8 bytes: at most 4 bytes per character of the longest record, plus the line number.</summary>
    private const long MaxLineBytes = 4L * DelimitedTextScanner.MaxRecordChars + 64;

    /// <summary>Header names as engine column names: a blank header becomes <c>column_N</c> (its 1-based position).</summary>
    private static IReadOnlyList<string> EngineHeaders(IReadOnlyList<string> headers) =>
        headers.Select((h, i) => string.IsNullOrWhiteSpace(h) ? "column_" + (i + 1).ToString(CultureInfo.InvariantCulture) : h).ToArray();

    private string Struct(IReadOnlyList<string> headers) =>
        "{" + string.Join(", ", headers.Select(h => $"{engine.Dialect.Str(h)}: 'VARCHAR'")) + "}";

    private IReadOnlyList<(string Name, string Type)> Describe(string path, string sql)
    {
        try
        {
            return engine.Read("DESCRIBE " + sql, r =>
            {
                var names = new List<(string, string)>();
                while (r.Read()) names.Add((r.GetString(0), r.GetString(1)));
                return names;
            });
        }
        catch (DuckDBException e)
        {
            throw new DataFileException(path, "the file cannot be read: " + DataWorkspace.FirstLine(e.Message), inner: e);
        }
    }
}
