using System.Globalization;
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
        if (earlierEnd is not { } earlier)
            return new(laterEnd, engine.Read(CustomerSummaryQuery.Render(engine.Dialect, laterEnd), r => Sorted(ReadRows(r, null))), null, null);
        var (later, atEarlier) = engine.Read(CustomerSummaryQuery.RenderAtTwoEnds(engine.Dialect, earlier, laterEnd), r =>
        {
            var both = new List<CustomerSummaryRow>();
            var early = new List<CustomerSummaryRow>();
            ReadRows(r, (both, early));
            return (Sorted(both), Sorted(early));
        });
        return new(laterEnd, later, earlier, atEarlier);
    }

    /// <summary>The summary at <paramref name="end"/> (one of the ends read) in units of <paramref name="timeUnitDays"/>, as
    /// <see cref="CustomerSummary.FromTransactions(ISqlEngine, DateOnly, double, DateOnly?)"/> builds it; null for another day.</summary>
    public CustomerSummary? SummaryAt(DateOnly end, double timeUnitDays) =>
        end == LaterEnd ? CustomerSummary.FromRows(Later, end, timeUnitDays)
        : end == EarlierEnd && Earlier is { } earlier ? CustomerSummary.FromRows(earlier, end, timeUnitDays)
        : null;

    /// <summary>Rows of <see cref="CustomerSummaryQuery.Render"/> (5 columns), or of <see cref="CustomerSummaryQuery.RenderAtTwoEnds"/>
    /// into the two lists of <paramref name="twoEnds"/>.</summary>
    private static List<CustomerSummaryRow> ReadRows(System.Data.Common.DbDataReader r, (List<CustomerSummaryRow> Later, List<CustomerSummaryRow> Earlier)? twoEnds)
    {
        var list = twoEnds?.Later ?? [];
        while (r.Read())
        {
            if (r.IsDBNull(0)) continue;  // no customer to summarize
            string id = r.GetString(0);
            list.Add(new CustomerSummaryRow(id, Int(r, 1), Int(r, 2), Int(r, 3), Money(r, 4)));
            if (twoEnds is { } ends && Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture) is var days and > 0)
                ends.Earlier.Add(new CustomerSummaryRow(id, checked((int)(days - 1)), Int(r, 6), Int(r, 7), Money(r, 8)));
        }
        return list;
    }

    private static int Int(System.Data.Common.DbDataReader r, int i) => (int)Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static double Money(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? 0.0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>Ordinal order whatever the engine's collation: the fits sum over customers in this order.</summary>
    private static List<CustomerSummaryRow> Sorted(List<CustomerSummaryRow> rows)
    {
        rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return rows;
    }
}
