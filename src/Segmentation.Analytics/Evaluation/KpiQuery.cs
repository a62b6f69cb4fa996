using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The transaction-level part of the KPI table, written once and rendered per engine (<see cref="SqlDialect"/>): per segment ×
/// period sums. Only these aggregate rows leave the engine; <see cref="KpiCalculator"/> combines them into KPIs.
/// </summary>
/// <remarks>
/// <para>Steps (all in the engine): (1) <c>kpi_cp</c>: transactions of assigned customers before the end of the last period,
/// summed per customer × period (the period index of a month: periods before the first extend backwards with the first
/// period's length, so history is included). (2) <c>kpi_a</c>: the active customer-periods with, per customer, the previous and
/// next active period, the next period's first purchase day, and the lapse day = last purchase day + W and its period.
/// (3) Queries over these: period sums, new/retained counts, feedback sums, and events whose running sums give the customer
/// base (acquisitions) and the churn base (+1 when a customer becomes live after an active period, −1 after the last period they
/// are live at the start of).</para>
/// <para>A customer is churned in the period holding their lapse day when the next purchase is later than the lapse day (or there is
/// none before the end of the data range). Because W ≥ every period's length, a lapse can only follow the last purchase of an active
/// period, so the per-period grain is exact. Money is summed as DECIMAL(18, 2) and counts as integers, then cast to double: both
/// engines return identical values.</para>
/// </remarks>
internal static class KpiQuery
{
    public const string CustomerPeriods = "kpi_cp", ActivePeriods = "kpi_a";

    /// <summary>The month index y·12 + m − 1 of a date or timestamp expression.</summary>
    public static string MonthIndex(string expression) =>
        $"(CAST(EXTRACT(YEAR FROM {expression}) AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM {expression}) AS BIGINT) - 1)";

    public static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    /// <summary>The period index of a date/timestamp expression over contiguous periods of whole months.</summary>
    public static string PeriodIndex(SqlDialect d, string expression, IReadOnlyList<KpiPeriod> periods)
    {
        string mi = MonthIndex(expression);
        int m0 = MonthIndex(periods[0].Start), l0 = periods[0].Months;
        string before = $"CAST(floor(CAST({mi} - {m0} AS {d.DoubleType}) / {l0}) AS BIGINT)";
        if (periods.All(p => p.Months == l0)) return before;
        var whens = periods.Select((p, k) => $"WHEN {mi} < {MonthIndex(p.EndExclusive)} THEN {k}");
        return $"(CASE WHEN {mi} < {m0} THEN {before} {string.Join(" ", whens)} ELSE {periods.Count} END)";
    }

    private static string Day(string ts) => $"CAST({ts} AS DATE)";

    /// <summary>Statements creating <c>kpi_cp</c> and <c>kpi_a</c>.</summary>
    public static IReadOnlyList<string> Prepare(SqlDialect d, IReadOnlyList<KpiPeriod> periods, int churnWindowDays, string segments, string transactions = "transactions")
    {
        string end = d.Timestamp(periods[^1].EndExclusive.ToDateTime(TimeOnly.MinValue));
        string purchase = "NOT is_return";
        // Grouped per customer × period first, then joined to the (smaller) segment table. A customer-period is a repeat when its
        // first and last purchase days differ (≥ 2 distinct purchase days), which avoids a COUNT(DISTINCT).
        string cp = $"""
            SELECT s.segment, g.* FROM (
              SELECT customer_id, {PeriodIndex(d, "\"timestamp\"", periods)} AS period,
                {d.ToBigInt(d.CountIf(purchase))} AS orders,
                COALESCE({d.SumIf(d.Money("amount"), purchase)}, 0) AS gross,
                sum({d.Money("amount")}) AS net,
                sum({d.Money("COALESCE(cost, 0)")}) AS cost,
                {d.MinIf(Day("\"timestamp\""), purchase)} AS first_day,
                {d.MaxIf(Day("\"timestamp\""), purchase)} AS last_day
              FROM {d.Id(transactions)}
              WHERE "timestamp" < {end}
              GROUP BY customer_id, {PeriodIndex(d, "\"timestamp\"", periods)}) g
            JOIN {d.Id(segments)} s ON g.customer_id = s.customer_id
            """;
        string neighbours = d.Neighbours(
            $"(SELECT segment, customer_id, period, first_day, last_day FROM {d.Id(CustomerPeriods)} WHERE orders > 0) src",
            ["segment", "customer_id"], "period", ["period", "first_day", "last_day"],
            [("prev_period", "period", -1), ("next_period", "period", 1), ("next_first", "first_day", 1)]);
        string a = $"""
            SELECT segment, customer_id, period, last_day, lapse_day, {PeriodIndex(d, "lapse_day", periods)} AS lapse_period,
              prev_period, next_period, next_first
            FROM (
              SELECT segment, customer_id, period, last_day, last_day + {churnWindowDays} AS lapse_day, prev_period, next_period, next_first
              FROM ({neighbours}) n) w
            """;
        return [d.CreateTempTableAs(CustomerPeriods, cp), d.CreateTempTableAs(ActivePeriods, a)];
    }

