using System.Globalization;
using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>
/// The per-customer aggregates (<see cref="CustomerAggregateQuery"/>) at several snapshot days, computed in one pass over the
/// transactions and kept in an engine table (or, where DuckDB's workspace aggregated them in process, held in memory, the table
/// being written only if SQL reads it) while the feature tables of those days are built
/// (<see cref="FeatureTableOptions.Aggregates"/>). The monthly job builds three feature tables (training snapshot, month end,
/// previous period end); each used to re-read and re-aggregate every transaction, distinct purchase days included.
/// Dispose drops the tables.
/// </summary>
/// <remarks>
/// Only in engines that evaluate a common table expression once (DuckDB, PostgreSQL). ClickHouse inlines every sub-query
/// at each reference and would copy the per-customer rows of every shard to one node: there
/// <see cref="Prepare(ISqlEngine, IEnumerable{DateTime})"/> keeps nothing and each feature table aggregates its own snapshot as before — same results.
/// </remarks>
public sealed class CustomerAggregateSnapshots : IDisposable
{
    /// <summary>The engine table holding the aggregates.</summary>
    public const string TableName = "customer_aggregates";

    private const string DaysTableName = TableName + "_days";

    private readonly ISqlEngine? engine;
    private readonly DateTime[] days;
    private bool disposed;
    private bool keepsDays;
    // The aggregates held in process (the in-process pass), and whether their engine table exists yet: it is written only when
    // something reads it by SQL (Source), since feature tables are computed from the held aggregates.
    private HeldAggregates? held;
    private bool tableWritten = true;
    private bool daysWritten = true;

    private CustomerAggregateSnapshots(ISqlEngine? engine, DateTime[] days)
    {
        this.engine = engine;
        this.days = days;
    }

    /// <summary>True when the engine made the tables in process (<see cref="ICustomerAggregateSnapshotSource"/>), not by the SQL.</summary>
    internal bool InProcess { get; private set; }

    /// <summary>The snapshot days held (distinct, ascending); empty when the engine keeps nothing.</summary>
    public IReadOnlyList<DateTime> Snapshots => disposed ? [] : days;

    /// <summary>
    /// Per window of the <see cref="PurchaseDayPass"/> given to <see cref="Prepare(ISqlEngine, IEnumerable{DateTime}, PurchaseDayPass)"/>, the
    /// distinct purchase days in it of every customer with at least one (in no particular order); null when the engine keeps nothing
    /// (the caller counts them itself).
    /// </summary>
    public IReadOnlyList<double[]>? PurchaseDaysInWindows { get; private set; }

    /// <summary>
    /// The aggregates held in process (null when the SQL made the tables, and after <see cref="Dispose"/>): what the pass holds for
    /// the evaluation (<see cref="Evaluation.IHeldForEvaluation"/>, when the engine's holder implements it) is read from here before
    /// disposing; it outlives the holder.
    /// </summary>
    internal HeldAggregates? Held => disposed ? null : held;

    /// <summary>
    /// The engine table of the purchase-day pass (<see cref="CustomerAggregateQuery.RenderSnapshots(SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/>,
    /// with the further aggregates asked for), kept until <see cref="Dispose"/>; null when none was kept.
    /// </summary>
    /// <remarks>Where the engine aggregated in process, the table is written when this is first read.</remarks>
    public string? DaysTable
    {
        get
        {
            if (disposed || !keepsDays) return null;
            if (!daysWritten)
            {
                held!.WriteDaysTable();
                daysWritten = true;
            }
            return DaysTableName;
        }
    }

    /// <summary>
    /// Aggregates the validated <c>transactions</c> table of <paramref name="engine"/> at every day of <paramref name="snapshots"/>
    /// (times of day ignored; duplicates and order do not matter) into <see cref="TableName"/>.
    /// </summary>
    public static CustomerAggregateSnapshots Prepare(ISqlEngine engine, IEnumerable<DateTime> snapshots) => Prepare(engine, snapshots, PurchaseDayPass.None);

    /// <summary>
    /// The same, with more asked of the pass over the (customer, purchase day) pairs: the windows' counts are read into
    /// <see cref="PurchaseDaysInWindows"/>, and the pass's table stays as <see cref="DaysTable"/> when further aggregates are asked for.
    /// The windows must end by the day after the last snapshot.
    /// </summary>
    public static CustomerAggregateSnapshots Prepare(ISqlEngine engine, IEnumerable<DateTime> snapshots, PurchaseDayPass dayPass) =>
        Prepare(engine, snapshots, dayPass, inProcess: true);

