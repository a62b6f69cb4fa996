using Segmentation.Analytics.Data.Sql;

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
        string purchase = "NOT x.is_return";
        // Grouped per customer × period first, then joined to the (smaller) segment table. A customer-period is a repeat when its
        // first and last purchase days differ (≥ 2 distinct purchase days), which avoids a COUNT(DISTINCT).
        string cp = $"""
            SELECT s.segment, g.* FROM (
              SELECT x.customer_id, {PeriodIndex(d, "x.\"timestamp\"", periods)} AS period,
                {d.ToBigInt(d.CountIf(purchase))} AS orders,
                COALESCE({d.SumIf(d.Money("x.amount"), purchase)}, 0) AS gross,
                sum({d.Money("x.amount")}) AS net,
                sum({d.Money("COALESCE(x.cost, 0)")}) AS cost,
                {d.MinIf(Day("x.\"timestamp\""), purchase)} AS first_day,
                {d.MaxIf(Day("x.\"timestamp\""), purchase)} AS last_day
              FROM {d.Id(transactions)} x
              WHERE x."timestamp" < {end}
              GROUP BY x.customer_id, {PeriodIndex(d, "x.\"timestamp\"", periods)}) g
            JOIN {d.Id(segments)} s ON g.customer_id = s.customer_id
            """;
        string a = $"""
            SELECT segment, customer_id, period, last_day, lapse_day, {PeriodIndex(d, "lapse_day", periods)} AS lapse_period,
              prev_period, next_period, next_first
            FROM (
              SELECT segment, customer_id, period, last_day, last_day + {churnWindowDays} AS lapse_day,
                lag(period) OVER (PARTITION BY customer_id ORDER BY period) AS prev_period,
                lead(period) OVER (PARTITION BY customer_id ORDER BY period) AS next_period,
                lead(first_day) OVER (PARTITION BY customer_id ORDER BY period) AS next_first
              FROM {d.Id(CustomerPeriods)} WHERE orders > 0) w
            """;
        return [d.CreateTempTableAs(CustomerPeriods, cp), d.CreateTempTableAs(ActivePeriods, a)];
    }

    public static IReadOnlyList<string> Cleanup(SqlDialect d) =>
        [$"DROP TABLE IF EXISTS {d.Id(ActivePeriods)}", $"DROP TABLE IF EXISTS {d.Id(CustomerPeriods)}"];

    /// <summary>segment, period, active, orders, repeaters, gross, net, cost, net_sq (periods −1 … N − 1).</summary>
    public static string PeriodSums(SqlDialect d, int periods) => $"""
        SELECT segment, period,
          {d.ToDouble(d.CountIf("orders > 0"))} AS active,
          {d.ToDouble("sum(orders)")} AS orders,
          {d.ToDouble(d.CountIf("first_day < last_day"))} AS repeaters,
          {d.ToDouble("sum(gross)")} AS gross,
          {d.ToDouble("sum(net)")} AS net,
          {d.ToDouble("sum(cost)")} AS cost,
          {d.ToDouble($"sum(CAST(net AS DECIMAL(18, 2)) * CAST(net AS DECIMAL(18, 2)))")} AS net_sq
        FROM {d.Id(CustomerPeriods)} WHERE period >= -1 AND period < {periods}
        GROUP BY segment, period ORDER BY segment, period
        """;

    /// <summary>segment, period, orders, gross of every active customer in the given periods, ordered by customer id.</summary>
    public static string CustomerSamples(SqlDialect d, IReadOnlyList<int> periods) => $"""
        SELECT segment, period, {d.ToDouble("orders")} AS orders, {d.ToDouble("gross")} AS gross
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
    public static string Events(SqlDialect d) => $"""
        SELECT segment, 'acquired' AS kind, period AS idx, {d.ToDouble("count(*)")} AS n FROM {d.Id(ActivePeriods)} WHERE prev_period IS NULL GROUP BY segment, period
        UNION ALL
        SELECT segment, 'live_in', period + 1, {d.ToDouble("count(*)")} FROM {d.Id(ActivePeriods)} GROUP BY segment, period + 1
        UNION ALL
        SELECT segment, 'live_out', LEAST(COALESCE(next_period, lapse_period), lapse_period) + 1, {d.ToDouble("count(*)")}
          FROM {d.Id(ActivePeriods)} GROUP BY segment, LEAST(COALESCE(next_period, lapse_period), lapse_period) + 1
        UNION ALL
        SELECT segment, 'churned', lapse_period, {d.ToDouble("count(*)")} FROM {d.Id(ActivePeriods)}
          WHERE next_first IS NULL OR next_first > lapse_day GROUP BY segment, lapse_period
        ORDER BY 1, 2, 3
        """;

    /// <summary>Feedback sums per segment × period.</summary>
    public static string FeedbackSums(SqlDialect d, IReadOnlyList<KpiPeriod> periods, string segments, string feedback = "feedback")
    {
        string start = d.Timestamp(periods[0].Start.ToDateTime(TimeOnly.MinValue));
        string end = d.Timestamp(periods[^1].EndExclusive.ToDateTime(TimeOnly.MinValue));
        string period = PeriodIndex(d, "f.\"date\"", periods);
        return $"""
            SELECT s.segment, {period} AS period,
              {d.ToDouble("count(*)")} AS responses,
              {d.ToDouble("count(f.csat)")} AS csat_n,
              {d.ToDouble("COALESCE(sum(f.csat), 0)")} AS csat_sum,
              {d.ToDouble("COALESCE(sum(f.csat * f.csat), 0)")} AS csat_sq,
              {d.ToDouble(d.CountIf("f.csat >= 4"))} AS satisfied,
              {d.ToDouble("count(f.nps)")} AS nps_n,
              {d.ToDouble(d.CountIf("f.nps >= 9"))} AS promoters,
              {d.ToDouble(d.CountIf("f.nps <= 6"))} AS detractors,
              {d.ToDouble(d.CountIf("f.complaint"))} AS complaints,
              {d.ToDouble("COALESCE(sum(f.referred_customers), 0)")} AS referrals,
              {d.ToDouble(d.CountIf("f.referred_customers > 0"))} AS referrers
            FROM {d.Id(feedback)} f JOIN {d.Id(segments)} s ON f.customer_id = s.customer_id
            WHERE f."date" >= {start} AND f."date" < {end}
            GROUP BY s.segment, {period} ORDER BY 1, 2
            """;
    }

    /// <summary>month, segment (NULL = whole market), market_size for the months of the periods.</summary>
    public static string Market(SqlDialect d, IReadOnlyList<KpiPeriod> periods, string market = "market")
    {
        string start = d.Timestamp(periods[0].Start.ToDateTime(TimeOnly.MinValue));
        string end = d.Timestamp(periods[^1].EndExclusive.ToDateTime(TimeOnly.MinValue));
        return $"""
            SELECT CAST(month AS TIMESTAMP) AS month, segment, {d.ToDouble("market_size")} AS market_size
            FROM {d.Id(market)} WHERE month >= {start} AND month < {end} ORDER BY 1, 2
            """;
    }
}
