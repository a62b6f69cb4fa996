namespace Segmentation.Analytics.Statistics;

/// <summary>
/// A transaction log split at a calibration end date: the calibration summary (to fit on) and the
/// number of purchase occasions every calibration customer made in the holdout period (to test on),
/// as lifetimes' <c>calibration_and_holdout_data</c>.
/// </summary>
/// <param name="Calibration">Summary of the calibration period.</param>
/// <param name="HoldoutPurchases">Distinct purchase days in (calibration end, observation end] per calibration customer (same order).</param>
/// <param name="HoldoutDuration">Length of the holdout period in time units.</param>
public sealed record CalibrationHoldoutSplit(CustomerSummary Calibration, int[] HoldoutPurchases, double HoldoutDuration)
{
    /// <summary>
    /// Splits transactions (day numbers) at <paramref name="calibrationEndDay"/>. Customers whose first
    /// purchase falls in the holdout period are not part of the split.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="observationEndDay"/> is not after the calibration end, or the inputs are inconsistent.</exception>
    public static CalibrationHoldoutSplit Create(ReadOnlySpan<long> customerIds, ReadOnlySpan<int> days, ReadOnlySpan<double> amounts,
                                                 int calibrationEndDay, int observationEndDay, int? observationStartDay = null, double timeUnitDays = 7)
    {
        if (observationEndDay <= calibrationEndDay)
            throw new ArgumentOutOfRangeException(nameof(observationEndDay), observationEndDay,
                $"observationEndDay must be after calibrationEndDay ({calibrationEndDay}).");
        var calibration = CustomerSummary.FromTransactions(customerIds, days, amounts, calibrationEndDay, observationStartDay, timeUnitDays);
        var holdout = PurchaseOccasions.Build(customerIds, days, amounts, calibrationEndDay + 1, observationEndDay, null, timeUnitDays);
        var counts = new int[calibration.Count];
        int h = 0;
        for (int c = 0; c < calibration.Count; c++)
        {
            long id = calibration.CustomerIds[c];
            while (h < holdout.Customers.Length && holdout.Customers[h] < id) h++;
            if (h < holdout.Customers.Length && holdout.Customers[h] == id)
                counts[c] = holdout.Offsets[h + 1] - holdout.Offsets[h];
        }
        return new CalibrationHoldoutSplit(calibration, counts, (observationEndDay - calibrationEndDay) / timeUnitDays);
    }

    /// <summary>
    /// Actual vs predicted holdout purchases by calibration frequency x = 0 … <paramref name="maxFrequency"/>
    /// (the last bucket x ≥ maxFrequency), the BG/NBD paper's conditional-expectation check (Figure 5).
    /// </summary>
    public IReadOnlyList<FrequencyBucketComparison> CompareByFrequency(BgNbdModel model, int maxFrequency = 7)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFrequency);
        var predicted = model.ConditionalExpectedPurchases(HoldoutDuration, Calibration.Frequency, Calibration.Recency, Calibration.Age);
        var count = new int[maxFrequency + 1];
        var actual = new double[maxFrequency + 1];
        var expected = new double[maxFrequency + 1];
        for (int i = 0; i < Calibration.Count; i++)
        {
            int b = Math.Min(Calibration.Frequency[i], maxFrequency);
            count[b]++;
            actual[b] += HoldoutPurchases[i];
            expected[b] += predicted[i];
        }
        var rows = new List<FrequencyBucketComparison>();
        for (int b = 0; b <= maxFrequency; b++)
            rows.Add(new FrequencyBucketComparison(b, b == maxFrequency, count[b],
                count[b] > 0 ? actual[b] / count[b] : double.NaN, count[b] > 0 ? expected[b] / count[b] : double.NaN));
        return rows;
    }
}
