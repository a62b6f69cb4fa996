using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Per-customer frequency / recency / age / monetary summary of a transaction log, the input of
/// <see cref="BgNbdFitter"/> and <see cref="GammaGammaFitter"/> (lifetimes'
/// <c>summary_data_from_transaction_data</c>). Rows are ordered by ascending customer id.
/// </summary>
/// <remarks>
/// The quantities are those of Fader, Hardie &amp; Lee (2005), measured from each customer's first purchase: x counts
/// <em>repeat</em> purchase occasions (distinct purchase days minus 1), t_x is the time from the first to the last purchase
/// and T the time from the first purchase to the calibration end. They are not the RFM columns of <c>seg rfm</c> / the feature
/// table: <c>frequency</c> there counts the first purchase too (x + 1) and <c>recency_days</c> is the time <em>since</em> the
/// last purchase (T − t_x, in days). Customers whose first purchase is on the calibration end day (T = 0) carry no information
/// about repeat buying and are left out, counted in <see cref="ZeroAgeCustomersSkipped"/>.
/// </remarks>
/// <param name="CustomerIds">Customer id of every row (ascending).</param>
/// <param name="Frequency">x: repeat purchase occasions = distinct purchase days after the first one.</param>
/// <param name="Recency">t_x: (last purchase day − first purchase day) / TimeUnitDays; 0 without repeats.</param>
/// <param name="Age">T: (calibration end day − first purchase day) / TimeUnitDays.</param>
/// <param name="MonetaryValue">Mean amount of the repeat purchase days (amounts summed per day; the first day excluded); 0 without repeats.</param>
/// <param name="FirstPurchaseDay">Day number of the first purchase in the window.</param>
/// <param name="LastPurchaseDay">Day number of the last purchase in the window.</param>
/// <param name="CalibrationEndDay">Day number of the end of the calibration period (inclusive).</param>
/// <param name="TimeUnitDays">Days per time unit (7 = weeks).</param>
public sealed record CustomerSummary(long[] CustomerIds, int[] Frequency, double[] Recency, double[] Age, double[] MonetaryValue,
                                     int[] FirstPurchaseDay, int[] LastPurchaseDay, int CalibrationEndDay, double TimeUnitDays)
{
    /// <summary>Number of customers.</summary>
    public int Count => CustomerIds.Length;

    /// <summary>Customers left out because their first purchase falls on the calibration end day (T = 0).</summary>
    public int ZeroAgeCustomersSkipped { get; init; }

    /// <summary>
    /// The data's customer ids (text) when the summary was built from an engine's <c>transactions</c> table; row i is customer
    /// <c>CustomerKeys[i]</c> and <see cref="CustomerIds"/> are then the row positions 0, 1, …. Null for the array overloads.
    /// </summary>
    public IReadOnlyList<string>? CustomerKeys { get; init; }

    /// <summary>
    /// Builds the summary from transactions given as day numbers (e.g. <see cref="DateOnly.DayNumber"/>).
    /// Transactions after <paramref name="calibrationEndDay"/> or before <paramref name="observationStartDay"/> are ignored;
    /// several transactions of one customer on one day are one purchase occasion whose amount is their sum. Customers whose
    /// first purchase is on the calibration end day (T = 0) are skipped and counted (<see cref="ZeroAgeCustomersSkipped"/>).
    /// </summary>
    /// <param name="customerIds">Customer of each transaction.</param>
    /// <param name="days">Day number of each transaction.</param>
    /// <param name="amounts">Amount of each transaction, or empty (monetary values are then 0).</param>
    /// <param name="calibrationEndDay">Last day (inclusive) of the calibration period; ages T are measured to it.</param>
    /// <param name="observationStartDay">Optional first day (inclusive) of the observation window.</param>
    /// <param name="timeUnitDays">Days per time unit (&gt; 0); 7 gives weeks as in the BG/NBD paper.</param>
    /// <exception cref="ArgumentException">Lengths differ, an amount is not finite, or <paramref name="timeUnitDays"/> ≤ 0.</exception>
    public static CustomerSummary FromTransactions(ReadOnlySpan<long> customerIds, ReadOnlySpan<int> days, ReadOnlySpan<double> amounts,
                                                   int calibrationEndDay, int? observationStartDay = null, double timeUnitDays = 7)
    {
        var occasions = PurchaseOccasions.Build(customerIds, days, amounts, int.MinValue, calibrationEndDay, observationStartDay, timeUnitDays);
        var ids = new List<long>();
        var frequency = new List<int>();
        var recency = new List<double>();
        var age = new List<double>();
        var monetary = new List<double>();
        var first = new List<int>();
        var last = new List<int>();
        int skipped = 0;
        for (int c = 0; c < occasions.Customers.Length; c++)
        {
            int start = occasions.Offsets[c], end = occasions.Offsets[c + 1];
            int firstDay = occasions.Days[start], lastDay = occasions.Days[end - 1];
            if (firstDay >= calibrationEndDay) { skipped++; continue; }
            int x = end - start - 1;
            double sum = 0;
            for (int k = start + 1; k < end; k++) sum += occasions.Amounts[k];
            ids.Add(occasions.Customers[c]);
            first.Add(firstDay);
            last.Add(lastDay);
            frequency.Add(x);
            recency.Add((lastDay - firstDay) / timeUnitDays);
            age.Add((calibrationEndDay - firstDay) / timeUnitDays);
            monetary.Add(x > 0 ? sum / x : 0.0);
        }
        return new CustomerSummary(ids.ToArray(), frequency.ToArray(), recency.ToArray(), age.ToArray(), monetary.ToArray(), first.ToArray(), last.ToArray(),
                                   calibrationEndDay, timeUnitDays) { ZeroAgeCustomersSkipped = skipped };
    }

    /// <summary>The same as the day-number overload, with dates.</summary>
    public static CustomerSummary FromTransactions(ReadOnlySpan<long> customerIds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts,
                                                   DateOnly calibrationEnd, DateOnly? observationStart = null, double timeUnitDays = 7)
    {
        var days = new int[dates.Length];
        for (int i = 0; i < days.Length; i++) days[i] = dates[i].DayNumber;
        return FromTransactions(customerIds, days, amounts, calibrationEnd.DayNumber, observationStart?.DayNumber, timeUnitDays);
    }

    /// <summary>
    /// Builds the summary in the engine from its <c>transactions</c> table (any import spec: line items are summed per
    /// customer and day), exactly as the array overload: purchases only (rows flagged <c>is_return</c> are left out), one
    /// occasion per customer and calendar day with the day's amounts summed, x = distinct purchase days − 1,
    /// t_x = (last − first purchase day) / <paramref name="timeUnitDays"/>, T = (<paramref name="calibrationEnd"/> − first
    /// purchase day) / <paramref name="timeUnitDays"/>, monetary value = mean amount of the repeat days (first day excluded).
    /// Customers whose first purchase is on the calibration end day (T = 0) are skipped and counted; customers first seen
    /// after it are not part of the calibration period.
    /// </summary>
    /// <param name="engine">The engine holding the validated <c>transactions</c> table.</param>
    /// <param name="calibrationEnd">Last day (inclusive) of the calibration period.</param>
    /// <param name="timeUnitDays">Days per time unit (&gt; 0): 7 = weeks as in the BG/NBD paper, 1 = days.</param>
    /// <param name="observationStart">Optional first day (inclusive): earlier transactions are ignored.</param>
    /// <returns>The summary, rows in ordinal order of the customer id, with <see cref="CustomerKeys"/> set.</returns>
    /// <exception cref="ArgumentException"><paramref name="timeUnitDays"/> is not positive and finite.</exception>
    public static CustomerSummary FromTransactions(ISqlEngine engine, DateOnly calibrationEnd, double timeUnitDays = 7, DateOnly? observationStart = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!(timeUnitDays > 0) || !double.IsFinite(timeUnitDays))
            throw new ArgumentOutOfRangeException(nameof(timeUnitDays), timeUnitDays, "timeUnitDays must be a positive finite number.");
        var rows = CustomerSummaryRow.Read(engine, CustomerSummaryQuery.Render(engine.Dialect, calibrationEnd, observationStart));
        return FromRows(rows, calibrationEnd, timeUnitDays);
    }

    /// <summary>The summary of rows of <see cref="CustomerSummaryQuery"/> (in ordinal order of the customer id) at <paramref name="calibrationEnd"/>:
    /// customers whose first purchase is on that day (T = 0) skipped and counted, <see cref="CustomerKeys"/> set.</summary>
    internal static CustomerSummary FromRows(IReadOnlyList<CustomerSummaryRow> rows, DateOnly calibrationEnd, double timeUnitDays)
    {
        int skipped = rows.Count(x => x.AgeDays <= 0);
        var kept = rows.Where(x => x.AgeDays > 0).ToArray();
        int endDay = calibrationEnd.DayNumber;
        return new CustomerSummary(
            Enumerable.Range(0, kept.Length).Select(i => (long)i).ToArray(),
            kept.Select(x => x.X).ToArray(),
            kept.Select(x => x.RecencyDays / timeUnitDays).ToArray(),
            kept.Select(x => x.AgeDays / timeUnitDays).ToArray(),
            kept.Select(x => x.Monetary).ToArray(),
            kept.Select(x => endDay - x.AgeDays).ToArray(),
            kept.Select(x => endDay - x.AgeDays + x.RecencyDays).ToArray(),
            endDay, timeUnitDays)
        {
            ZeroAgeCustomersSkipped = skipped,
            CustomerKeys = kept.Select(x => x.Id).ToArray(),
        };
    }
}
