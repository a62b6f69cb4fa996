using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>
/// The per-customer aggregation of the transactions table, defined once and rendered for each engine: everything
/// RFM, value tiers, lifecycle and the feature table need from transaction-level data. Only one row per customer
/// leaves the engine.
/// </summary>
/// <remarks>
/// Definitions (transactions up to and including the snapshot day):
/// <list type="bullet">
/// <item><c>purchase_days</c>: distinct calendar days with at least one purchase (returns excluded) — the purchase occasions.</item>
/// <item><c>orders</c> / <c>returns</c>: purchase / return transactions.</item>
/// <item><c>gross_amount</c>: sum of purchase amounts; <c>net_amount</c>: gross minus returns (returns are negative amounts).
/// Money is summed as DECIMAL(18,2) so every engine returns the identical value.</item>
/// <item><c>first_purchase</c>, <c>last_purchase</c>: timestamps of the first and last purchase; <c>recency_days</c>: whole days
/// from the last purchase to the snapshot day; <c>tenure_days</c>: from the first purchase to the snapshot day.</item>
/// <item><c>online_orders</c>: purchases in an online channel (web, app); <c>channel_orders</c>: purchases whose channel is known
/// (the denominator of the online share: without channel data it is 0 and the share is missing, not 0 % online);
/// <c>campaign_orders</c>: purchases carrying a campaign id.</item>
/// <item><c>categories</c>: distinct categories purchased; <c>top_category_orders</c>: purchases in the customer's most frequent
/// category; <c>category_orders</c>: purchases whose category is known (0 for all three when none is).</item>
/// </list>
/// Customers with only returns have NULL purchase dates and zero orders.
/// </remarks>
public static class CustomerAggregateQuery
{
    /// <summary>Output columns in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "customer_id", "orders", "purchase_days", "returns", "gross_amount", "net_amount", "return_amount", "cost",
        "first_purchase", "last_purchase", "recency_days", "tenure_days", "online_orders", "channel_orders", "campaign_orders",
        "categories", "top_category_orders", "category_orders",
    ];

    /// <summary>
    /// The aggregation at several snapshot days in one pass over the transactions: every row of <see cref="Columns"/> at each
    /// snapshot, identical to <see cref="Render(SqlDialect, DateTime, string, bool, bool)"/> at that day, with a leading
    /// <c>snap</c> column (BIGINT, the index of the snapshot in <paramref name="snapshots"/>, which must be distinct days in
    /// ascending order). Rows in engine order.
    /// </summary>
    /// <remarks>
    /// The snapshots cut the time line into slices (up to the first snapshot, then between consecutive snapshots). One
    /// group-by per (customer, slice) carries every sum, count, first/last purchase and the distinct purchase days (a day
    /// lies in one slice, so per-slice distinct counts add up); the aggregates at snapshot k are then sums, minima and maxima
    /// over the slices up to k — a few rows per customer. One group-by per (customer, category) counts the purchases up to
    /// each snapshot. Money stays DECIMAL(18,2) until the end, so the sums are exact and equal to the one-snapshot query's.
    /// </remarks>
    public static string RenderSnapshots(SqlDialect d, IReadOnlyList<DateTime> snapshots, string transactions = "transactions")
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0) throw new ArgumentException("At least one snapshot is needed.", nameof(snapshots));
        for (int k = 1; k < snapshots.Count; k++)
            if (snapshots[k].Date <= snapshots[k - 1].Date)
                throw new ArgumentException("Snapshots must be distinct days in ascending order.", nameof(snapshots));
        string t = d.Id(transactions);
        string ts = "\"timestamp\"";
        var ends = snapshots.Select(s => d.Timestamp(s.Date.AddDays(1))).ToArray();
        string purchase = "NOT is_return";
        string online = $"channel IN ({string.Join(", ", DataModel.OnlineChannels.Select(d.Str))})";
        string day = $"CAST({ts} AS DATE)";
        string tx = $"{t} WHERE {ts} < {ends[^1]}";
        string slice = snapshots.Count == 1 ? "0"
            : $"(CASE {string.Join(" ", ends.Take(ends.Length - 1).Select((e, k) => $"WHEN {ts} < {e} THEN {k}"))} ELSE {ends.Length - 1} END)";
        var ctes = new List<(string Name, string Query)>
        {
            ("sl", $"""

              SELECT customer_id, {d.ToBigInt(slice)} AS slice,
                {d.CountIf(purchase)} AS orders,
                {d.CountDistinctIf(day, purchase)} AS purchase_days,
                {d.CountIf("is_return")} AS returns,
                {d.SumIf(d.Money("amount"), purchase)} AS gross_amount,
                sum({d.Money("amount")}) AS net_amount,
                {d.SumIf(d.Money("-amount"), "is_return")} AS return_amount,
                {d.SumIf(d.Money("cost"), purchase)} AS cost,
                {d.MinIf(ts, purchase)} AS first_purchase,
                {d.MaxIf(ts, purchase)} AS last_purchase,
                {d.CountIf($"{purchase} AND {online}")} AS online_orders,
                {d.CountIf($"{purchase} AND channel IS NOT NULL")} AS channel_orders,
                {d.CountIf($"{purchase} AND campaign_id IS NOT NULL")} AS campaign_orders
              FROM {tx} GROUP BY customer_id, {slice}
            """),
            ("cat", $"""

              SELECT customer_id, {string.Join(", ", ends.Select((_, k) => $"{d.CountIf($"n{k} > 0")} AS categories{k}, max(n{k}) AS top{k}, sum(n{k}) AS total{k}"))} FROM (
                SELECT customer_id, category, {string.Join(", ", ends.Select((e, k) => $"{d.CountIf($"{ts} < {e}")} AS n{k}"))}
                FROM {tx} AND {purchase} AND category IS NOT NULL GROUP BY customer_id, category) c
              GROUP BY customer_id
            """),
        };
        var parts = new List<string>();
        for (int k = 0; k < snapshots.Count; k++)
        {
            string snap = d.Timestamp(snapshots[k].Date);
            ctes.Add(($"agg{k}", $"""

              SELECT customer_id,
                {d.ToBigInt("sum(orders)")} AS orders, {d.ToBigInt("sum(purchase_days)")} AS purchase_days, {d.ToBigInt("sum(returns)")} AS returns,
                {d.ToDouble("COALESCE(sum(gross_amount), 0)")} AS gross_amount, {d.ToDouble("sum(net_amount)")} AS net_amount,
                {d.ToDouble("COALESCE(sum(return_amount), 0)")} AS return_amount, {d.ToDouble("COALESCE(sum(cost), 0)")} AS cost,
                min(first_purchase) AS first_purchase, max(last_purchase) AS last_purchase,
                {d.ToBigInt("sum(online_orders)")} AS online_orders, {d.ToBigInt("sum(channel_orders)")} AS channel_orders,
                {d.ToBigInt("sum(campaign_orders)")} AS campaign_orders
              FROM {d.Cte("sl")} WHERE slice <= {k} GROUP BY customer_id
            """));
            parts.Add($"""
                SELECT {d.ToBigInt(k.ToString(System.Globalization.CultureInfo.InvariantCulture))} AS snap, a.customer_id AS customer_id, orders, purchase_days, returns, gross_amount, net_amount, return_amount, cost,
                  first_purchase, last_purchase,
                  {d.ToBigInt(d.DaysBetween("last_purchase", snap))} AS recency_days,
                  {d.ToBigInt(d.DaysBetween("first_purchase", snap))} AS tenure_days,
                  online_orders, channel_orders, campaign_orders,
                  {d.ToBigInt($"COALESCE(categories{k}, 0)")} AS categories, {d.ToBigInt($"COALESCE(top{k}, 0)")} AS top_category_orders, {d.ToBigInt($"COALESCE(total{k}, 0)")} AS category_orders
                FROM {d.Cte($"agg{k}", "a")} LEFT JOIN {d.Cte("cat", "c")} ON a.customer_id = c.customer_id
                """);
        }
        return d.With(ctes, string.Join("\nUNION ALL\n", parts));
    }

    /// <summary>Renders the query over <paramref name="transactions"/> (a canonical, validated table) at the snapshot day.</summary>
    public static string Render(SqlDialect d, DateTime snapshot, string transactions = "transactions") => Render(d, snapshot, transactions, categories: true, ordered: true);

    /// <summary>
    /// The same, optionally without the (customer, category) pass — <c>categories</c> and <c>top_category_orders</c> are then
    /// NULL — and without the final ORDER BY (for use as a sub-query, where row order does not matter).
    /// </summary>
    public static string Render(SqlDialect d, DateTime snapshot, string transactions, bool categories, bool ordered)
    {
        string t = d.Id(transactions);
        string end = d.Timestamp(snapshot.Date.AddDays(1));
        string snap = d.Timestamp(snapshot.Date);
        string purchase = "NOT is_return";
        string online = $"channel IN ({string.Join(", ", DataModel.OnlineChannels.Select(d.Str))})";
        string day = "CAST(\"timestamp\" AS DATE)";
        // The snapshot filter is written into each pass rather than shared as a CTE: an engine may materialise a CTE read
        // twice (DuckDB copied all transactions for it: 1.3 s of CPU at 10 M rows).
        string tx = $"{t} WHERE \"timestamp\" < {end}";
        var ctes = new List<(string Name, string Query)>
        {
            ("agg", $"""

              SELECT customer_id,
                {d.ToBigInt(d.CountIf(purchase))} AS orders,
                {d.ToBigInt(d.CountDistinctIf(day, purchase))} AS purchase_days,
                {d.ToBigInt(d.CountIf("is_return"))} AS returns,
                {d.ToDouble($"COALESCE({d.SumIf(d.Money("amount"), purchase)}, 0)")} AS gross_amount,
                {d.ToDouble($"sum({d.Money("amount")})")} AS net_amount,
                {d.ToDouble($"COALESCE({d.SumIf(d.Money("-amount"), "is_return")}, 0)")} AS return_amount,
                {d.ToDouble($"COALESCE({d.SumIf(d.Money("cost"), purchase)}, 0)")} AS cost,
                {d.MinIf("\"timestamp\"", purchase)} AS first_purchase,
                {d.MaxIf("\"timestamp\"", purchase)} AS last_purchase,
                {d.ToBigInt(d.CountIf($"{purchase} AND {online}"))} AS online_orders,
                {d.ToBigInt(d.CountIf($"{purchase} AND channel IS NOT NULL"))} AS channel_orders,
                {d.ToBigInt(d.CountIf($"{purchase} AND campaign_id IS NOT NULL"))} AS campaign_orders
              FROM {tx} GROUP BY customer_id
            """),
        };
        if (categories)
            // One pass over (customer, category) gives both the breadth and the top category's orders.
            ctes.Add(("cat", $"""

              SELECT customer_id, {d.ToBigInt("count(*)")} AS categories, {d.ToBigInt("max(n)")} AS top_category_orders, {d.ToBigInt("sum(n)")} AS category_orders FROM (
                SELECT customer_id, category, count(*) AS n FROM {tx} AND {purchase} AND category IS NOT NULL GROUP BY customer_id, category) c
              GROUP BY customer_id
            """));
        string categoryColumns = categories
            ? $"{d.ToBigInt("COALESCE(categories, 0)")} AS categories, {d.ToBigInt("COALESCE(top_category_orders, 0)")} AS top_category_orders, {d.ToBigInt("COALESCE(category_orders, 0)")} AS category_orders"
            : $"{d.NullOf("BIGINT")} AS categories, {d.NullOf("BIGINT")} AS top_category_orders, {d.NullOf("BIGINT")} AS category_orders";
        string from = categories ? $"{d.Cte("agg")} LEFT JOIN {d.Cte("cat")} ON agg.customer_id = cat.customer_id" : d.Cte("agg");
        return d.With(ctes, $"""
            SELECT agg.customer_id, orders, purchase_days, returns, gross_amount, net_amount, return_amount, cost,
              first_purchase, last_purchase,
              {d.ToBigInt(d.DaysBetween("last_purchase", snap))} AS recency_days,
              {d.ToBigInt(d.DaysBetween("first_purchase", snap))} AS tenure_days,
              online_orders, channel_orders, campaign_orders, {categoryColumns}
            FROM {from}
            {(ordered ? "ORDER BY agg.customer_id" : "")}
            """);
    }
}
