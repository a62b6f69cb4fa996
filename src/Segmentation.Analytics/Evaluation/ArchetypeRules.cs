using Segmentation.Analytics.Profiling;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Maps a segment's profile to a strategy archetype (which playbook entry applies), from the z-scores of its
/// behaviour against the whole population. Rules, first match wins:
/// <list type="number">
/// <item>Business: company_size known for at least half of the segment (B2B accounts).</item>
/// <item>Lost: recency z ≥ 1 and frequency z ≤ 0 (long gone, never frequent).</item>
/// <item>At risk: recency z ≥ 0.5 (buying has stopped or slowed).</item>
/// <item>High value: revenue share ≥ 1.5 × size share (spends far above its weight).</item>
/// <item>Price-sensitive: price_sensitivity z ≥ 0.5 or average order value z ≤ −0.5 with frequency z ≥ 0.</item>
/// <item>Loyal: frequency z ≥ 0.3.</item>
/// <item>Occasional: frequency z ≤ −0.5.</item>
/// <item>Promising: everything else.</item>
/// </list>
/// </summary>
public static class ArchetypeRules
{
    /// <summary>The archetype of one segment.</summary>
    public static SegmentArchetype Infer(SegmentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        double Z(string feature) => profile.Features.FirstOrDefault(f => f.Feature == feature) is { } f && double.IsFinite(f.ZScore) ? f.ZScore : 0;
        bool business = profile.Composition.Any(c => c.Feature == "company_size" && 1 - c.MissingShare >= 0.5);
        if (business) return SegmentArchetype.Business;
        double recency = Z("recency_days"), frequency = Z("frequency");
        if (recency >= 1 && frequency <= 0) return SegmentArchetype.Lost;
        if (recency >= 0.5) return SegmentArchetype.AtRisk;
        if (profile.Value.RevenueShare is { } revenueShare && profile.Share > 0 && revenueShare >= 1.5 * profile.Share) return SegmentArchetype.HighValue;
        if (Z("price_sensitivity") >= 0.5 || (Z("avg_order_value") <= -0.5 && frequency >= 0)) return SegmentArchetype.PriceSensitive;
        if (frequency >= 0.3) return SegmentArchetype.Loyal;
        if (frequency <= -0.5) return SegmentArchetype.Occasional;
        return SegmentArchetype.Promising;
    }
}
