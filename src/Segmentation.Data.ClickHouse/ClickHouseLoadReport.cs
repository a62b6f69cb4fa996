using Segmentation.Analytics.Engines;
namespace Segmentation.Data.ClickHouse;

/// <summary>What a load moved: the source's ingest report (rows read, accepted, rejected with reasons) and what the cluster holds.</summary>
/// <param name="Ingest">Validation of the source files, from the <see cref="DataWorkspace"/> (read = accepted + rejected).</param>
/// <param name="Tables">Per table: rows sent and rows in the cluster.</param>
public sealed record ClickHouseLoadReport(IngestReport Ingest, IReadOnlyList<ClickHouseTableLoad> Tables)
{
    /// <summary>True when every accepted row of the source is in the cluster exactly once.</summary>
    public bool Reconciles => Ingest.Tables.All(i => i.Reconciles) && Tables.All(t =>
        t.RowsInCluster == t.RowsSent && (Ingest.For(t.Table)?.RowsAccepted ?? t.RowsSent) == t.RowsSent);
}
