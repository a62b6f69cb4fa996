namespace Segmentation.Data.ClickHouse;

/// <summary>One table loaded into the cluster.</summary>
/// <param name="Table">Canonical table name.</param>
/// <param name="Batch">The load batch id (the partition the rows went to).</param>
/// <param name="RowsSent">Validated rows read from the source workspace and sent.</param>
/// <param name="RowsInCluster">Rows the cluster holds for the table after the load (equals <paramref name="RowsSent"/>, or the load throws).</param>
/// <param name="Seconds">Wall time of the load.</param>
/// <param name="Path">How the rows travelled (CSV or RowBinary; never Auto).</param>
public sealed record ClickHouseTableLoad(string Table, string Batch, long RowsSent, long RowsInCluster, double Seconds, ClickHouseLoadPath Path);
