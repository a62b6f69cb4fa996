using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The transaction-level part of the KPI table, written once and rendered per engine (<see cref="SqlDialect"/>): per segment ×
/// period sums. Only these aggregate rows leave the engine; <see cref="KpiCalculator"/> combines them into KPIs.
/// </summary>
/// <remarks>
/// <para>Steps (all in the engine), shared by every KPI table of one evaluation (the monthly periods and the before/after windows
/// are whole months, so both derive from one per-month grain and the transactions are read once): (1) <c>kpi_cm</c>: transactions
/// of assigned customers before the end of the last period, summed per customer × calendar month. (2) <c>kpi_am</c>: the active
/// customer-months with, per customer, the previous and next active month and the next active month's first purchase day.
/// (3) Per table: the customer-period rows (<c>kpi_cm</c> itself when every period is one month, else <c>kpi_cp</c> summed from it,
/// and <c>kpi_a</c>, the active months that begin or end an active period, with their period indices;
/// the period index of a month: periods before the first extend backwards with the first period's length, so history is
/// included), and queries over these and over <c>kpi_am</c>: period sums, new/retained counts, and events whose running sums give
/// the customer base (acquisitions) and the churn base (+1 when a customer becomes live after an active period, −1 after the
/// last period they are live at the start of). Feedback is summed per segment × month, the periods' sums are added in C#.</para>
/// <para>An active period's first active month carries the previous active period (the period of the previous active month); its
/// last active month carries the next active period, the next purchase day and the period's last purchase day. A customer is
/// churned in the period holding their lapse day (last purchase day + W) when the next purchase is later than the lapse day (or
/// there is none before the end of the data range). Because W ≥ every period's length, a lapse can only follow the last purchase
/// of an active period, so the per-period grain is exact. Money is summed as DECIMAL(18, 2) and counts as integers, then cast to
/// double: every engine returns identical values. A customer-period's net is squared as DECIMAL(38, 2) (as DECIMAL(18, 2) the square
/// overflowed from a net of 10 000 000.00).</para>
/// </remarks>
internal static class KpiQuery
{
    public const string CustomerMonths = "kpi_cm", ActiveMonths = "kpi_am", CustomerPeriods = "kpi_cp", ActivePeriods = "kpi_a";

    /// <summary>The month index y·12 + m − 1 of a date or timestamp expression.</summary>
    public static string MonthIndex(string expression) =>
        $"(CAST(EXTRACT(YEAR FROM {expression}) AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM {expression}) AS BIGINT) - 1)";

    public static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    /// <summary>The period index of a date/timestamp expression over contiguous periods of whole months.</summary>
    public static string PeriodIndex(SqlDialect d, string expression, IReadOnlyList<KpiPeriod> periods) =>
        PeriodOfMonth(d, MonthIndex(expression), periods);

    /// <summary>The period index of a month index expression (<see cref="MonthIndex(string)"/>) over contiguous periods of whole months.</summary>
    public static string PeriodOfMonth(SqlDialect d, string monthIndex, IReadOnlyList<KpiPeriod> periods)
    {
        string mi = monthIndex;
        int m0 = MonthIndex(periods[0].Start), l0 = periods[0].Months;
        if (MonthlyGrain(periods)) return $"({mi} - {m0})";
        string before = $"CAST(floor(CAST({mi} - {m0} AS {d.DoubleType}) / {l0}) AS BIGINT)";
        if (periods.All(p => p.Months == l0)) return before;
        var whens = periods.Select((p, k) => $"WHEN {mi} < {MonthIndex(p.EndExclusive)} THEN {k}");
        return $"(CASE WHEN {mi} < {m0} THEN {before} {string.Join(" ", whens)} ELSE {periods.Count} END)";
    }

    /// <summary>True when every period (and so the history before the first) is one calendar month: a month is its own period.</summary>
    public static bool MonthlyGrain(IReadOnlyList<KpiPeriod> periods) => periods.All(p => p.Months == 1);

    // The period of a nullable month index column: NULL stays NULL (ClickHouse cannot cast a NULL to a non-Nullable integer).
    private static string PeriodOfNullableMonth(SqlDialect d, string column, IReadOnlyList<KpiPeriod> periods) =>
        MonthlyGrain(periods) ? PeriodOfMonth(d, column, periods)
            : $"CASE WHEN {column} IS NULL THEN NULL ELSE {PeriodOfMonth(d, $"COALESCE({column}, 0)", periods)} END";

