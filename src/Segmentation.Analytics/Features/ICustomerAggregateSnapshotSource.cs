namespace Segmentation.Analytics.Features;

/// <summary>
/// An engine that can make the tables of <see cref="CustomerAggregateQuery.RenderSnapshots(Engines.SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/>
/// in process, faster than running its statements (DuckDB's workspace).
/// </summary>
internal interface ICustomerAggregateSnapshotSource
{
    /// <summary>
    /// Creates <paramref name="table"/> (and, when <paramref name="dayPass"/> keeps it, the table with <c>_days</c>) with the rows,
    /// columns and types the statements of <see cref="CustomerAggregateQuery.RenderSnapshots(Engines.SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/>
    /// leave, and returns the purchase days of each customer in each of the pass's windows (only counts above 0, in no particular
    /// order; empty without windows); null, having created nothing, when the data or the pass is outside what it does exactly as
    /// the SQL (the caller then runs the statements).
    /// </summary>
    IReadOnlyList<double[]>? TryPrepareSnapshots(IReadOnlyList<DateTime> days, string table, PurchaseDayPass dayPass, string transactions = "transactions");
}
