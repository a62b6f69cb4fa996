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
        var ids = new string[n]; var rec = new double[n]; var freq = new double[n]; var mon = new double[n];
        var idCol = aggregates["customer_id"]; var recCol = aggregates["recency_days"]; var fCol = aggregates["purchase_days"]; var mCol = aggregates["net_amount"];
        for (int i = 0; i < n; i++)
        {
            ids[i] = (string)idCol[i];
            rec[i] = recCol[i] is null ? double.PositiveInfinity : Convert.ToDouble(recCol[i], System.Globalization.CultureInfo.InvariantCulture);
            freq[i] = fCol[i] is null ? 0 : Convert.ToDouble(fCol[i], System.Globalization.CultureInfo.InvariantCulture);
            double net = mCol[i] is null ? 0 : Convert.ToDouble(mCol[i], System.Globalization.CultureInfo.InvariantCulture);
            mon[i] = monetary == MonetaryMeasure.AveragePerOccasion ? (freq[i] > 0 ? net / freq[i] : 0) : net;
        }
        return new RfmInput(ids, rec, freq, mon);
    }

    /// <summary>Number of customers.</summary>
    public int Count => CustomerIds.Length;
}