    public static IReadOnlyList<string> Cleanup(SqlDialect d) =>
        [$"DROP TABLE IF EXISTS {d.Id(ActivePeriods)}", $"DROP TABLE IF EXISTS {d.Id(CustomerPeriods)}"];

    /// <summary>segment, period, active, total_orders, repeaters, total_gross, total_net, total_cost, net_sq (periods −1 … N − 1).
    /// Output names differ from the input columns: ClickHouse resolves an alias before a column of the same name.</summary>
    public static string PeriodSums(SqlDialect d, int periods) => $"""
        SELECT segment, period,
          {d.ToDouble(d.CountIf("orders > 0"))} AS active,
          {d.ToDouble("sum(orders)")} AS total_orders,
          {d.ToDouble(d.CountIf("first_day < last_day"))} AS repeaters,
          {d.ToDouble("sum(gross)")} AS total_gross,
          {d.ToDouble("sum(net)")} AS total_net,
          {d.ToDouble("sum(cost)")} AS total_cost,
          {d.ToDouble($"sum(CAST(net AS DECIMAL(18, 2)) * CAST(net AS DECIMAL(18, 2)))")} AS net_sq
        FROM {d.Id(CustomerPeriods)} WHERE period >= -1 AND period < {periods}
        GROUP BY segment, period ORDER BY segment, period
        """;

    /// <summary>segment, period, orders, gross of every active customer in the given periods, ordered by customer id.</summary>
    public static string CustomerSamples(SqlDialect d, IReadOnlyList<int> periods) => $"""
        SELECT segment, period, {d.ToDouble("orders")} AS sample_orders, {d.ToDouble("gross")} AS sample_gross
        FROM {d.Id(CustomerPeriods)} WHERE orders > 0 AND period IN ({string.Join(", ", periods)})
        ORDER BY segment, period, customer_id
        """;

    /// <summary>segment, period, new, retained.</summary>
    public static string ActiveSums(SqlDialect d, int periods) => $"""
        SELECT segment, period,
          {d.ToDouble(d.CountIf("prev_period IS NULL"))} AS new_customers,
          {d.ToDouble(d.CountIf("prev_period = period - 1"))} AS retained
        FROM {d.Id(ActivePeriods)} WHERE period >= 0 AND period < {periods}
        GROUP BY segment, period ORDER BY segment, period
        """;

    /// <summary>segment, kind, idx, n: events whose running sums over idx give the customer base and the churn base, and churn counts.</summary>
    public static string Events(SqlDialect d)
    {
        string lastLive = d.Least("COALESCE(next_period, lapse_period)", "lapse_period");
        string a = d.Id(ActivePeriods);
        return $"""
            SELECT segment, kind, idx, n FROM (
              SELECT segment, 'acquired' AS kind, {d.ToBigInt("period")} AS idx, {d.ToDouble("count(*)")} AS n FROM {a} WHERE prev_period IS NULL GROUP BY segment, period
              UNION ALL
              SELECT segment, 'live_in' AS kind, {d.ToBigInt("period + 1")} AS idx, {d.ToDouble("count(*)")} AS n FROM {a} GROUP BY segment, period + 1
              UNION ALL
              SELECT segment, 'live_out' AS kind, {d.ToBigInt($"{lastLive} + 1")} AS idx, {d.ToDouble("count(*)")} AS n
                FROM {a} GROUP BY segment, {lastLive} + 1
              UNION ALL
              SELECT segment, 'churned' AS kind, {d.ToBigInt("lapse_period")} AS idx, {d.ToDouble("count(*)")} AS n FROM {a}
                WHERE next_first IS NULL OR next_first > lapse_day GROUP BY segment, lapse_period) e
            ORDER BY segment, kind, idx
            """;
    }

