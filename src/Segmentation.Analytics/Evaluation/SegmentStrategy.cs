namespace Segmentation.Analytics.Evaluation;

/// <summary>The recommended marketing mix for one segment archetype, in Chinese and English.</summary>
public sealed record SegmentStrategy(
    SegmentArchetype Archetype,
    string ProductZh, string ProductEn,
    string PriceZh, string PriceEn,
    string PromotionZh, string PromotionEn,
    string ChannelZh, string ChannelEn,
    string ServiceZh, string ServiceEn)
{
    /// <summary>What the channel line says when the data records no sales channel: no channel is recommended from data that cannot show one.</summary>
    public const string NoChannelDataZh = "—（数据中没有渠道信息，不作渠道建议）";

    /// <summary>The English counterpart of <see cref="NoChannelDataZh"/>.</summary>
    public const string NoChannelDataEn = "— (the data records no sales channel: no channel recommendation)";

    /// <summary>The same strategy with the channel line replaced by <see cref="NoChannelDataZh"/> / <see cref="NoChannelDataEn"/>.</summary>
    public SegmentStrategy WithoutChannel() => this with { ChannelZh = NoChannelDataZh, ChannelEn = NoChannelDataEn };
}
