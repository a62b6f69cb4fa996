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
    /// The aggregation at several snapshot days in one pass over the transactions, as statements that create the engine table
    /// <paramref name="table"/>: every row of <see cref="Columns"/> at each snapshot, identical to
    /// <see cref="Render(SqlDialect, DateTime, string, bool, bool, string?)"/> at that day, with a leading <c>snap</c> column (BIGINT,
    /// the index of the snapshot in <paramref name="snapshots"/>, which must be distinct days in ascending order). The helper
    /// tables the statements create (the table's name with <c>_slices</c>, <c>_categories</c>, <c>_days</c>, <c>_wide</c>) are dropped by the last one.
    /// </summary>
    /// <remarks>
    /// The snapshots cut the time line into slices (up to the first snapshot, then between consecutive snapshots). One
    /// group-by per (customer, slice) carries every sum, count and first/last purchase; one group-by per (customer, category)
    /// counts the purchases up to each snapshot; one over the distinct (customer, day) purchase pairs counts the purchase days
    /// up to each snapshot; then one group-by per customer over the few slice rows gives every snapshot's aggregates side by
    /// side, unfolded into one row per customer and snapshot. Money stays DECIMAL(18,2) until the end, so the sums are exact and
    /// equal to the one-snapshot query's. Separate statements rather than one query with common table expressions: DuckDB ran
    /// that form on one thread (25.9 s against 12 s for the same work at 1 M customers).
    /// </remarks>
    public static IReadOnlyList<string> RenderSnapshots(SqlDialect d, IReadOnlyList<DateTime> snapshots, string table, string transactions = "transactions") =>
        RenderSnapshots(d, snapshots, table, PurchaseDayPass.None, transactions);

    /// <summary>
    /// The same, with more asked of the pass over the distinct (customer, purchase day) pairs (<paramref name="dayPass"/>): the distinct
    /// purchase days in day windows and further per-customer aggregates of the purchase-day grain. The table <paramref name="table"/>
    /// with <c>_days</c> then stays (the caller reads and drops it): one row per customer with a purchase before the last snapshot's
    /// next day, with <c>purchase_days0</c>, … per snapshot, <c>window0</c>, … per window (0 outside it) and the further aggregates.
    /// </summary>
    /// <remarks>The drift check's 12-month windows and the customer summaries of the churn models are taken from the same grain: counted
    /// here they cost a few more aggregates instead of a pass over the transactions each (3.8 s and 5.6 s of a 62 s monthly job at
    /// 1 M customers).</remarks>
    public static IReadOnlyList<string> RenderSnapshots(SqlDialect d, IReadOnlyList<DateTime> snapshots, string table, PurchaseDayPass dayPass,
        string transactions = "transactions")
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(dayPass);
        if (snapshots.Count == 0) throw new ArgumentException("At least one snapshot is needed.", nameof(snapshots));
        for (int k = 1; k < snapshots.Count; k++)
            if (snapshots[k].Date <= snapshots[k - 1].Date)
                throw new ArgumentException("Snapshots must be distinct days in ascending order.", nameof(snapshots));
        foreach (var (start, end) in dayPass.Windows)
            if (start.TimeOfDay != TimeSpan.Zero || end.TimeOfDay != TimeSpan.Zero || end <= start || end > snapshots[^1].Date.AddDays(1))
                throw new ArgumentException("Day windows must be whole days, non-empty, and end by the day after the last snapshot.", nameof(dayPass));
        string t = d.Id(transactions);
        string ts = "\"timestamp\"";
        var ends = snapshots.Select(s => d.Timestamp(s.Date.AddDays(1))).ToArray();
        var ks = Enumerable.Range(0, snapshots.Count).ToArray();
        string purchase = "NOT is_return";
        string online = $"channel IN ({string.Join(", ", DataModel.OnlineChannels.Select(d.Str))})";
        string day = $"CAST({ts} AS DATE)";
        string tx = $"{t} WHERE {ts} < {ends[^1]}";
        // One snapshot is one slice: grouped by customer alone (GROUP BY …, 0 would name a column by its position).
        string slice = snapshots.Count == 1 ? "0"
            : $"(CASE {string.Join(" ", ends.Take(ends.Length - 1).Select((e, k) => $"WHEN {ts} < {e} THEN {k}"))} ELSE {ends.Length - 1} END)";
        string slices = table + "_slices", categories = table + "_categories", days = table + "_days", wide = table + "_wide";
        string Up(string aggregate, string column, int k) => aggregate switch
        {
            "min" => d.MinIf(column, $"slice <= {k}"),
            "max" => d.MaxIf(column, $"slice <= {k}"),
            _ => d.SumIf(column, $"slice <= {k}"),
        };
        var statements = new List<string>
        {
            d.CreateTempTableAs(slices, $"""
              SELECT customer_id, {d.ToBigInt(slice)} AS slice,
                {d.CountIf(purchase)} AS orders,
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
              FROM {tx} GROUP BY customer_id{(snapshots.Count == 1 ? "" : $", {slice}")}
              """),
            d.CreateTempTableAs(categories, $"""
              SELECT customer_id, {string.Join(", ", ks.Select(k => $"{d.CountIf($"n{k} > 0")} AS categories{k}, max(n{k}) AS top{k}, sum(n{k}) AS total{k}"))} FROM (
                SELECT customer_id, category, {string.Join(", ", ks.Select(k => $"{d.CountIf($"{ts} < {ends[k]}")} AS n{k}"))}
                FROM {tx} AND {purchase} AND category IS NOT NULL GROUP BY customer_id, category) c
              GROUP BY customer_id
              """),
            // Distinct purchase days from the (customer, day) grain rather than a distinct count per (customer, slice): DuckDB ran
            // that on about one thread (14 CPU-s, 14 s at 1 M customers) against 6 CPU-s for this pass. A snapshot's end is a
            // midnight, so a timestamp before it is a day before its day.
            // With further aggregates the grain carries each day's purchase amount (money summed exactly, as everywhere).
            d.CreateTempTableAs(days, $"""
              SELECT customer_id, {string.Join(", ", ks.Select(k => $"{d.CountIf($"day < CAST({ends[k]} AS DATE)")} AS purchase_days{k}")
                  .Concat(dayPass.Windows.Select((w, j) => $"{d.ToBigInt(d.CountIf($"day >= CAST({d.Timestamp(w.Start)} AS DATE) AND day < CAST({d.Timestamp(w.End)} AS DATE)"))} AS window{j}"))
                  .Concat(dayPass.Aggregates))}
              FROM ({(dayPass.Aggregates.Count == 0
                  ? $"SELECT DISTINCT customer_id, {day} AS day FROM {tx} AND {purchase}"
                  : $"SELECT customer_id, {day} AS day, sum({d.Money("amount")}) AS day_amount FROM {tx} AND {purchase} GROUP BY customer_id, {day}")}) pd
              GROUP BY customer_id
              """),
            // Every snapshot's sums side by side (slices up to k), the category counts and purchase days joined once.
            d.CreateTempTableAs(wide, $"""
              SELECT s.*, {string.Join(", ", ks.Select(k => $"c.categories{k}, c.top{k}, c.total{k}, COALESCE(pd.purchase_days{k}, 0) AS purchase_days{k}"))} FROM (
                SELECT customer_id,
                  {string.Join(",\n      ", ks.Select(k => string.Join(", ",
                      d.CountIf($"slice <= {k}") + $" AS rows{k}",
                      Up("sum", "orders", k) + $" AS orders{k}",
                      Up("sum", "returns", k) + $" AS returns{k}", Up("sum", "gross_amount", k) + $" AS gross_amount{k}",
                      Up("sum", "net_amount", k) + $" AS net_amount{k}", Up("sum", "return_amount", k) + $" AS return_amount{k}",
                      Up("sum", "cost", k) + $" AS cost{k}", Up("min", "first_purchase", k) + $" AS first_purchase{k}",
                      Up("max", "last_purchase", k) + $" AS last_purchase{k}", Up("sum", "online_orders", k) + $" AS online_orders{k}",
                      Up("sum", "channel_orders", k) + $" AS channel_orders{k}", Up("sum", "campaign_orders", k) + $" AS campaign_orders{k}")))}
                FROM {d.Id(slices)} GROUP BY customer_id) s
              LEFT JOIN {d.Id(categories)} c ON s.customer_id = c.customer_id
              LEFT JOIN {d.Id(days)} pd ON s.customer_id = pd.customer_id
              """),
        };
        var parts = ks.Select(k =>
        {
            string snap = d.Timestamp(snapshots[k].Date);
            return $"""
                SELECT {d.ToBigInt(k.ToString(System.Globalization.CultureInfo.InvariantCulture))} AS snap, customer_id,
                  {d.ToBigInt($"orders{k}")} AS orders, {d.ToBigInt($"purchase_days{k}")} AS purchase_days, {d.ToBigInt($"returns{k}")} AS returns,
                  {d.ToDouble($"COALESCE(gross_amount{k}, 0)")} AS gross_amount, {d.ToDouble($"net_amount{k}")} AS net_amount,
                  {d.ToDouble($"COALESCE(return_amount{k}, 0)")} AS return_amount, {d.ToDouble($"COALESCE(cost{k}, 0)")} AS cost,
                  first_purchase{k} AS first_purchase, last_purchase{k} AS last_purchase,
                  {d.ToBigInt(d.DaysBetween($"last_purchase{k}", snap))} AS recency_days,
                  {d.ToBigInt(d.DaysBetween($"first_purchase{k}", snap))} AS tenure_days,
                  {d.ToBigInt($"online_orders{k}")} AS online_orders, {d.ToBigInt($"channel_orders{k}")} AS channel_orders,
                  {d.ToBigInt($"campaign_orders{k}")} AS campaign_orders,
                  {d.ToBigInt($"COALESCE(categories{k}, 0)")} AS categories, {d.ToBigInt($"COALESCE(top{k}, 0)")} AS top_category_orders,
                  {d.ToBigInt($"COALESCE(total{k}, 0)")} AS category_orders
                FROM {d.Id(wide)} WHERE rows{k} > 0
                """;
        });
        statements.Add(d.CreateTempTableAs(table, string.Join("\nUNION ALL\n", parts)));
        statements.Add($"DROP TABLE {d.Id(slices)}; DROP TABLE {d.Id(categories)}; " + (dayPass.KeepsDays ? "" : $"DROP TABLE {d.Id(days)}; ") + $"DROP TABLE {d.Id(wide)}");
        return statements;
    }

    /// <summary>Renders the query over <paramref name="transactions"/> (a canonical, validated table) at the snapshot day.</summary>
    public static string Render(SqlDialect d, DateTime snapshot, string transactions = "transactions") => Render(d, snapshot, transactions, categories: true, ordered: true);

    /// <summary>
    /// The same, optionally without the (customer, category) pass — <c>categories</c> and <c>top_category_orders</c> are then
    /// NULL — and without the final ORDER BY (for use as a sub-query, where row order does not matter).
    /// </summary>
    /// <remarks>With <c>customersIn</c> (an engine table with a customer_id column) only those customers' transactions are read.</remarks>
    public static string Render(SqlDialect d, DateTime snapshot, string transactions, bool categories, bool ordered, string? customersIn = null)
    {
        string t = d.Id(transactions);
        string end = d.Timestamp(snapshot.Date.AddDays(1));
        string snap = d.Timestamp(snapshot.Date);
        string purchase = "NOT is_return";
        string online = $"channel IN ({string.Join(", ", DataModel.OnlineChannels.Select(d.Str))})";
        string day = "CAST(\"timestamp\" AS DATE)";
        // The snapshot filter is written into each pass rather than shared as a CTE: an engine may materialise a CTE read
        // twice (DuckDB copied all transactions for it: 1.3 s of CPU at 10 M rows).
        string tx = $"{t} WHERE \"timestamp\" < {end}" + (customersIn is null ? "" : $" AND customer_id IN (SELECT customer_id FROM {d.Id(customersIn)})");
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