    /// <summary>The same; <paramref name="inProcess"/> false always runs the SQL, even where the engine can aggregate the snapshots in
    /// process (<see cref="ICustomerAggregateSnapshotSource"/>; the tests compare the two).</summary>
    internal static CustomerAggregateSnapshots Prepare(ISqlEngine engine, IEnumerable<DateTime> snapshots, PurchaseDayPass dayPass, bool inProcess)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(dayPass);
        var days = snapshots.Select(s => s.Date).Distinct().Order().ToArray();
        if (days.Length == 0 || engine.Dialect.InlinesSubqueries) return new CustomerAggregateSnapshots(null, []);
        var prepared = new CustomerAggregateSnapshots(engine, days) { keepsDays = dayPass.KeepsDays };
        try
        {
            if (inProcess && engine is ICustomerAggregateSnapshotSource source && source.TryPrepareSnapshots(days, TableName, dayPass) is { } held)
            {
                prepared.PurchaseDaysInWindows = dayPass.Windows.Count > 0 ? held.Windows : null;
                prepared.InProcess = true;
                prepared.held = held;
                prepared.tableWritten = false;
                prepared.daysWritten = false;
            }
            else
            {
                foreach (var statement in CustomerAggregateQuery.RenderSnapshots(engine.Dialect, days, TableName, dayPass)) engine.Execute(statement);
                if (dayPass.Windows.Count > 0) prepared.PurchaseDaysInWindows = ReadWindows(engine, dayPass.Windows.Count);
            }
            if (dayPass.Aggregates.Count == 0) prepared.DropDaysTable();
        }
        catch
        {
            // Helper tables of a failed run are dropped with the session; the result table is not left half-made.
            prepared.Dispose();
            throw;
        }
        return prepared;
    }

    /// <summary>The window counts of the purchase-day table, only their values (the order of customers does not matter).</summary>
    private static double[][] ReadWindows(ISqlEngine engine, int windows)
    {
        var frame = engine.Query($"SELECT {string.Join(", ", Enumerable.Range(0, windows).Select(j => $"window{j.ToString(CultureInfo.InvariantCulture)}"))} FROM {engine.Dialect.Id(DaysTableName)}");
        return [.. Enumerable.Range(0, windows).Select(j => Array.FindAll(FrameColumns.Numbers(frame.Columns[j], missing: double.NaN), count => count > 0))];
    }

    /// <summary>Drops <see cref="DaysTable"/> once the caller has taken what it needs from it (<see cref="Dispose"/> drops it too).</summary>
    public void DropDaysTable()
    {
        if (!keepsDays) return;
        keepsDays = false;
        engine?.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(DaysTableName)}");
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
        EnsureTable();
        return $"SELECT {string.Join(", ", CustomerAggregateQuery.Columns)} FROM {d.Id(TableName)} WHERE snap = {k.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Creates the aggregates table from the held aggregates if it was not made yet (the SQL path makes it at once).</summary>
    internal void EnsureTable()
    {
        if (tableWritten || disposed) return;
        held!.WriteTable();
        tableWritten = true;
    }

    /// <summary>
    /// The feature table at <paramref name="snapshot"/> from the aggregates held in process, when the engine holds them and can compute
    /// the table exactly as the SQL; null otherwise (the caller renders the SQL).
    /// </summary>
    internal Microsoft.Data.Analysis.DataFrame? TryFeatureTable(SqlDialect d, DateTime snapshot, FeatureTableOptions options, FeatureSources sources)
    {
        ArgumentNullException.ThrowIfNull(d);
        return HeldAt(snapshot, options) is { } h ? h.Held.TryFeatureTable(h.Snapshot, days[h.Snapshot], options, sources) : null;
    }

    /// <summary>The buyers' rows of <see cref="TryFeatureTable"/> and the full table's row count (<see cref="HeldAggregates.TryBuyersTable"/>).</summary>
    internal Microsoft.Data.Analysis.DataFrame? TryBuyersTable(SqlDialect d, DateTime snapshot, FeatureTableOptions options, FeatureSources sources,
        IReadOnlyList<int>? rows, out long customers)
    {
        ArgumentNullException.ThrowIfNull(d);
        customers = 0;
        return HeldAt(snapshot, options) is { } h ? h.Held.TryBuyersTable(h.Snapshot, days[h.Snapshot], options, sources, rows, out customers) : null;
    }

    /// <summary>The held aggregates and the number of <paramref name="snapshot"/> among them, when a table there can come from them.</summary>
    private (HeldAggregates Held, int Snapshot)? HeldAt(DateTime snapshot, FeatureTableOptions options)
    {
        int k = Array.IndexOf(days, snapshot.Date);
        return disposed || held is null || k < 0 || options.CustomersIn is not null ? null : (held, k);
    }

    /// <summary>Drops the engine tables.</summary>
    public void Dispose()
    {
        if (disposed) return;
        DropDaysTable();
        disposed = true;
        held = null;
        engine?.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(TableName)}");
    }
}
