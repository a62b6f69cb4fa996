using Segmentation.Analytics.Features;
using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Recency, frequency and monetary arrays of a set of customers: what <see cref="RfmScorer"/> learns from and <see cref="RfmModel"/> scores.</summary>
/// <param name="CustomerIds">Customer ids.</param>
/// <param name="RecencyDays">Days since the last purchase; +∞ for customers who never bought.</param>
/// <param name="Frequency">Purchase occasions.</param>
/// <param name="Monetary">Net spend, or average spend per occasion.</param>
public sealed record RfmInput(string[] CustomerIds, double[] RecencyDays, double[] Frequency, double[] Monetary)
{
    /// <summary>From the per-customer aggregate frame (<c>customer_id, recency_days, purchase_days, net_amount</c>).</summary>
    /// <exception cref="ArgumentException">A required column is missing (named).</exception>
    public static RfmInput FromAggregates(DataFrame aggregates, MonetaryMeasure monetary)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        foreach (var name in new[] { "customer_id", "recency_days", "purchase_days", "net_amount" })
            if (!aggregates.Columns.Any(c => c.Name == name))
                throw new ArgumentException($"The aggregate frame has no column '{name}'.", nameof(aggregates));
        int n = (int)aggregates.Rows.Count;
        var ids = new string[n];
        var idCol = aggregates["customer_id"];
        for (int i = 0; i < n; i++) ids[i] = (string)idCol[i];
        var rec = FrameColumns.Numbers(aggregates["recency_days"], missing: double.PositiveInfinity);
        var freq = FrameColumns.Numbers(aggregates["purchase_days"], missing: 0);
        var mon = FrameColumns.Numbers(aggregates["net_amount"], missing: 0);
        if (monetary == MonetaryMeasure.AveragePerOccasion)
            for (int i = 0; i < n; i++) mon[i] = freq[i] > 0 ? mon[i] / freq[i] : 0;
        return new RfmInput(ids, rec, freq, mon);
    }

    /// <summary>Number of customers.</summary>
    public int Count => CustomerIds.Length;
}