    private static string Day(string ts) => $"CAST({ts} AS DATE)";

    // A customer-month's money as DECIMAL(18, 2) (as the net's square already required): half the width of the sum's type, so the
    // per-month table is smaller and summing it again is cheaper; the values are the same.
    private static string Money18(string sum) => $"CAST({sum} AS DECIMAL(18, 2))";

    /// <summary>Statements creating <c>kpi_cm</c> and <c>kpi_am</c> for transactions before <paramref name="end"/> (a month start).</summary>
    public static IReadOnlyList<string> Prepare(SqlDialect d, DateOnly end, string segments, string transactions = "transactions")
    {
        string endTs = d.Timestamp(end.ToDateTime(TimeOnly.MinValue));
        string purchase = "NOT is_return";
        string month = MonthIndex("\"timestamp\"");
        // Grouped per customer × month first, then joined to the (smaller) segment table. A customer-period is a repeat when its
        // first and last purchase days differ (≥ 2 distinct purchase days), which avoids a COUNT(DISTINCT).
        string cm = $"""
            SELECT s.segment, g.* FROM (
              SELECT customer_id, {month} AS month_index,
                {d.ToBigInt(d.CountIf(purchase))} AS orders,
                {Money18($"COALESCE({d.SumIf(d.Money("amount"), purchase)}, 0)")} AS gross,
                {Money18($"sum({d.Money("amount")})")} AS net,
                {Money18($"sum({d.Money("COALESCE(cost, 0)")})")} AS cost,
                {d.MinIf(Day("\"timestamp\""), purchase)} AS first_day,
                {d.MaxIf(Day("\"timestamp\""), purchase)} AS last_day
              FROM {d.Id(transactions)}
              WHERE "timestamp" < {endTs}
              GROUP BY customer_id, {month}) g
            JOIN {d.Id(segments)} s ON g.customer_id = s.customer_id
            """;
        // A customer has one segment: partitioned by customer alone, the segment rides along.
        string neighbours = d.Neighbours(
            $"(SELECT customer_id, segment, month_index, first_day, last_day FROM {d.Id(CustomerMonths)} WHERE orders > 0) src",
            ["customer_id"], "month_index", ["segment", "month_index", "first_day", "last_day"],
            [("prev_month", "month_index", -1), ("next_month", "month_index", 1), ("next_first", "first_day", 1)]);
        string am = $"SELECT segment, month_index, last_day, prev_month, next_month, next_first FROM ({neighbours}) n";
        return [d.CreateTempTableAs(CustomerMonths, cm), d.CreateTempTableAs(ActiveMonths, am)];
    }

    /// <summary>Statements creating <c>kpi_cp</c> (customer × period sums from <c>kpi_cm</c>) and <c>kpi_a</c> (the active months
    /// that begin or end an active period) when the periods are not single months. With <paramref name="lastUse"/> (no later table
    /// reads the month tables) each month table is dropped as soon as its period table is built: the per-month rows are the
    /// largest tables of the evaluation, and holding them beside the period tables set its peak memory.</summary>
    public static IReadOnlyList<string> PreparePeriods(SqlDialect d, IReadOnlyList<KpiPeriod> periods, int churnWindowDays, bool lastUse = false)
    {
        if (MonthlyGrain(periods)) return [];
        string a = $"SELECT * FROM {ActiveRows(d, periods, churnWindowDays)} WHERE {FirstIn(periods, "")} OR {LastIn(periods, "")}";
        string period = PeriodOfMonth(d, "month_index", periods);
        // Only the periods −1 … N − 1 are read. Sums get new names first: ClickHouse resolves an alias before a column.
        string cp = $"""
            SELECT segment, customer_id, period, p_orders AS orders, p_gross AS gross, p_net AS net, p_cost AS cost, p_first AS first_day, p_last AS last_day
            FROM (
              SELECT segment, customer_id, {period} AS period,
                {d.ToBigInt("sum(orders)")} AS p_orders, sum(gross) AS p_gross, sum(net) AS p_net, sum(cost) AS p_cost,
                min(first_day) AS p_first, max(last_day) AS p_last
              FROM {d.Id(CustomerMonths)}
              WHERE {MonthRange(periods)}
              GROUP BY segment, customer_id, {period}) g
            """;
        // Active periods first: kpi_am is gone before kpi_cp is built, so at most one month table lives beside the period tables.
        return lastUse
            ? [d.CreateTempTableAs(ActivePeriods, a), Drop(d, ActiveMonths), d.CreateTempTableAs(CustomerPeriods, cp), Drop(d, CustomerMonths)]
            : [d.CreateTempTableAs(CustomerPeriods, cp), d.CreateTempTableAs(ActivePeriods, a)];
    }

