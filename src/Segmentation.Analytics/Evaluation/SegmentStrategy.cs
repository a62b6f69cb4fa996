namespace Segmentation.Analytics.Evaluation;

/// <summary>The recommended marketing mix for one segment archetype, in Chinese and English.</summary>
public sealed record SegmentStrategy(
    SegmentArchetype Archetype,
    string ProductZh, string ProductEn,
    string PriceZh, string PriceEn,
    string PromotionZh, string PromotionEn,
    string ChannelZh, string ChannelEn,
    string ServiceZh, string ServiceEn);
