using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Value tiers (ABC / high-mid-low / VIP-regular-potential): learns two value thresholds from the customers' values
/// (e.g. net spend, CLV) and returns a <see cref="ValueTierModel"/> that assigns any value to a tier.
/// </summary>
/// <remarks>
/// <para><b>ABC.</b> Let v₍₁₎ ≥ v₍₂₎ ≥ … be the positive values sorted in decreasing order, S = Σ v the total of the
/// positive values, and C(k) = v₍₁₎ + … + v₍ₖ₎. The A boundary is the first k with C(k) ≥ TopShare·S: the customer who
/// crosses the share is in A. The top threshold is that customer's value v₍ₖ₎; likewise the middle threshold is the value
/// of the first customer with C(m) ≥ (TopShare + MiddleShare)·S. Comparisons of C with the share allow a relative
/// rounding of 1e-12·S, so a cumulative share of exactly 80 % counts as reaching 80 %.</para>
/// <para><b>Ties and boundaries.</b> A customer is in the top tier when v ≥ top threshold, in the middle tier when
/// v ≥ middle threshold, else in the bottom tier. Customers tied with the boundary customer share its tier (so A can hold
/// slightly more than the share). Values ≤ 0 are never in the top or middle tier; if no value is positive, everyone
/// is in the bottom tier (thresholds +∞).</para>
/// <para><b>Thresholds / Quantiles.</b> The thresholds are given, or are the TopQuantile and MiddleQuantile quantiles of
/// the values (numpy's linear method), with the same ≥ rule.</para>
/// </remarks>
public sealed class ValueTiering(ValueTierOptions? options = null) : IEstimator<IReadOnlyList<double>, ValueTierModel>
{
    private const double ShareTolerance = 1e-12;

    /// <summary>The options in use.</summary>
    public ValueTierOptions Options { get; } = options ?? new ValueTierOptions();

    /// <summary>Learns the thresholds from <paramref name="values"/> (one per customer; not modified).</summary>
    /// <exception cref="ArgumentException">The options are invalid (names the option), there are no values, or a value is not finite (names the index).</exception>
    public ValueTierModel Fit(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var options = Options;
        options.Validate();
        if (values.Count == 0) throw new ArgumentException("At least one value is required.", nameof(values));
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"values[{i}] is {values[i]}; every value must be finite (impute missing values first).", nameof(values));

        (double top, double middle) = options.Method switch
        {
            ValueTierMethod.Abc => AbcThresholds(values, options.TopShare, options.TopShare + options.MiddleShare),
            ValueTierMethod.Thresholds => (options.TopThreshold!.Value, options.MiddleThreshold!.Value),
            _ => QuantileThresholds(values, options.TopQuantile, options.MiddleQuantile),
        };
        var thresholds = new ValueTierModel(options.Method, options.EffectiveLabels, top, middle, values.Count, [], []);
        var tiers = thresholds.Assign(values);
        double positiveTotal = values.Where(v => v > 0).Sum();
        var counts = new long[3];
        var shares = new double[3];
        for (int i = 0; i < tiers.Length; i++)
        {
            counts[(int)tiers[i]]++;
            if (values[i] > 0) shares[(int)tiers[i]] += values[i];
        }
        for (int t = 0; t < 3; t++) shares[t] = positiveTotal > 0 ? shares[t] / positiveTotal : 0;
        return thresholds with { Counts = counts, ValueShares = shares };
    }

    private static (double Top, double Middle) AbcThresholds(IReadOnlyList<double> values, double topShare, double middleShare)
    {
        var positive = values.Where(v => v > 0).ToArray();
        if (positive.Length == 0) return (double.PositiveInfinity, double.PositiveInfinity);
        Array.Sort(positive);
        Array.Reverse(positive);
        double total = positive.Sum();
        double top = double.NaN, middle = double.NaN, cumulative = 0;
        foreach (var v in positive)
        {
            cumulative += v;
            if (double.IsNaN(top) && cumulative >= topShare * total - ShareTolerance * total) top = v;
            if (double.IsNaN(middle) && cumulative >= middleShare * total - ShareTolerance * total) { middle = v; break; }
        }
        // Rounding can leave the last share unreached by a hair; the smallest positive value then closes it.
        if (double.IsNaN(top)) top = positive[^1];
        if (double.IsNaN(middle)) middle = positive[^1];
        return (top, middle);
    }

    private static (double Top, double Middle) QuantileThresholds(IReadOnlyList<double> values, double topQuantile, double middleQuantile)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return (RobustScaler.Percentile(sorted, topQuantile * 100), RobustScaler.Percentile(sorted, middleQuantile * 100));
    }
}
