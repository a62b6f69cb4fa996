using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Options of <see cref="RfmScorer"/>.</summary>
/// <param name="Bins">Number of score levels (default 5: quintiles). Scores run 1..Bins, higher is better.</param>
/// <param name="Monetary">What M measures.</param>
/// <param name="RecencyThresholds">Custom recency cut points in days (ascending, Bins − 1 values), or null for quantiles.</param>
/// <param name="FrequencyThresholds">Custom frequency cut points (ascending), or null for quantiles.</param>
/// <param name="MonetaryThresholds">Custom monetary cut points (ascending), or null for quantiles.</param>
/// <param name="Rules">Naming table (first match wins); null = <see cref="RfmSegmentRules.Standard"/> (requires 5 bins).</param>
public sealed record RfmOptions(
    int Bins = 5,
    MonetaryMeasure Monetary = MonetaryMeasure.NetSpend,
    IReadOnlyList<double>? RecencyThresholds = null,
    IReadOnlyList<double>? FrequencyThresholds = null,
    IReadOnlyList<double>? MonetaryThresholds = null,
    IReadOnlyList<RfmSegmentRule>? Rules = null)
{
    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Bins, 2, nameof(Bins));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Bins, 10, nameof(Bins));
        Check(RecencyThresholds, nameof(RecencyThresholds));
        Check(FrequencyThresholds, nameof(FrequencyThresholds));
        Check(MonetaryThresholds, nameof(MonetaryThresholds));
        if (Rules is null && Bins != 5)
            throw new ArgumentException($"The standard RFM naming table is for 5 bins; Bins is {Bins}: pass your own Rules.", nameof(Rules));
        if (Rules is { Count: 0 }) throw new ArgumentException("Rules is empty.", nameof(Rules));
    }

    private void Check(IReadOnlyList<double>? t, string name)
    {
        if (t is null) return;
        if (t.Count != Bins - 1) throw new ArgumentException($"{name} needs Bins − 1 = {Bins - 1} cut points; got {t.Count}.", name);
        for (int i = 1; i < t.Count; i++)
            if (!(t[i] > t[i - 1])) throw new ArgumentException($"{name} must be strictly ascending; {t[i - 1]} is followed by {t[i]}.", name);
        if (t.Any(v => !double.IsFinite(v))) throw new ArgumentException($"{name} must be finite numbers.", name);
    }
}
