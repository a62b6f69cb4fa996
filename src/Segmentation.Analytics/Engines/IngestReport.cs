namespace Segmentation.Analytics.Engines;

/// <summary>The ingest of a whole data directory: one <see cref="TableIngest"/> per table found.</summary>
/// <param name="Tables">Per table, in data-model order.</param>
/// <param name="AsOf">The as-of date used for the future-date rule.</param>
public sealed record IngestReport(IReadOnlyList<TableIngest> Tables, DateTime AsOf)
{
    /// <summary>Every table reconciles.</summary>
    public bool Reconciles => Tables.All(t => t.Reconciles);

    /// <summary>All rejects of all tables.</summary>
    public IEnumerable<Reject> Rejects => Tables.SelectMany(t => t.Rejects);

    /// <summary>Total rows read.</summary>
    public long RowsRead => Tables.Sum(t => t.RowsRead);

    /// <summary>Total rows accepted.</summary>
    public long RowsAccepted => Tables.Sum(t => t.RowsAccepted);

    /// <summary>The ingest of one table, or null if the table was not present.</summary>
    public TableIngest? For(string table) => Tables.FirstOrDefault(t => t.Table == table);

    /// <summary>
    /// Writes every reject as CSV (file,row,column,rule,reason,value), ordered by file and row, UTF-8 without BOM.
    /// </summary>
    public void WriteRejects(string path)
    {
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("file,row,column,rule,reason,value");
        foreach (var r in Tables.SelectMany(t => t.Rejects).OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Row))
            w.WriteLine(string.Join(',', Csv(r.File), r.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), Csv(r.Column), Csv(r.Rule), Csv(r.Reason), Csv(r.Value ?? "")));
    }

    internal static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
