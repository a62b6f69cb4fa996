using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Which KPIs the data can measure: a KPI whose inputs are absent is "not measured" (n/a), never 0. Read from the validated
/// tables in the engine: a column counts as present when at least one accepted row has a value in it.
/// </summary>
/// <param name="Cost">Transactions carry a cost (profit, profit shares, incremental profit).</param>
/// <param name="Csat">Feedback carries CSAT answers (CSAT, satisfied share).</param>
/// <param name="Nps">Feedback carries NPS answers.</param>
/// <param name="Referrals">Feedback carries referral counts (referral rate).</param>
/// <param name="Market">A market table with market sizes (market share).</param>
/// <param name="FirstTransaction">Day of the first accepted transaction, or null when there is none: months before it have no data
/// (not zero), and the month it falls in is partial unless it is the 1st.</param>
public sealed record DataCoverage(bool Cost, bool Csat, bool Nps, bool Referrals, bool Market, DateOnly? FirstTransaction)
{
    /// <summary>Every input present (a table built by hand, without an engine).</summary>
    public static DataCoverage Full { get; } = new(true, true, true, true, true, null);

    /// <summary>The first whole month with data: the month of <see cref="FirstTransaction"/> when it starts on the 1st, else the next one.</summary>
    public DateOnly? FirstFullMonth => FirstTransaction is { } d
        ? (d.Day == 1 ? d : new DateOnly(d.Year, d.Month, 1).AddMonths(1))
        : null;

    /// <summary>True when the month of <paramref name="monthStart"/> ends before the first transaction (no data: not 0).</summary>
    public bool BeforeData(DateOnly monthStart) => FirstTransaction is { } d && monthStart < new DateOnly(d.Year, d.Month, 1);

    /// <summary>True when the first transaction falls inside the month of <paramref name="monthStart"/> after its first day.</summary>
    public bool Partial(DateOnly monthStart) => FirstTransaction is { } d && d.Year == monthStart.Year && d.Month == monthStart.Month && d.Day > 1;

    /// <summary>Measures the coverage of the tables in <paramref name="engine"/>.</summary>
    public static DataCoverage Measure(ISqlEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        bool cost = false;
        DateOnly? first = null;
        if (engine.HasTable("transactions"))
        {
            var columns = engine.Describe("transactions");
            string costCount = columns.Contains("cost") ? d.ToBigInt("count(cost)") : "CAST(0 AS BIGINT)";
            // The first day as a day number since 1970-01-01 (an integer reads back the same from every engine).
            var epoch = new DateTime(1970, 1, 1);
            string firstDay = d.ToBigInt(d.DaysBetween(d.Timestamp(epoch), $"min({d.Id("timestamp")})"));
            var frame = engine.Query($"SELECT {costCount} AS cost_values, {firstDay} AS first_day FROM {d.Id("transactions")}");
            cost = Count(frame, 0) > 0;
            first = frame.Rows.Count > 0 && frame.Columns[1][0] is { } day
                ? DateOnly.FromDayNumber(DateOnly.FromDateTime(epoch).DayNumber + (int)Convert.ToInt64(day, System.Globalization.CultureInfo.InvariantCulture))
                : null;
        }
        bool csat = false, nps = false, referrals = false;
        if (engine.HasTable("feedback"))
        {
            var columns = engine.Describe("feedback");
            string CountOf(string c) => columns.Contains(c) ? d.ToBigInt($"count({d.Id(c)})") : "CAST(0 AS BIGINT)";
            var frame = engine.Query($"SELECT {CountOf("csat")} AS csat, {CountOf("nps")} AS nps, {CountOf("referred_customers")} AS referrals FROM {d.Id("feedback")}");
            (csat, nps, referrals) = (Count(frame, 0) > 0, Count(frame, 1) > 0, Count(frame, 2) > 0);
        }
        bool market = engine.HasTable("market")
                      && Count(engine.Query($"SELECT {d.ToBigInt("count(market_size)")} AS n FROM {d.Id("market")}"), 0) > 0;
        return new DataCoverage(cost, csat, nps, referrals, market, first);
    }

    private static long Count(DataFrame frame, int column) =>
        frame.Rows.Count > 0 && frame.Columns[column][0] is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
