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
    public static string RenderOrders12Months(SqlDialect d, DateTime snapshot, string transactions = "transactions")
    {
        ArgumentNullException.ThrowIfNull(d);
        string start = d.Timestamp(WindowStart(snapshot));
        string end = d.Timestamp(snapshot.Date.AddDays(1));
        string purchase = "NOT is_return";
        string day = "CAST(\"timestamp\" AS DATE)";
        return $"""
            SELECT customer_id, {d.ToBigInt(d.CountDistinctIf(day, purchase))} AS {Orders12Months}
            FROM {d.Id(transactions)} WHERE "timestamp" >= {start} AND "timestamp" < {end}
            GROUP BY customer_id HAVING {d.CountIf(purchase)} > 0
            ORDER BY customer_id
            """;
    }

    /// <summary>The 12-month purchase occasions of every customer active in the window ending on <paramref name="snapshot"/> (customer order).</summary>
    public static double[] Orders12MonthsAt(ISqlEngine engine, DateTime snapshot)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Read(RenderOrders12Months(engine.Dialect, snapshot), reader =>
        {
            var values = new List<double>();
            while (reader.Read()) values.Add(Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
            return values.ToArray();
        });
    }
}
