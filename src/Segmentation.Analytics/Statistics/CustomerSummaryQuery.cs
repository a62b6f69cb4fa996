using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Statistics;

/// <summary>The SQL of <see cref="CustomerSummary.FromTransactions(ISqlEngine, DateOnly, double, DateOnly?)"/>, written once for every engine.</summary>
internal static class CustomerSummaryQuery
{
    /// <summary>
    /// customer_id, x (repeat purchase days), t_x and T in days, mean amount of the repeat purchase days (0 without repeats); one
    /// row per customer with a purchase in [observation start, calibration end]. Amounts are summed per customer × day where the
    /// transactions live (on a cluster: on each shard), then per customer; the first day's amount is taken with ArgMin, so no
    /// self-join is needed. <paramref name="customerFilter"/>, when given, is a SQL condition on <c>customer_id</c>, applied to the
    /// transactions (a customer's rows are all kept or all left out, so the summary of a kept customer is the same).
    /// </summary>
    public static string Render(SqlDialect d, DateOnly calibrationEnd, DateOnly? observationStart = null, string transactions = "transactions",
                                string? customerFilter = null)
    {
        string from = (observationStart is { } s ? $" AND \"timestamp\" >= {d.Timestamp(s.ToDateTime(TimeOnly.MinValue))}" : "")
            + (customerFilter is null ? "" : $" AND {customerFilter}");
        string c = $"""
            SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS days, sum(day_amount) AS total,
              {d.ArgMin("day_amount", "day")} AS first_amount
            FROM ({Days(d, calibrationEnd, transactions, from)}) dy GROUP BY customer_id
            """;
        return $"""
            SELECT customer_id, {Columns(d, "days - 1", "first_day", "last_day", "days", "total", calibrationEnd)}
            FROM ({c}) c
            """;
    }

    /// <summary>
    /// The summaries at two calibration ends in one pass over the transactions (the per customer × day grain is built once): one row
    /// per customer with a purchase up to <paramref name="laterEnd"/>: customer_id, x, t_x and T in days and the mean repeat-day
    /// amount at <paramref name="laterEnd"/> (as <see cref="Render"/>), then the number of purchase days up to
    /// <paramref name="earlierEnd"/> (<c>purchase_days_e</c>, 0 when the customer had not bought by then) and t_x, T and the mean repeat-day
    /// amount at <paramref name="earlierEnd"/> (meaningful only when <c>purchase_days_e</c> &gt; 0). A customer who had bought by the earlier
    /// end has the same first purchase day and first day's amount at both ends, so only the last day, the day count and the total
    /// are taken per end; the numbers at each end are those <see cref="Render"/> gives for it.
    /// </summary>
    public static string RenderAtTwoEnds(SqlDialect d, DateOnly earlierEnd, DateOnly laterEnd, string transactions = "transactions")
    {
        if (earlierEnd >= laterEnd) throw new ArgumentOutOfRangeException(nameof(earlierEnd), earlierEnd, $"must be before the later end {laterEnd:yyyy-MM-dd}.");
        string c = $"""
            SELECT customer_id, {string.Join(", ", DayAggregatesAtTwoEnds(d, earlierEnd))}
            FROM ({Days(d, laterEnd, transactions, "")}) dy GROUP BY customer_id
            """;
        return RenderAtTwoEndsFrom(d, earlierEnd, laterEnd, $"({c}) c");
    }

    /// <summary>
    /// The per-customer aggregates of <see cref="RenderAtTwoEnds"/> over the purchase-day grain (<c>customer_id</c>, <c>day</c>,
    /// <c>day_amount</c>, cut at the later end), as select items: what a pass over that grain made for other reasons can carry
    /// (<see cref="PurchaseDayPass.Aggregates"/>) so that <see cref="RenderAtTwoEndsFromDays"/> reads the summaries from its table.
    /// </summary>
    public static IReadOnlyList<string> DayAggregatesAtTwoEnds(SqlDialect d, DateOnly earlierEnd)
    {
        string byEarlier = $"day <= {EndDay(d, earlierEnd)}";
        return
        [
            "min(day) AS first_day", "max(day) AS last_day", "count(*) AS days", "sum(day_amount) AS total",
            $"{d.ArgMin("day_amount", "day")} AS first_amount",
            $"{d.MaxIf("day", byEarlier)} AS last_day_e", $"{d.CountIf(byEarlier)} AS days_e", $"{d.SumIf("day_amount", byEarlier)} AS total_e",
        ];
    }

    /// <summary>
    /// <see cref="RenderAtTwoEnds"/>'s rows from an engine table holding, per customer, <see cref="DayAggregatesAtTwoEnds"/> of the
    /// purchase-day grain cut at <paramref name="laterEnd"/> (one row per customer with a purchase day up to it): the same numbers
    /// without a pass over the transactions.
    /// </summary>
    public static string RenderAtTwoEndsFromDays(SqlDialect d, DateOnly earlierEnd, DateOnly laterEnd, string daysTable)
    {
        if (earlierEnd >= laterEnd) throw new ArgumentOutOfRangeException(nameof(earlierEnd), earlierEnd, $"must be before the later end {laterEnd:yyyy-MM-dd}.");
        ArgumentException.ThrowIfNullOrWhiteSpace(daysTable);
        return RenderAtTwoEndsFrom(d, earlierEnd, laterEnd, $"{d.Id(daysTable)} c WHERE days > 0");
    }

