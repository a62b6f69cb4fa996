namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Per-customer frequency / recency / age / monetary summary of a transaction log, the input of
/// <see cref="BgNbdFitter"/> and <see cref="GammaGammaFitter"/> (lifetimes'
/// <c>summary_data_from_transaction_data</c>). Rows are ordered by ascending customer id.
/// </summary>
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

    /// <summary>
    /// Builds the summary from transactions given as day numbers (e.g. <see cref="DateOnly.DayNumber"/>).
    /// Transactions after <paramref name="calibrationEndDay"/> or before <paramref name="observationStartDay"/> are ignored;
    /// several transactions of one customer on one day are one purchase occasion whose amount is their sum.
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
        int m = occasions.Customers.Length;
        var frequency = new int[m];
        var recency = new double[m];
        var age = new double[m];
        var monetary = new double[m];
        var first = new int[m];
        var last = new int[m];
        for (int c = 0; c < m; c++)
        {
            int start = occasions.Offsets[c], end = occasions.Offsets[c + 1];
            first[c] = occasions.Days[start];
            last[c] = occasions.Days[end - 1];
            frequency[c] = end - start - 1;
            recency[c] = (last[c] - first[c]) / timeUnitDays;
            age[c] = (calibrationEndDay - first[c]) / timeUnitDays;
            double sum = 0;
            for (int k = start + 1; k < end; k++) sum += occasions.Amounts[k];
            monetary[c] = frequency[c] > 0 ? sum / frequency[c] : 0.0;
        }
        return new CustomerSummary(occasions.Customers, frequency, recency, age, monetary, first, last, calibrationEndDay, timeUnitDays);
    }

    /// <summary>The same as the day-number overload, with dates.</summary>
    public static CustomerSummary FromTransactions(ReadOnlySpan<long> customerIds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts,
                                                   DateOnly calibrationEnd, DateOnly? observationStart = null, double timeUnitDays = 7)
    {
        var days = new int[dates.Length];
        for (int i = 0; i < days.Length; i++) days[i] = dates[i].DayNumber;
        return FromTransactions(customerIds, days, amounts, calibrationEnd.DayNumber, observationStart?.DayNumber, timeUnitDays);
    }
}
