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
    /// Writes every reject as CSV (file,row,column,rule,reason,value,scope), ordered by file and row, UTF-8 without BOM:
    /// <c>scope</c> is <c>row</c> for a rejected row and <c>field</c> for an optional field left missing in a kept row.
    /// Cells that a spreadsheet would take for a formula are prefixed with an apostrophe.
    /// </summary>
    public void WriteRejects(string path)
    {
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("file,row,column,rule,reason,value,scope");
        var all = Tables.SelectMany(t => t.Rejects.Select(r => (Reject: r, Scope: "row")).Concat(t.FieldRejects.Select(r => (Reject: r, Scope: "field"))));
        foreach (var (r, scope) in all.OrderBy(x => x.Reject.File, StringComparer.Ordinal).ThenBy(x => x.Reject.Row).ThenBy(x => x.Scope, StringComparer.Ordinal))
            w.WriteLine(string.Join(',', Csv(r.File), r.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), Csv(r.Column), Csv(r.Rule), Csv(r.Reason), Csv(r.Value ?? ""), scope));
    }

    /// <summary>A CSV cell: quoted when needed; text a spreadsheet would evaluate (<c>=</c>, <c>+</c>, <c>@</c>, a <c>-</c> not starting a number) gets a leading apostrophe.</summary>
    internal static string Csv(string s)
    {
        if (s.Length > 0 && (s[0] is '=' or '+' or '@' or '\t' or '\r' || (s[0] == '-' && !double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))))
            s = "'" + s;
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
