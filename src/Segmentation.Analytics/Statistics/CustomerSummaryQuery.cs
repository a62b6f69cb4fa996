using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Statistics;

/// <summary>The SQL of <see cref="CustomerSummary.FromTransactions(ISqlEngine, DateOnly, double, DateOnly?)"/>, written once for every engine.</summary>
internal static class CustomerSummaryQuery
{
    /// <summary>
    /// customer_id, x (repeat purchase days), t_x and T in days, mean amount of the repeat purchase days (0 without repeats); one
    /// row per customer with a purchase in [observation start, calibration end]. Amounts are summed per customer × day where the
    /// transactions live (on a cluster: on each shard), then per customer; the first day's amount is taken with ArgMin, so no
    /// self-join is needed. <paramref name="customerFilter"/>, when given, is a SQL condition on <c>customer_id</c>.
    /// </summary>
    public static string Render(SqlDialect d, DateOnly calibrationEnd, DateOnly? observationStart = null, string transactions = "transactions",
                                string? customerFilter = null)
    {
        string end = d.Timestamp(calibrationEnd.AddDays(1).ToDateTime(TimeOnly.MinValue));
        string endDay = $"CAST({d.Timestamp(calibrationEnd.ToDateTime(TimeOnly.MinValue))} AS DATE)";
        string from = observationStart is { } s ? $" AND \"timestamp\" >= {d.Timestamp(s.ToDateTime(TimeOnly.MinValue))}" : "";
        string dy = $"""
            SELECT customer_id, CAST("timestamp" AS DATE) AS day, sum({d.Money("amount")}) AS day_amount
            FROM {d.Id(transactions)}
            WHERE NOT is_return AND "timestamp" < {end}{from}
            GROUP BY customer_id, CAST("timestamp" AS DATE)
            """;
        string c = $"""
            SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS days, sum(day_amount) AS total,
              {d.ArgMin("day_amount", "day")} AS first_amount
            FROM ({dy}) dy GROUP BY customer_id
            """;
        return $"""
            SELECT customer_id, {d.ToBigInt("days - 1")} AS x,
              {d.ToBigInt(d.DaysBetween("first_day", "last_day"))} AS recency_days,
              {d.ToBigInt(d.DaysBetween("first_day", endDay))} AS age_days,
              CASE WHEN days > 1 THEN {d.ToDouble("total - first_amount")} / {d.ToDouble("days - 1")} ELSE 0 END AS monetary
            FROM ({c}) c
            {(customerFilter is null ? "" : "WHERE " + customerFilter)}
            """;
    }
}
