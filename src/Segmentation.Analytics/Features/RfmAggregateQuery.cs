using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>
/// The per-customer aggregation RFM reads and nothing more — <c>customer_id, recency_days, purchase_days, net_amount</c>,
/// defined exactly as in <see cref="CustomerAggregateQuery"/> (same values, types and NULLs for every customer), in one
/// pass over the transactions: what <see cref="Segmenting.RfmInput.FromAggregates"/>,
/// <see cref="Segmenting.RfmScorer"/> and <see cref="Segmenting.RfmModel.ScoreFrame"/> need, at close to the cost of a bare
/// <c>GROUP BY customer_id</c> (the full aggregate computes sixteen columns and a second (customer, category) pass).
/// </summary>
/// <remarks>
/// Transactions up to and including the snapshot day. <c>recency_days</c>: whole days from the last purchase (returns
/// excluded) to the snapshot day, NULL for a customer with only returns; <c>purchase_days</c>: distinct calendar days with a
/// purchase (0 for returns only); <c>net_amount</c>: the sum of all amounts (returns are negative) as DECIMAL(18,2), then
/// double, so every engine returns the identical value.
/// </remarks>
public static class RfmAggregateQuery
{
    /// <summary>Output columns in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["customer_id", "recency_days", "purchase_days", "net_amount"];

    /// <summary>Renders the query over <paramref name="transactions"/> (a canonical, validated table) at the snapshot day, rows ordered by customer_id.</summary>
    public static string Render(SqlDialect d, DateTime snapshot, string transactions = "transactions") => Render(d, snapshot, transactions, ordered: true);

    /// <summary>The same, optionally without the final ORDER BY (for use as a sub-query, where row order does not matter).</summary>
    public static string Render(SqlDialect d, DateTime snapshot, string transactions, bool ordered)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentException.ThrowIfNullOrWhiteSpace(transactions);
        string purchase = "NOT is_return";
        string day = "CAST(\"timestamp\" AS DATE)";
        // The same expressions as CustomerAggregateQuery's last_purchase → recency_days, purchase_days and net_amount.
        return $"""
            SELECT customer_id,
              {d.ToBigInt(d.DaysBetween(d.MaxIf("\"timestamp\"", purchase), d.Timestamp(snapshot.Date)))} AS recency_days,
              {d.ToBigInt(d.CountDistinctIf(day, purchase))} AS purchase_days,
              {d.ToDouble($"sum({d.Money("amount")})")} AS net_amount
            FROM {d.Id(transactions)} WHERE "timestamp" < {d.Timestamp(snapshot.Date.AddDays(1))}
            GROUP BY customer_id
            {(ordered ? "ORDER BY customer_id" : "")}
            """;
    }
}
