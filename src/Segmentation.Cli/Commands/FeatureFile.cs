using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using Segmentation.Data;

namespace Segmentation.Cli.Commands;

/// <summary>Reads a per-customer feature CSV (as written by <c>seg features</c>) through DuckDB; the id column stays text.</summary>
internal static class FeatureFile
{
    /// <summary>The id column: kept as text whatever it looks like.</summary>
    public const string IdColumn = "customer_id";

    /// <summary>Reads <paramref name="path"/>; numbers become numeric columns, everything else text. Row order is the file's.</summary>
    /// <exception cref="DataFileException">The file does not exist or cannot be parsed.</exception>
    public static DataFrame Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        string header;
        using (var reader = new StreamReader(path)) header = reader.ReadLine() ?? throw new DataFileException(path, "the file is empty");
        var names = header.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        // The id stays text; the catalog's numeric features stay numbers even when a column is empty for every customer
        // (online_share without channel data): missing, not a text column.
        var typed = names.Where(n => n == IdColumn).Select(n => $"'{n}': 'VARCHAR'")
            .Concat(names.Where(FeatureCatalog.NamesOf(FeatureKind.Numeric).Contains).Select(n => $"'{n}': 'DOUBLE'")).ToArray();
        var types = typed.Length > 0 ? $", types={{{string.Join(", ", typed)}}}" : "";
        using var ws = DataWorkspace.Create(new IngestOptions(default));
        try
        {
            return ws.Query($"SELECT * FROM read_csv('{path.Replace("'", "''")}', header = true, delim = ',', quote = '\"', sample_size = -1{types})");
        }
        catch (System.Data.Common.DbException e)
        {
            throw new DataFileException(path, "cannot be read as CSV: " + e.Message.Split('\n')[0], inner: e);
        }
    }
}