    private static string Drop(SqlDialect d, string table) => $"DROP TABLE IF EXISTS {d.Id(table)}";

    // Months of the periods −1 … N − 1.
    private static string MonthRange(IReadOnlyList<KpiPeriod> periods) =>
        $"month_index >= {MonthIndex(periods[0].Start) - periods[0].Months} AND month_index < {MonthIndex(periods[^1].EndExclusive)}";

    // segment, customer_id, period, orders, gross, net, cost, first_day, last_day of the periods −1 … N − 1.
    private static string CustomerPeriodRows(SqlDialect d, IReadOnlyList<KpiPeriod> periods) => MonthlyGrain(periods)
        ? $"""
          (SELECT segment, customer_id, {PeriodOfMonth(d, "month_index", periods)} AS period, orders, gross, net, cost, first_day, last_day
           FROM {d.Id(CustomerMonths)} WHERE {MonthRange(periods)}) cp
          """
        : d.Id(CustomerPeriods);

    // The active customer-periods: period, prev_period (on a period's first active month, first_in), next_period, next_first,
    // lapse_day (last purchase day + W), lapse_period (on its last active month, last_in).
    private static string ActiveRows(SqlDialect d, IReadOnlyList<KpiPeriod> periods, int churnWindowDays)
    {
        string mEnd = MonthIndex(periods[^1].EndExclusive).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Another table's later end is no purchase of this one: a next active month at or after this end is none.
        string inner = $"""
            SELECT segment, month_index, prev_month, CASE WHEN next_month < {mEnd} THEN next_month ELSE NULL END AS next_m,
              CASE WHEN next_month < {mEnd} THEN next_first ELSE NULL END AS next_day, last_day + {churnWindowDays} AS lapse_day
            FROM {d.Id(ActiveMonths)} WHERE month_index < {mEnd}
            """;
        return $"""
            (SELECT segment, {PeriodOfMonth(d, "month_index", periods)} AS period, {PeriodOfNullableMonth(d, "prev_month", periods)} AS prev_period,
              {PeriodOfNullableMonth(d, "next_m", periods)} AS next_period, next_day AS next_first, lapse_day,
              {PeriodIndex(d, "lapse_day", periods)} AS lapse_period
            FROM ({inner}) w) a
            """;
    }

    // Conditions on ActiveRows: the row is its period's first (last) active month.
    private static string FirstIn(IReadOnlyList<KpiPeriod> periods, string and = " AND ") =>
        MonthlyGrain(periods) ? "" : $"{and}(prev_period IS NULL OR prev_period < period)";

    private static string LastIn(IReadOnlyList<KpiPeriod> periods, string and = " AND ") =>
        MonthlyGrain(periods) ? "" : $"{and}(next_period IS NULL OR next_period > period)";

    public static IReadOnlyList<string> Cleanup(SqlDialect d) => [Drop(d, ActiveMonths), Drop(d, CustomerMonths)];

    public static IReadOnlyList<string> CleanupPeriods(SqlDialect d) => [Drop(d, ActivePeriods), Drop(d, CustomerPeriods)];

    // ActiveRows, read from kpi_a when PreparePeriods made it (each row then computed once for the several queries).
    private static string ActiveSource(SqlDialect d, IReadOnlyList<KpiPeriod> periods, int churnWindowDays) =>
        MonthlyGrain(periods) ? ActiveRows(d, periods, churnWindowDays) : d.Id(ActivePeriods);

