namespace Segmentation.Data;

/// <summary>Options of an ingest.</summary>
/// <param name="AsOf">The as-of date: dates after it are rejected as future dates. A parameter, never the clock.</param>
/// <param name="Mapping">Schema mapping (files, encodings, headers); null = <c>schema.json</c> in the data directory if present, else canonical names.</param>
/// <param name="Pseudonymizer">If set, every customer id is replaced by its keyed pseudonym right after validation.</param>
/// <param name="CheckReferences">Reject rows whose customer_id (or campaign_id) is not in the master table, when that table is loaded.</param>
/// <param name="CopyParquet">
/// False (default): a Parquet file is validated in place and its clean table is a view over the file (the rejected rows
/// left out), so the file must stay unchanged while the workspace is open; every query reads it again (fast for the few
/// columns a query needs). True: the clean rows are copied into the engine (slower ingest, no dependence on the file).
/// </param>
/// <param name="ZeroAmounts">What to do with transactions of amount 0; null = as the import spec says (default: keep and flag).</param>
/// <param name="AllowQueries">
/// Run a <c>"query"</c> of a <c>schema.json</c> found in the data directory. A schema passed explicitly (<see cref="Mapping"/>
/// set by the caller) runs its queries anyway: the person who passed it chose it.
/// </param>
public sealed record IngestOptions(
    DateTime AsOf,
    SchemaMapping? Mapping = null,
    Pseudonymizer? Pseudonymizer = null,
    bool CheckReferences = true,
    bool CopyParquet = false,
    ZeroAmountPolicy? ZeroAmounts = null,
    bool AllowQueries = false)
{
    /// <summary>Stops the ingest: the running engine statement is interrupted and the next step throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }
}
