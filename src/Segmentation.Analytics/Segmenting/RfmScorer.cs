using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Fits RFM cut points: for each of recency, frequency and monetary value, the Bins − 1 quantiles of the customers'
/// values (linear interpolation, numpy/pandas default "type 7"), or the custom thresholds of the options.
/// </summary>
/// <remarks>
/// Scoring (see <see cref="RfmModel"/>): F and M score 1 + the number of cut points the value exceeds; R scores
/// 1 + the number of cut points the recency is below (recent = high). A value equal to a cut point goes to the lower
/// bin for F and M and to the lower score for R, so <b>equal values always share a score</b>: ties never straddle a
/// boundary. With heavy ties (many one-time buyers) bins are uneven by design — this is the documented difference from
/// rank-based <c>ntile</c>, which splits equal values arbitrarily. When quantiles coincide, a level is empty by this rule: the tied
/// values are merged into the lower level (F, M) and <see cref="RfmModel.EmptyLevels"/> lists every such level, which the CLI and
/// notebooks print as a warning. Customers with only returns (frequency 0) take no part in the F and M cut points and are labelled
/// apart (<see cref="RfmSegmentRules.ReturnsOnly"/>), as are net refunds (<see cref="RfmSegmentRules.NetRefund"/>).
/// </remarks>
public sealed class RfmScorer(RfmOptions options) : IEstimator<RfmInput, RfmModel>
{
    /// <summary>The options.</summary>
    public RfmOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Learns the cut points from the customers of <paramref name="data"/> (not modified); those who never bought have
    /// recency +∞ and are left out of the recency cut points.</summary>
    /// <exception cref="ArgumentException">Arrays of different lengths, no customer, no customer with a purchase, or a NaN or infinite
    /// value (other than recency +∞); the parameter named is <paramref name="data"/>.</exception>
    public RfmModel Fit(RfmInput data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.RecencyDays.Length != data.Count || data.Frequency.Length != data.Count || data.Monetary.Length != data.Count)
            throw new ArgumentException(
                $"data has {data.Count} customer ids but {data.RecencyDays.Length} recencies, {data.Frequency.Length} frequencies and {data.Monetary.Length} monetary values.", nameof(data));
        return CompositeInput.Fit(nameof(data), ["recencyDays", "frequency", "monetary"], () => Fit(data.RecencyDays, data.Frequency, data.Monetary));
    }

    /// <summary>Learns the cut points from a per-customer aggregate frame (<see cref="RfmInput.FromAggregates"/> with the options' monetary measure).</summary>
    public RfmModel Fit(DataFrame aggregates) => Fit(RfmInput.FromAggregates(aggregates, Options.Monetary));

    /// <summary>Learns the cut points from per-customer recency (days; +∞ for customers who never bought), frequency
    /// (occasions) and monetary values.</summary>
    /// <exception cref="ArgumentException">Arrays of different length, empty, no customer with a purchase, or other non-finite values.</exception>
    public RfmModel Fit(ReadOnlySpan<double> recencyDays, ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetary)
    {
        Options.Validate();
        if (recencyDays.Length != frequency.Length || frequency.Length != monetary.Length)
            throw new ArgumentException($"recencyDays, frequency and monetary must have the same length; got {recencyDays.Length}, {frequency.Length}, {monetary.Length}.", nameof(frequency));
        if (recencyDays.Length == 0) throw new ArgumentException("At least one customer is required.", nameof(recencyDays));
        // Customers who never bought have recency +∞: they score R = 1 and take no part in the recency cut points.
        var finiteRecency = new List<double>(recencyDays.Length);
        foreach (var r in recencyDays)
        {
            if (double.IsFinite(r)) finiteRecency.Add(r);
            else if (!double.IsPositiveInfinity(r)) throw new ArgumentException($"recencyDays contains {r}; use +∞ for customers who never bought.", nameof(recencyDays));
        }
        if (finiteRecency.Count == 0 && Options.RecencyThresholds is null)
            throw new ArgumentException("No customer has a purchase: RFM needs at least one.", nameof(recencyDays));
        // Only customers with a purchase set the F and M cut points: a returns-only customer (frequency 0) is labelled apart.
        var buyerFrequency = new List<double>(frequency.Length);
        var buyerMonetary = new List<double>(monetary.Length);
        for (int i = 0; i < frequency.Length; i++)
            if (!(frequency[i] <= 0)) { buyerFrequency.Add(frequency[i]); buyerMonetary.Add(monetary[i]); }
        if (buyerFrequency.Count == 0) { buyerFrequency.AddRange(frequency.ToArray()); buyerMonetary.AddRange(monetary.ToArray()); }
        return new RfmModel(
            Options.RecencyThresholds?.ToArray() ?? Quantiles(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(finiteRecency), Options.Bins, nameof(recencyDays)),
            Options.FrequencyThresholds?.ToArray() ?? Quantiles(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buyerFrequency), Options.Bins, nameof(frequency)),
            Options.MonetaryThresholds?.ToArray() ?? Quantiles(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buyerMonetary), Options.Bins, nameof(monetary)),
            Options.Bins,
            Options.Monetary,
            (Options.Rules ?? RfmSegmentRules.Standard).ToArray());
    }

    /// <summary>The k/bins quantiles, k = 1..bins−1, with linear interpolation between order statistics (numpy default).</summary>
    /// <remarks>Only the order statistics the quantiles read are found (a multiple quickselect, O(n log bins) expected),
    /// not the whole sorted order: the same values as sorting, for 1 M customers in milliseconds.</remarks>
    public static double[] Quantiles(ReadOnlySpan<double> values, int bins, string name = "values")
    {
        var data = values.ToArray();
        foreach (var v in data)
            if (!double.IsFinite(v)) throw new ArgumentException($"{name} contains a non-finite value ({v}).", name);
        var result = new double[bins - 1];
        if (data.Length == 0 && bins > 1) throw new ArgumentException($"{name} has no value to take quantiles of.", name);
        var ranks = new List<int>(2 * bins);
        for (int k = 1; k < bins; k++)
        {
            int lo = (int)Math.Floor((data.Length - 1) * (double)k / bins);
            ranks.Add(lo);
            ranks.Add(Math.Min(lo + 1, data.Length - 1));
        }
        Statistics.OrderStatistics.Select(data, ranks);
        for (int k = 1; k < bins; k++)
        {
            double h = (data.Length - 1) * (double)k / bins;
            int lo = (int)Math.Floor(h);
            int hi = Math.Min(lo + 1, data.Length - 1);
            result[k - 1] = data[lo] + (h - lo) * (data[hi] - data[lo]);
        }
        return result;
    }
}
