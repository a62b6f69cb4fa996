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
        var rec = Numbers(aggregates["recency_days"], missing: double.PositiveInfinity);
        var freq = Numbers(aggregates["purchase_days"], missing: 0);
        var mon = Numbers(aggregates["net_amount"], missing: 0);
        if (monetary == MonetaryMeasure.AveragePerOccasion)
            for (int i = 0; i < n; i++) mon[i] = freq[i] > 0 ? mon[i] / freq[i] : 0;
        return new RfmInput(ids, rec, freq, mon);
    }

    /// <summary>A numeric column as doubles, <paramref name="missing"/> for NULL: Int64 and Double columns straight from their
    /// buffers (1 M customers in milliseconds), any other type cell by cell; the values are those of <see cref="Convert.ToDouble(object)"/>.</summary>
    private static double[] Numbers(DataFrameColumn column, double missing)
    {
        var result = new double[column.Length];
        switch (column)
        {
            case PrimitiveDataFrameColumn<long> c: Copy(c, result, missing, static v => v); break;
            case PrimitiveDataFrameColumn<double> c: Copy(c, result, missing, static v => v); break;
            default:
                for (int i = 0; i < result.Length; i++)
                    result[i] = column[i] is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : missing;
                break;
        }
        return result;
    }

    private static void Copy<T>(PrimitiveDataFrameColumn<T> column, double[] result, double missing, Func<T, double> toDouble) where T : unmanaged
    {
        bool anyNull = column.NullCount > 0;
        int at = 0;
        using var bitmaps = column.GetReadOnlyNullBitMapBuffers().GetEnumerator();
        foreach (var buffer in column.GetReadOnlyDataBuffers())
        {
            bitmaps.MoveNext();
            var values = buffer.Span;
            var bits = bitmaps.Current.Span;
            for (int i = 0; i < values.Length; i++)
                result[at + i] = !anyNull || ((bits[i >> 3] >> (i & 7)) & 1) != 0 ? toDouble(values[i]) : missing;
            at += values.Length;
        }
    }

    /// <summary>Number of customers.</summary>
    public int Count => CustomerIds.Length;
}
