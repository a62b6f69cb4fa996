using System.Globalization;
using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>
/// The per-customer aggregates (<see cref="CustomerAggregateQuery"/>) at several snapshot days, computed in one pass over the
/// transactions and kept in an engine table while the feature tables of those days are built
/// (<see cref="FeatureTableOptions.Aggregates"/>). The monthly job builds three feature tables (training snapshot, month end,
/// previous period end); each used to re-read and re-aggregate every transaction, distinct purchase days included.
/// Dispose drops the table.
/// </summary>
/// <remarks>
/// Only in engines that evaluate a common table expression once (DuckDB, PostgreSQL). ClickHouse inlines every sub-query
/// at each reference and would copy the per-customer rows of every shard to one node: there
/// <see cref="Prepare"/> keeps nothing and each feature table aggregates its own snapshot as before — same results.
/// </remarks>
public sealed class CustomerAggregateSnapshots : IDisposable
{
    /// <summary>The engine table holding the aggregates.</summary>
    public const string TableName = "customer_aggregates";

    private readonly ISqlEngine? engine;
    private readonly DateTime[] days;
    private bool disposed;

    private CustomerAggregateSnapshots(ISqlEngine? engine, DateTime[] days)
    {
        this.engine = engine;
        this.days = days;
    }

    /// <summary>The snapshot days held (distinct, ascending); empty when the engine keeps nothing.</summary>
    public IReadOnlyList<DateTime> Snapshots => disposed ? [] : days;

    /// <summary>
    /// Aggregates the validated <c>transactions</c> table of <paramref name="engine"/> at every day of <paramref name="snapshots"/>
    /// (times of day ignored; duplicates and order do not matter) into <see cref="TableName"/>.
    /// </summary>
    public static CustomerAggregateSnapshots Prepare(ISqlEngine engine, IEnumerable<DateTime> snapshots)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(snapshots);
        var days = snapshots.Select(s => s.Date).Distinct().Order().ToArray();
        if (days.Length == 0 || engine.Dialect.InlinesSubqueries) return new CustomerAggregateSnapshots(null, []);
        var prepared = new CustomerAggregateSnapshots(engine, days);
        try
        {
            foreach (var statement in CustomerAggregateQuery.RenderSnapshots(engine.Dialect, days, TableName)) engine.Execute(statement);
        }
        catch
        {
            // Helper tables of a failed run are dropped with the session; the result table is not left half-made.
            prepared.Dispose();
            throw;
        }
        return prepared;
    }

    /// <summary>
    /// The aggregates at <paramref name="snapshot"/> as a sub-query with the columns of <see cref="CustomerAggregateQuery.Columns"/>,
    /// or null when that day is not held.
    /// </summary>
    public string? Source(SqlDialect d, DateTime snapshot)
    {
        ArgumentNullException.ThrowIfNull(d);
        int k = Array.IndexOf(days, snapshot.Date);
        if (disposed || engine is null || k < 0) return null;
        return $"SELECT {string.Join(", ", CustomerAggregateQuery.Columns)} FROM {d.Id(TableName)} WHERE snap = {k.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Drops the engine table.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        engine?.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(TableName)}");
    }
}