    /// <summary>segment, period, active, total_orders, repeaters, total_gross, total_net, total_cost, net_sq (periods −1 … N − 1).
    /// Output names differ from the input columns: ClickHouse resolves an alias before a column of the same name.</summary>
    public static string PeriodSums(SqlDialect d, IReadOnlyList<KpiPeriod> periods) => $"""
        SELECT segment, period,
          {d.ToDouble(d.CountIf("orders > 0"))} AS active,
          {d.ToDouble("sum(orders)")} AS total_orders,
          {d.ToDouble(d.CountIf("first_day < last_day"))} AS repeaters,
          {d.ToDouble("sum(gross)")} AS total_gross,
          {d.ToDouble("sum(net)")} AS total_net,
          {d.ToDouble("sum(cost)")} AS total_cost,
          {d.ToDouble($"sum(CAST(net AS DECIMAL(38, 2)) * CAST(net AS DECIMAL(38, 2)))")} AS net_sq
        FROM {CustomerPeriodRows(d, periods)} WHERE period >= -1 AND period < {periods.Count}
        GROUP BY segment, period ORDER BY segment, period
        """;

    /// <summary>segment, period, orders, gross, customer_id of every active customer in the given periods (of the given segments only,
    /// when <paramref name="segments"/> is not null), ordered by customer id.</summary>
    public static string CustomerSamples(SqlDialect d, IReadOnlyList<KpiPeriod> periods, IReadOnlyList<int> wanted, IReadOnlyCollection<string>? segments = null) => $"""
        SELECT segment, period, {d.ToDouble("orders")} AS sample_orders, {d.ToDouble("gross")} AS sample_gross, customer_id
        FROM {CustomerPeriodRows(d, periods)} WHERE orders > 0 AND period IN ({string.Join(", ", wanted)}){(segments is null ? "" : $" AND segment IN ({(segments.Count == 0 ? "NULL" : string.Join(", ", segments.Select(d.Str)))})")}
        ORDER BY segment, period, customer_id
        """;

    /// <summary>segment, period, n, Σorders, Σgross, Σorders², Σgross², Σorders·gross over the active customers of the given periods
    /// (<see cref="RatioMoments"/>).</summary>
    public static string CustomerSampleMoments(SqlDialect d, IReadOnlyList<KpiPeriod> periods, IReadOnlyList<int> wanted) => $"""
        SELECT segment, period, {d.ToBigInt("count(*)")} AS n, {d.ToDouble("sum(o)")} AS s_o, {d.ToDouble("sum(g)")} AS s_g,
          {d.ToDouble("sum(o * o)")} AS s_oo, {d.ToDouble("sum(g * g)")} AS s_gg, {d.ToDouble("sum(o * g)")} AS s_og
        FROM (SELECT segment, period, {d.ToDouble("orders")} AS o, {d.ToDouble("gross")} AS g
              FROM {CustomerPeriodRows(d, periods)} WHERE orders > 0 AND period IN ({string.Join(", ", wanted)})) c
        GROUP BY segment, period ORDER BY segment, period
        """;

    /// <summary>segment, period, new, retained.</summary>
    public static string ActiveSums(SqlDialect d, IReadOnlyList<KpiPeriod> periods, int churnWindowDays) => $"""
        SELECT segment, period,
          {d.ToDouble(d.CountIf("prev_period IS NULL"))} AS new_customers,
          {d.ToDouble(d.CountIf("prev_period = period - 1"))} AS retained
        FROM {ActiveSource(d, periods, churnWindowDays)} WHERE period >= 0 AND period < {periods.Count}{FirstIn(periods)}
        GROUP BY segment, period ORDER BY segment, period
        """;

    /// <summary>segment, kind, idx, n: events whose running sums over idx give the customer base and the churn base, and churn counts.</summary>
    public static string Events(SqlDialect d, IReadOnlyList<KpiPeriod> periods, int churnWindowDays)
    {
        string lastLive = d.Least("COALESCE(next_period, lapse_period)", "lapse_period");
        string a = ActiveSource(d, periods, churnWindowDays);
        string firstIn = FirstIn(periods, " WHERE "), lastIn = LastIn(periods, " WHERE ");
        return $"""
            SELECT segment, kind, idx, n FROM (
              SELECT segment, 'acquired' AS kind, {d.ToBigInt("period")} AS idx, {d.ToDouble("count(*)")} AS n FROM {a} WHERE prev_period IS NULL GROUP BY segment, period
              UNION ALL
              SELECT segment, 'live_in' AS kind, {d.ToBigInt("period + 1")} AS idx, {d.ToDouble("count(*)")} AS n FROM {a}{firstIn} GROUP BY segment, period + 1
              UNION ALL
              SELECT segment, 'live_out' AS kind, {d.ToBigInt($"{lastLive} + 1")} AS idx, {d.ToDouble("count(*)")} AS n
                FROM {a}{lastIn} GROUP BY segment, {lastLive} + 1
              UNION ALL
              SELECT segment, 'churned' AS kind, {d.ToBigInt("lapse_period")} AS idx, {d.ToDouble("count(*)")} AS n FROM {a}
                WHERE (next_first IS NULL OR next_first > lapse_day){LastIn(periods)} GROUP BY segment, lapse_period) e
            ORDER BY segment, kind, idx
            """;
    }