    private static string RenderAtTwoEndsFrom(SqlDialect d, DateOnly earlierEnd, DateOnly laterEnd, string from) => $"""
        SELECT customer_id, {Columns(d, "days - 1", "first_day", "last_day", "days", "total", laterEnd)},
          {d.ToBigInt("days_e")} AS purchase_days_e, {Columns(d, null, "first_day", "last_day_e", "days_e", "total_e", earlierEnd, "_e")}
        FROM {from}
        """;

    /// <summary>The per customer × day purchase grain up to <paramref name="calibrationEnd"/> (inclusive).</summary>
    private static string Days(SqlDialect d, DateOnly calibrationEnd, string transactions, string from) => $"""
        SELECT customer_id, CAST("timestamp" AS DATE) AS day, sum({d.Money("amount")}) AS day_amount
        FROM {d.Id(transactions)}
        WHERE NOT is_return AND "timestamp" < {d.Timestamp(calibrationEnd.AddDays(1).ToDateTime(TimeOnly.MinValue))}{from}
        GROUP BY customer_id, CAST("timestamp" AS DATE)
        """;

    private static string EndDay(SqlDialect d, DateOnly end) => $"CAST({d.Timestamp(end.ToDateTime(TimeOnly.MinValue))} AS DATE)";

    /// <summary>x (when <paramref name="x"/> is given), recency_days, age_days, monetary of one calibration end.</summary>
    private static string Columns(SqlDialect d, string? x, string first, string last, string days, string total, DateOnly end, string suffix = "") =>
        (x is null ? "" : $"{d.ToBigInt(x)} AS x{suffix}, ") + $"""
        {d.ToBigInt(d.DaysBetween(first, last))} AS recency_days{suffix},
          {d.ToBigInt(d.DaysBetween(first, EndDay(d, end)))} AS age_days{suffix},
          CASE WHEN {days} > 1 THEN {d.ToDouble($"{total} - first_amount")} / {d.ToDouble($"{days} - 1")} ELSE 0 END AS monetary{suffix}
        """;
}

/// <summary>One row of <see cref="CustomerSummaryQuery"/>: a customer's repeat purchase days x, t_x and T in days, mean repeat-day amount.</summary>
internal readonly record struct CustomerSummaryRow(string Id, int X, int RecencyDays, int AgeDays, double Monetary)
{
    /// <summary>
    /// Runs <paramref name="sql"/> (a query of <see cref="CustomerSummaryQuery.Render"/>) and returns its rows (its first five columns)
    /// in ordinal order of the customer id, whatever the engine's collation: the fits sum over customers in this order. With
    /// <paramref name="earlier"/>, the rows of <see cref="CustomerSummaryQuery.RenderAtTwoEnds"/> at its earlier end (customers who had
    /// bought by then) go there, also sorted.
    /// </summary>
    /// <remarks>
    /// The result arrives as a typed frame (<see cref="ISqlEngine.Query"/>; in DuckDB Arrow batches copied column by column, no
    /// boxing per cell). When the engine orders text by code point (<see cref="SqlDialect.SortsTextByCodePoint"/>) it sorts the rows
    /// (a parallel sort there) and they are re-sorted here only when not already ordinal (UTF-8 and UTF-16 orders differ for
    /// supplementary characters against U+E000–U+FFFF). Ids are unique (grouped by customer), so the order is the same either way.
    /// </remarks>
    public static List<CustomerSummaryRow> Read(ISqlEngine engine, string sql, List<CustomerSummaryRow>? earlier = null)
    {
        static long[] Integers(DataFrameColumn column) => FrameColumns.Integers(column, missing: 0);
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.Dialect.SortsTextByCodePoint) sql += "\nORDER BY customer_id";
        var frame = engine.Query(sql);
        var ids = frame.Columns[0];
        var x = Integers(frame.Columns[1]);
        var recency = Integers(frame.Columns[2]);
        var age = Integers(frame.Columns[3]);
        var monetary = FrameColumns.Numbers(frame.Columns[4], missing: 0.0);
        long[]? daysE = null, recencyE = null, ageE = null;
        double[]? monetaryE = null;
        if (earlier is not null)
        {
            daysE = Integers(frame.Columns[5]);
            recencyE = Integers(frame.Columns[6]);
            ageE = Integers(frame.Columns[7]);
            monetaryE = FrameColumns.Numbers(frame.Columns[8], missing: 0.0);
        }
        // NULL integers read as 0: they are read only where the row has a value (x, t_x, T of a customer with a purchase; the
        // earlier end's columns only where purchase_days_e > 0), as the SQL guarantees.
        var list = new List<CustomerSummaryRow>((int)frame.Rows.Count);
        for (int i = 0; i < x.Length; i++)
        {
            if (ids[i] is not string id) continue;  // no customer to summarize
            list.Add(new CustomerSummaryRow(id, (int)x[i], (int)recency[i], (int)age[i], monetary[i]));
            if (daysE is not null && daysE[i] > 0)
                earlier!.Add(new CustomerSummaryRow(id, checked((int)(daysE[i] - 1)), (int)recencyE![i], (int)ageE![i], monetaryE![i]));
        }
        SortOrdinal(list);
        if (earlier is not null) SortOrdinal(earlier);
        return list;
    }

    /// <summary>Sorts the rows in ordinal order of the id unless they already are.</summary>
    internal static void SortOrdinal(List<CustomerSummaryRow> rows)
    {
        for (int i = 1; i < rows.Count; i++)
            if (string.CompareOrdinal(rows[i - 1].Id, rows[i].Id) > 0) { rows.Sort(Ordinal); return; }
    }

    private static int Ordinal(CustomerSummaryRow a, CustomerSummaryRow b) => string.CompareOrdinal(a.Id, b.Id);
}
