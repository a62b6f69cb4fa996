using System.Globalization;
using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// A transaction log split for a holdout test of the CLV models: the calibration summary (fit on it), and what every
/// calibration customer did in the holdout period (calibration end, holdout end]: purchase occasions (distinct purchase days,
/// as x counts them), spend (amounts of those days), and the day of every occasion (for the tracking curve).
/// </summary>
/// <param name="Calibration">The calibration summary (<see cref="CustomerSummary"/>; customers first seen in the holdout are not part of the test).</param>
/// <param name="HoldoutPurchases">Purchase occasions in the holdout per calibration customer (same order).</param>
/// <param name="HoldoutSpend">Spend of those occasions (sum of their purchase amounts) per calibration customer.</param>
/// <param name="OccasionDays">Days after the calibration end (1 = the first holdout day) of every holdout occasion of a calibration customer.</param>
/// <param name="HoldoutDays">Length of the holdout period in days.</param>
/// <param name="Shadow">The same split one holdout length earlier, inside the calibration period (the RFM-cell baseline learns
/// from it without seeing the holdout); null when the calibration period is too short or the data were given as arrays.</param>
public sealed record ClvHoldoutData(CustomerSummary Calibration, int[] HoldoutPurchases, double[] HoldoutSpend, int[] OccasionDays, int HoldoutDays,
                                    ClvHoldoutData? Shadow)
{
    /// <summary>Length of the holdout period in the summary's time unit.</summary>
    public double HoldoutDuration => HoldoutDays / Calibration.TimeUnitDays;

    /// <summary>
    /// Splits the engine's <c>transactions</c> at <paramref name="calibrationEnd"/>: the calibration summary as
    /// <see cref="CustomerSummary.FromTransactions(ISqlEngine, DateOnly, double, DateOnly?)"/> (returns are not purchases; one
    /// occasion per customer and day) and the holdout occasions up to <paramref name="holdoutEnd"/> (inclusive) counted the same way.
    /// The shadow split for the RFM-cell baseline ends one holdout length before the calibration end (at most half the calibration span).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="holdoutEnd"/> is not after <paramref name="calibrationEnd"/>.</exception>
    public static ClvHoldoutData FromTransactions(ISqlEngine engine, DateOnly calibrationEnd, DateOnly holdoutEnd, double timeUnitDays = 7)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (holdoutEnd <= calibrationEnd)
            throw new ArgumentOutOfRangeException(nameof(holdoutEnd), holdoutEnd, $"The holdout end must be after the calibration end {calibrationEnd:yyyy-MM-dd}.");
        var data = Build(engine, calibrationEnd, holdoutEnd, timeUnitDays);
        if (data.Calibration.Count == 0) return data;
        int firstDay = data.Calibration.FirstPurchaseDay.Min();
        int span = calibrationEnd.DayNumber - firstDay;
        int shadowDays = Math.Min(data.HoldoutDays, span / 2);
        if (shadowDays < 7) return data;
        var shadow = Build(engine, calibrationEnd.AddDays(-shadowDays), calibrationEnd, timeUnitDays);
        return shadow.Calibration.Count == 0 ? data : data with { Shadow = shadow };
    }

    private static ClvHoldoutData Build(ISqlEngine engine, DateOnly calibrationEnd, DateOnly holdoutEnd, double timeUnitDays)
    {
        var calibration = CustomerSummary.FromTransactions(engine, calibrationEnd, timeUnitDays);
        var keys = calibration.CustomerKeys!;
        var position = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
        for (int i = 0; i < keys.Count; i++) position[keys[i]] = i;
        var purchases = new int[calibration.Count];
        var spend = new double[calibration.Count];
        var days = new List<int>();
        foreach (var (id, day, amount) in Occasions(engine, calibrationEnd, holdoutEnd))
        {
            if (!position.TryGetValue(id, out int i)) continue;  // first seen in the holdout (or on the calibration end day, T = 0)
            purchases[i]++;
            spend[i] += amount;
            days.Add(day);
        }
        days.Sort();
        return new ClvHoldoutData(calibration, purchases, spend, days.ToArray(), holdoutEnd.DayNumber - calibrationEnd.DayNumber, null);
    }

    /// <summary>Purchase occasions (customer, day after <paramref name="from"/>, the day's purchase amount) in (from, to].</summary>
    internal static List<(string Customer, int Day, double Amount)> Occasions(ISqlEngine engine, DateOnly from, DateOnly to, string? customerFilter = null)
    {
        var d = engine.Dialect;
        string start = d.Timestamp(from.AddDays(1).ToDateTime(TimeOnly.MinValue));
        string end = d.Timestamp(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        string fromDay = $"CAST({d.Timestamp(from.ToDateTime(TimeOnly.MinValue))} AS DATE)";
        string sql = $"""
            SELECT customer_id, {d.ToBigInt(d.DaysBetween(fromDay, "day"))} AS day_offset, {d.ToDouble("day_amount")} AS amount
            FROM (
              SELECT customer_id, CAST("timestamp" AS DATE) AS day, sum({d.Money("amount")}) AS day_amount
              FROM {d.Id("transactions")}
              WHERE NOT is_return AND "timestamp" >= {start} AND "timestamp" < {end}{(customerFilter is null ? "" : " AND " + customerFilter)}
              GROUP BY customer_id, CAST("timestamp" AS DATE)
            ) dy
            """;
        return engine.Read(sql, r =>
        {
            var list = new List<(string, int, double)>();
            while (r.Read())
                list.Add((r.GetString(0), (int)Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
                          r.IsDBNull(2) ? 0.0 : Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture)));
            list.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1) is var c && c != 0 ? c : a.Item2.CompareTo(b.Item2));
            return list;
        });
    }
}