    /// <summary>Feedback sums per segment × month index in [<paramref name="start"/>, <paramref name="end"/>) (month starts).</summary>
    /// <remarks>Every sum is of integers (counts, and the data model's integer scores), so it is the same whether the rows are
    /// first summed per customer × month (<see cref="SqlDialect.SumsPerCustomerBeforeJoins"/>: on a cluster, on each shard) or
    /// joined to the segments as they are.</remarks>
    /// <param name="d">The engine's dialect.</param>
    /// <param name="start">The first month's start.</param>
    /// <param name="end">The month start after the last month.</param>
    /// <param name="segments">The table of customer_id, segment.</param>
    /// <param name="feedback">The feedback table.</param>
    /// <param name="perCustomerFirst">Sum per customer × month first; null: as <see cref="SqlDialect.SumsPerCustomerBeforeJoins"/>.</param>
    public static string FeedbackSums(SqlDialect d, DateOnly start, DateOnly end, string segments, string feedback = "feedback", bool? perCustomerFirst = null)
    {
        string from = d.Timestamp(start.ToDateTime(TimeOnly.MinValue));
        string to = d.Timestamp(end.ToDateTime(TimeOnly.MinValue));
        string month = MonthIndex("\"date\"");
        // (name, per-row sum over the feedback rows, sum of those sums over groups)
        (string Name, string OfRows, string OfSums)[] sums =
        [
            ("responses", "count(*)", "sum(g.responses)"),
            ("csat_n", "count(csat)", "sum(g.csat_n)"),
            ("csat_sum", "COALESCE(sum(csat), 0)", "sum(g.csat_sum)"),
            ("csat_sq", "COALESCE(sum(csat * csat), 0)", "sum(g.csat_sq)"),
            ("satisfied", d.CountIf("csat >= 4"), "sum(g.satisfied)"),
            ("nps_n", "count(nps)", "sum(g.nps_n)"),
            ("promoters", d.CountIf("nps >= 9"), "sum(g.promoters)"),
            ("detractors", d.CountIf("nps <= 6"), "sum(g.detractors)"),
            ("complaints", d.CountIf("complaint"), "sum(g.complaints)"),
            ("referrals", "COALESCE(sum(referred_customers), 0)", "sum(g.referrals)"),
            ("referrers", d.CountIf("referred_customers > 0"), "sum(g.referrers)"),
        ];
        string inRange = $"\"date\" >= {from} AND \"date\" < {to}";
        if (!(perCustomerFirst ?? d.SumsPerCustomerBeforeJoins))
            return $"""
                SELECT s.segment, {month} AS month_index,
                  {string.Join(",\n  ", sums.Select(x => $"{d.ToDouble(x.OfRows)} AS total_{x.Name}"))}
                FROM {d.Id(feedback)} f JOIN {d.Id(segments)} s ON f.customer_id = s.customer_id
                WHERE {inRange}
                GROUP BY s.segment, {month} ORDER BY s.segment, month_index
                """;
        // Summed per customer × month where the feedback lives (on a cluster: on each shard), then per segment.
        return $"""
            SELECT s.segment, g.month_index,
              {string.Join(",\n  ", sums.Select(x => $"{d.ToDouble(x.OfSums)} AS total_{x.Name}"))}
            FROM (
              SELECT customer_id, {month} AS month_index,
                {string.Join(",\n    ", sums.Select(x => $"{d.ToBigInt(x.OfRows)} AS {x.Name}"))}
              FROM {d.Id(feedback)}
              WHERE {inRange}
              GROUP BY customer_id, {month}) g
            JOIN {d.Id(segments)} s ON g.customer_id = s.customer_id
            GROUP BY s.segment, g.month_index ORDER BY s.segment, g.month_index
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
