namespace Segmentation.Analytics.Engines;

/// <summary>What happened to one input file: rows read, accepted and rejected (with reasons), columns not taken.</summary>
/// <param name="Table">Canonical table name.</param>
/// <param name="File">The file read.</param>
/// <param name="Encoding">The text encoding used (<c>utf-8</c>, <c>gb18030</c>) or <c>parquet</c>.</param>
/// <param name="RowsRead">Data rows in the file (header excluded).</param>
/// <param name="RowsAccepted">Rows that passed every rule.</param>
/// <param name="Rejects">Every rejected row, once, with the first rule it failed.</param>
/// <param name="IgnoredColumns">Headers not mapped to the data model (not read).</param>
/// <param name="IdentifierColumns">Headers that look like direct identifiers (name, phone, e-mail, address, id card): never read.</param>
public sealed record TableIngest(
    string Table,
    string File,
    string Encoding,
    long RowsRead,
    long RowsAccepted,
    IReadOnlyList<Reject> Rejects,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> IdentifierColumns)
{
    /// <summary>
    /// Errors in optional fields of rows that were kept: the field was left missing, the row accepted (one line per
    /// field). Not counted in <see cref="Rejects"/>, which holds rejected rows only.
    /// </summary>
    public IReadOnlyList<Reject> FieldRejects { get; init; } = [];

    /// <summary>What was kept but should be known (values kept as <c>other</c>, zero amounts, disagreeing line items).</summary>
    public IReadOnlyList<IngestWarning> Warnings { get; init; } = [];

    /// <summary>
    /// For a table of line items (<c>"lines": "sum"</c>), the records the accepted lines were combined into (one per
    /// key: the transactions); null when every accepted row is a record.
    /// </summary>
    public long? Records { get; init; }

    /// <summary>For a table with amounts (transactions), the money read, accepted and rejected; null otherwise.</summary>
    public AmountReconciliation? Amounts { get; init; }

    /// <summary>For a text file, its physical lines and where each went; null for Parquet files and database tables.</summary>
    public TextLines? Lines { get; init; }

    /// <summary>
    /// read = accepted + rejected; for a text file its physical lines reconcile too (<see cref="TextLines.Reconciles"/>),
    /// and for a table with amounts its money (<see cref="AmountReconciliation.Reconciles"/>).
    /// </summary>
    public bool Reconciles => RowsRead == RowsAccepted + Rejects.Count && (Lines?.Reconciles ?? true) && (Amounts?.Reconciles ?? true);

    /// <summary>Rejected rows per rule code, ordered by code.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> RejectsByRule =>
        Rejects.GroupBy(r => r.Rule).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count())).ToArray();
}
