using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Features measured over a fixed window before a snapshot, so two snapshots years apart describe comparable customers
/// (unlike cumulative counts, which grow with the calendar): the drift check's basis for "refit".
/// </summary>
/// <remarks>
/// <c>orders_12m</c>: purchase occasions (distinct calendar days with at least one purchase; returns excluded — the same unit
/// as <c>frequency</c>) in the 12 calendar months up to and including the snapshot day, i.e. timestamps in
/// [snapshot + 1 day − 12 months, snapshot + 1 day). Population: the customers with at least one purchase in that window
/// (the active customers), one value each; customers without a purchase in the window are not in the distribution, so a
/// growing pool of long-lapsed customers does not pass for drift.
/// </remarks>
public static class WindowFeatures
{
    /// <summary>Features of the catalogue that count from the first purchase on: they grow with the calendar, so their PSI against
    /// an older snapshot measures time, not a change of customers (not comparable; they never decide a refit).</summary>
    public static IReadOnlySet<string> Cumulative { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "frequency", "monetary", "orders", "tenure_days", "category_breadth", "complaints", "referrals" };

    /// <summary>Name of the 12-month purchase-occasion window feature (label <c>feature_orders_12m</c> in the report).</summary>
    public const string Orders12Months = "orders_12m";

    /// <summary>Length of the window in months.</summary>
    public const int WindowMonths = 12;

    /// <summary>First timestamp inside the window ending on <paramref name="snapshot"/> (inclusive).</summary>
    public static DateTime WindowStart(DateTime snapshot) => snapshot.Date.AddDays(1).AddMonths(-WindowMonths);

    /// <summary>Renders the per-customer query (<c>customer_id</c>, <c>orders_12m</c>, ordered by customer) over a canonical transactions table.</summary>
    public static string RenderOrders12Months(SqlDialect d, DateTime snapshot, string transactions = "transactions") =>
        RenderOrders12Months(d, [snapshot], transactions);

    /// <summary>
    /// Renders the per-customer query at several snapshots in one pass: <c>customer_id</c> and one count per snapshot
    /// (<c>orders_12m_0</c>, <c>orders_12m_1</c>, …; 0 when the customer did not buy in that window), ordered by customer, for every
    /// customer with a purchase in at least one of the windows. The distinct purchase days are taken once (the per customer × day
    /// grain of the windows' union) and counted per window.
    /// </summary>
    public static string RenderOrders12Months(SqlDialect d, IReadOnlyList<DateTime> snapshots, string transactions = "transactions")
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0) throw new ArgumentException("At least one snapshot is needed.", nameof(snapshots));
        string day = "CAST(\"timestamp\" AS DATE)";
        string Within(string at, DateTime snapshot) =>
            $"{at} >= {d.Timestamp(WindowStart(snapshot))} AND {at} < {d.Timestamp(snapshot.Date.AddDays(1))}";
        string DayWithin(DateTime snapshot) =>
            $"day >= CAST({d.Timestamp(WindowStart(snapshot))} AS DATE) AND day < CAST({d.Timestamp(snapshot.Date.AddDays(1))} AS DATE)";
        string counts = snapshots.Count == 1
            ? $"{d.ToBigInt("count(*)")} AS {Orders12Months}"
            : string.Join(", ", snapshots.Select((x, k) => $"{d.ToBigInt(d.CountIf(DayWithin(x)))} AS {Orders12Months}_{k}"));
        string windows = string.Join(" OR ", snapshots.Distinct().Select(x => $"({Within("\"timestamp\"", x)})"));
        return $"""
            SELECT customer_id, {counts}
            FROM (SELECT DISTINCT customer_id, {day} AS day FROM {d.Id(transactions)} WHERE NOT is_return AND ({windows})) pd
            GROUP BY customer_id
            ORDER BY customer_id
            """;
    }

    /// <summary>The 12-month purchase occasions of every customer active in the window ending on <paramref name="snapshot"/> (customer order).</summary>
    public static double[] Orders12MonthsAt(ISqlEngine engine, DateTime snapshot)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Read(engine, [snapshot])[0];
    }

    /// <summary>
    /// The 12-month purchase occasions at two snapshots (e.g. the model's training day and the month end) in one pass over the
    /// transactions; each the same as <see cref="Orders12MonthsAt(ISqlEngine, DateTime)"/> gives for its snapshot.
    /// </summary>
    public static (double[] First, double[] Second) Orders12MonthsAt(ISqlEngine engine, DateTime first, DateTime second)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var values = Read(engine, [first, second]);
        return (values[0], values[1]);
    }

    /// <summary>Per snapshot, the counts of the customers active in its window, in the query's customer order (read as a typed frame:
    /// in DuckDB Arrow batches copied column by column, no boxing per cell).</summary>
    private static double[][] Read(ISqlEngine engine, DateTime[] snapshots)
    {
        var frame = engine.Query(RenderOrders12Months(engine.Dialect, snapshots));
        var values = new double[snapshots.Length][];
        for (int k = 0; k < snapshots.Length; k++)
        {
            var counts = Features.FrameColumns.Numbers(frame.Columns[k + 1], missing: double.NaN);
            values[k] = Array.FindAll(counts, count => count > 0);
        }
        return values;
    }
}
