namespace Segmentation.Analytics.Profiling;

/// <summary>The name of one segment in both languages, with a one-sentence description quoting its numbers.</summary>
/// <param name="Segment">Segment index.</param>
/// <param name="Key">A stable identifier derived from the English name (lower case, underscores).</param>
/// <param name="Zh">Chinese name, e.g. 高收入·低消费.</param>
/// <param name="En">English name, e.g. High income, low spending.</param>
/// <param name="DescriptionZh">One sentence in Chinese, e.g. 共 850 位客户（占 17%），平均年龄 27 岁，线上占比 88%，消费金额为整体的 2.6 倍。</param>
/// <param name="DescriptionEn">The same in English.</param>
/// <param name="Traits">Vocabulary keys of the traits the name uses (head first).</param>
/// <param name="Overridden">True when an analyst's <see cref="NameOverride"/> replaced the generated name.</param>
public sealed record SegmentName(int Segment, string Key, string Zh, string En, string DescriptionZh, string DescriptionEn, EquatableArray<string> Traits, bool Overridden)
{
    /// <summary>Too small or not reproduced in the bootstrap (dissolved in more than half of its runs): the name starts with
    /// "不稳定：" / "Unstable: ". Not written when false.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unstable { get; init; }
}
