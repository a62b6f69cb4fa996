using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Features;

/// <summary>
/// An engine that can make the tables of <see cref="CustomerAggregateQuery.RenderSnapshots(Engines.SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/>
/// in process, faster than running its statements (DuckDB's workspace).
/// </summary>
internal interface ICustomerAggregateSnapshotSource
{
    /// <summary>
    /// Aggregates the snapshots in process and holds them (<see cref="HeldAggregates"/>): <paramref name="table"/> is created, with the
    /// rows, columns and types the statements of <see cref="CustomerAggregateQuery.RenderSnapshots(Engines.SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/>
    /// leave, only when <see cref="HeldAggregates.WriteTable"/> is called; the table with <c>_days</c> (when <paramref name="dayPass"/>
    /// keeps it) is created at once. Null, having created nothing, when the data or the pass is outside what it does exactly as the
    /// SQL (the caller then runs the statements).
    /// </summary>
    HeldAggregates? TryPrepareSnapshots(IReadOnlyList<DateTime> days, string table, PurchaseDayPass dayPass, string transactions = "transactions");
}

/// <summary>The per-customer aggregates of several snapshots, held in process by the engine that made them.</summary>
/// <remarks>What the pass holds for the evaluation besides (the customer × month grain, the customer summaries) an engine gives
/// through <see cref="Evaluation.IHeldForEvaluation"/>, which the same object implements.</remarks>
internal abstract class HeldAggregates
{
    /// <summary>The purchase days of each customer in each of the pass's windows (only counts above 0, in no particular order; empty
    /// without windows).</summary>
    public abstract IReadOnlyList<double[]> Windows { get; }

    /// <summary>Creates the aggregates table, as the SQL would have left it (called once, when something reads it by SQL).</summary>
    public abstract void WriteTable();

    /// <summary>
    /// The feature table (<see cref="CustomerFeatureTable.Build"/>, before its ordinal sort) at snapshot number <paramref name="snapshot"/>
    /// (<paramref name="day"/>), computed from the held aggregates with the same rows, columns, types and values as the SQL; null
    /// when the options or the data need the SQL.
    /// </summary>
    public abstract DataFrame? TryFeatureTable(int snapshot, DateTime day, FeatureTableOptions options, FeatureSources sources);

    /// <summary>
    /// <see cref="TryFeatureTable"/>'s rows of the customers with a purchase by the snapshot (<see cref="CustomerFeatureTable.Buyers"/>),
    /// or only the buyers' rows <paramref name="rows"/> (ascending, checked by <see cref="CustomerFeatureTable.CheckRows"/>), without
    /// making the others' rows; <paramref name="customers"/> is the full table's row count. Null when the options or the data need
    /// the SQL.
    /// </summary>
    public virtual DataFrame? TryBuyersTable(int snapshot, DateTime day, FeatureTableOptions options, FeatureSources sources, IReadOnlyList<int>? rows,
        out long customers)
    {
        customers = 0;
        return null;
    }

    /// <summary>Creates the purchase-day table (<c>_days</c>) as the SQL would have left it (called once, when something reads it).</summary>
    public abstract void WriteDaysTable();
}
