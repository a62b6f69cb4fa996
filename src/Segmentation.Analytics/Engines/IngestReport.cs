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
    /// Writes every reject as CSV (file,row,column,rule,reason,value,scope), ordered by file and row, UTF-8 without BOM,
    /// atomically: <c>scope</c> is <c>row</c> for a rejected row and <c>field</c> for an optional field left missing in a
    /// kept row. Cells go through <see cref="Serialization.CsvWriter"/> (quoted, formulas neutralised).
    /// </summary>
    public void WriteRejects(string path) => Serialization.AtomicFile.WriteText(path, WriteRejects);

    /// <summary>Writes the rejects CSV (see <see cref="WriteRejects(string)"/>) to a text writer.</summary>
    public void WriteRejects(TextWriter writer)
    {
        using var csv = new Serialization.CsvWriter(writer, leaveOpen: true);
        csv.WriteHeader(["file", "row", "column", "rule", "reason", "value", "scope"]);
        var all = Tables.SelectMany(t => t.Rejects.Select(r => (Reject: r, Scope: "row")).Concat(t.FieldRejects.Select(r => (Reject: r, Scope: "field"))));
        foreach (var (r, scope) in all.OrderBy(x => x.Reject.File, StringComparer.Ordinal).ThenBy(x => x.Reject.Row).ThenBy(x => x.Scope, StringComparer.Ordinal))
            csv.WriteRow(r.File, r.Row, r.Column, r.Rule, r.Reason, r.Value ?? "", scope);
    }
}