    /// <summary>Feedback sums per segment × period.</summary>
    public static string FeedbackSums(SqlDialect d, IReadOnlyList<KpiPeriod> periods, string segments, string feedback = "feedback")
    {
        string start = d.Timestamp(periods[0].Start.ToDateTime(TimeOnly.MinValue));
        string end = d.Timestamp(periods[^1].EndExclusive.ToDateTime(TimeOnly.MinValue));
        string period = PeriodIndex(d, "\"date\"", periods);
        // Summed per customer × period where the feedback lives (on a cluster: on each shard), then per segment.
        return $"""
            SELECT s.segment, g.period,
              {d.ToDouble("sum(g.responses)")} AS total_responses,
              {d.ToDouble("sum(g.csat_n)")} AS total_csat_n,
              {d.ToDouble("sum(g.csat_sum)")} AS total_csat_sum,
              {d.ToDouble("sum(g.csat_sq)")} AS total_csat_sq,
              {d.ToDouble("sum(g.satisfied)")} AS total_satisfied,
              {d.ToDouble("sum(g.nps_n)")} AS total_nps_n,
              {d.ToDouble("sum(g.promoters)")} AS total_promoters,
              {d.ToDouble("sum(g.detractors)")} AS total_detractors,
              {d.ToDouble("sum(g.complaints)")} AS total_complaints,
              {d.ToDouble("sum(g.referrals)")} AS total_referrals,
              {d.ToDouble("sum(g.referrers)")} AS total_referrers
            FROM (
              SELECT customer_id, {period} AS period,
                {d.ToBigInt("count(*)")} AS responses,
                {d.ToBigInt("count(csat)")} AS csat_n,
                {d.ToBigInt("COALESCE(sum(csat), 0)")} AS csat_sum,
                {d.ToBigInt("COALESCE(sum(csat * csat), 0)")} AS csat_sq,
                {d.ToBigInt(d.CountIf("csat >= 4"))} AS satisfied,
                {d.ToBigInt("count(nps)")} AS nps_n,
                {d.ToBigInt(d.CountIf("nps >= 9"))} AS promoters,
                {d.ToBigInt(d.CountIf("nps <= 6"))} AS detractors,
                {d.ToBigInt(d.CountIf("complaint"))} AS complaints,
                {d.ToBigInt("COALESCE(sum(referred_customers), 0)")} AS referrals,
                {d.ToBigInt(d.CountIf("referred_customers > 0"))} AS referrers
              FROM {d.Id(feedback)}
              WHERE "date" >= {start} AND "date" < {end}
              GROUP BY customer_id, {period}) g
            JOIN {d.Id(segments)} s ON g.customer_id = s.customer_id
            GROUP BY s.segment, g.period ORDER BY s.segment, g.period
            """;
    }

    /// <summary>month, segment (NULL = whole market), market_size for the months of the periods.</summary>
    public static string Market(SqlDialect d, IReadOnlyList<KpiPeriod> periods, string market = "market")
    {
        string start = d.Timestamp(periods[0].Start.ToDateTime(TimeOnly.MinValue));
        string end = d.Timestamp(periods[^1].EndExclusive.ToDateTime(TimeOnly.MinValue));
        return $"""
            SELECT CAST(month AS {d.TimestampType}) AS month, segment, {d.ToDouble("market_size")} AS market_size
            FROM {d.Id(market)} WHERE month >= {start} AND month < {end} ORDER BY month, segment
            """;
    }
}
