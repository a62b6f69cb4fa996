using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Every customer's summary rows at a later calibration end and, optionally, at an earlier one, read in one pass over the
/// transactions (<see cref="CustomerSummaryQuery.RenderAtTwoEnds"/>): the evaluation's churn section and next month's forecast
/// need the month end's, last month's forecast the previous month end's. Rows are in ordinal order of the customer id.
/// </summary>
internal sealed class CustomerSummaryAtTwoEnds
{
    private CustomerSummaryAtTwoEnds(DateOnly laterEnd, List<CustomerSummaryRow> later, DateOnly? earlierEnd, List<CustomerSummaryRow>? earlier)
    {
        LaterEnd = laterEnd;
        Later = later;
        EarlierEnd = earlierEnd;
        Earlier = earlier;
    }

    /// <summary>Rows computed elsewhere (<see cref="HeldCustomerSummaries"/>), each list in ordinal order of the id.</summary>
    internal static CustomerSummaryAtTwoEnds FromRows(DateOnly laterEnd, List<CustomerSummaryRow> later, DateOnly? earlierEnd, List<CustomerSummaryRow>? earlier) =>
        new(laterEnd, later, earlierEnd, earlier);

    /// <summary>The later calibration end (inclusive).</summary>
    public DateOnly LaterEnd { get; }

    /// <summary>Every customer with a purchase up to <see cref="LaterEnd"/> (customers first seen on that day included).</summary>
    public IReadOnlyList<CustomerSummaryRow> Later { get; }

    /// <summary>The earlier calibration end, or null when only the later one was read.</summary>
    public DateOnly? EarlierEnd { get; }

    /// <summary>Every customer with a purchase up to <see cref="EarlierEnd"/>; null when it was not read.</summary>
    public IReadOnlyList<CustomerSummaryRow>? Earlier { get; }

    /// <summary>Reads the rows at <paramref name="laterEnd"/> and, when given, at <paramref name="earlierEnd"/> (before it) in one query.</summary>
    public static CustomerSummaryAtTwoEnds Read(ISqlEngine engine, DateOnly laterEnd, DateOnly? earlierEnd)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return earlierEnd is { } earlier
            ? FromQuery(engine, CustomerSummaryQuery.RenderAtTwoEnds(engine.Dialect, earlier, laterEnd), laterEnd, earlierEnd)
            : FromQuery(engine, CustomerSummaryQuery.Render(engine.Dialect, laterEnd), laterEnd, null);
    }

    /// <summary>
    /// The rows at <paramref name="laterEnd"/> and, when <paramref name="earlierEnd"/> is given, at that end, from the engine table
    /// <paramref name="summaries"/> holding <see cref="CustomerSummaryQuery.RenderAtTwoEnds"/>'s rows at those two ends (or, without an
    /// earlier end, at least its first five columns at the later end): the same rows as <see cref="Read"/>.
    /// </summary>
    public static CustomerSummaryAtTwoEnds ReadTable(ISqlEngine engine, DateOnly laterEnd, DateOnly? earlierEnd, string summaries)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(summaries);
        return FromQuery(engine, $"SELECT * FROM {engine.Dialect.Id(summaries)}", laterEnd, earlierEnd);
    }

    /// <summary>The rows of <paramref name="sql"/> (<see cref="CustomerSummaryQuery.RenderAtTwoEnds"/>'s columns; only the first five
    /// without an earlier end) at both ends.</summary>
    private static CustomerSummaryAtTwoEnds FromQuery(ISqlEngine engine, string sql, DateOnly laterEnd, DateOnly? earlierEnd)
    {
        if (earlierEnd is null) return new(laterEnd, CustomerSummaryRow.Read(engine, sql), null, null);
        var atEarlier = new List<CustomerSummaryRow>();
        var later = CustomerSummaryRow.Read(engine, sql, atEarlier);
        return new(laterEnd, later, earlierEnd, atEarlier);
    }

    /// <summary>The rows at <paramref name="laterEnd"/> of the customers of the engine table <paramref name="customersTable"/> (customer_id, …;
    /// split by customer like the data on a sharded engine, where each shard answers for its own), in ordinal order of the id.</summary>
    public static CustomerSummaryAtTwoEnds ReadOf(ISqlEngine engine, DateOnly laterEnd, string customersTable)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(customersTable);
        var d = engine.Dialect;
        var rows = CustomerSummaryRow.Read(ShardedEngines.PerShard(engine),
            CustomerSummaryQuery.Render(d, laterEnd, null, "transactions", $"customer_id IN (SELECT customer_id FROM {d.Id(customersTable)})"));
        rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new(laterEnd, rows, null, null);
    }

    /// <summary>The summary at <paramref name="end"/> (one of the ends read) in units of <paramref name="timeUnitDays"/>, as
    /// <see cref="CustomerSummary.FromTransactions(ISqlEngine, DateOnly, double, DateOnly?)"/> builds it; null for another day.</summary>
    public CustomerSummary? SummaryAt(DateOnly end, double timeUnitDays) =>
        end == LaterEnd ? CustomerSummary.FromRows(Later, end, timeUnitDays)
        : end == EarlierEnd && Earlier is { } earlier ? CustomerSummary.FromRows(earlier, end, timeUnitDays)
        : null;
}

/// <summary>
/// The customer summaries at two calibration ends taken by the pass that aggregated the monthly job's snapshots (its purchase-day
/// figures per customer), held in process until the evaluation reads them: <see cref="CustomerSummaryAtTwoEnds.Read"/>'s rows without
/// writing the pass's table, making the summaries' table from it and reading that back.
/// </summary>
internal abstract class HeldCustomerSummaries
{
    /// <summary>The later calibration end (the pass's last snapshot).</summary>
    public abstract DateOnly LaterEnd { get; }

    /// <summary>The earlier calibration end.</summary>
    public abstract DateOnly EarlierEnd { get; }

    /// <summary>The rows at <see cref="LaterEnd"/> and, with <paramref name="withEarlier"/>, at <see cref="EarlierEnd"/>, equal to
    /// <see cref="CustomerSummaryAtTwoEnds.Read"/>'s; null when a figure would not convert as the engine converts it (the caller then reads them by SQL).</summary>
    public abstract CustomerSummaryAtTwoEnds? Read(bool withEarlier);
}
