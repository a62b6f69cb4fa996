namespace Segmentation.Analytics.Profiling;

/// <summary>
/// The one resource table of segment naming: trait words, name patterns and description phrases in Chinese and
/// English, the thresholds that decide which traits a profile shows, and the feature columns they are read from.
/// </summary>
/// <remarks>
/// Keys: modifiers (<c>young</c>, <c>middle_aged</c>, <c>senior</c>, <c>online</c>, <c>offline</c>, <c>loyal</c>,
/// <c>active</c>, <c>frequent</c>, <c>infrequent</c>, <c>premium</c>, <c>low_ticket</c>, <c>high_spending</c>, <c>low_spending</c>) are adjectives placed before the head;
/// heads (<c>head.*</c>) are name patterns where {0} receives the modifiers; facts (<c>fact.*</c>) are description phrases
/// where {0} receives a number; <c>text.*</c> are separators. Change wording here, never in code.
/// </remarks>
/// <param name="Terms">Every term, by key.</param>
/// <param name="Thresholds">When traits fire.</param>
/// <param name="Columns">Feature columns the traits are read from.</param>
public sealed record NamingVocabulary(IReadOnlyList<NamingTerm> Terms, NamingThresholds Thresholds, NamingColumns Columns)
{
    /// <summary>The default vocabulary.</summary>
    public static NamingVocabulary Default { get; } = new(
    [
        new("young", "年轻", "young"),
        new("middle_aged", "中年", "middle-aged"),
        new("senior", "银发", "senior"),
        new("online", "线上", "online"),
        new("offline", "线下", "offline"),
        new("loyal", "忠诚", "loyal"),
        new("active", "活跃", "active"),
        new("frequent", "高频", "frequent"),
        new("infrequent", "低频", "infrequent"),
        new("premium", "高客单", "premium"),
        new("low_ticket", "低客单", "low-ticket"),
        new("high_spending", "高消费", "high-spending"),
        new("low_spending", "低消费", "low-spending"),
        new("head.business", "{0}企业采购客户", "{0} business buyers"),
        new("head.dormant", "{0}沉睡流失客户", "{0} dormant lapsing customers"),
        new("head.bargain", "{0}价格敏感型客户", "{0} bargain hunters"),
        new("head.high_spend", "{0}高消费群体", "{0} high spenders"),
        new("head.low_spend", "{0}低消费客户", "{0} low spenders"),
        new("head.frequent", "{0}高频客户", "{0} frequent buyers"),
        new("head.occasional", "{0}低频客户", "{0} occasional buyers"),
        new("head.steady", "{0}稳健型客户", "steady {0} customers"),
        new("fact.size", "共 {0} 位客户（占 {1}%）", "{0} customers ({1}%)"),
        new("fact.age", "平均年龄 {0} 岁", "mean age {0}"),
        new("fact.online", "线上占比 {0}%", "{0}% of orders online"),
        new("fact.order_value", "客单价为整体的 {0} 倍", "average order value {0}× the population's"),
        new("fact.monetary", "消费金额为整体的 {0} 倍", "spend {0}× the population's"),
        new("fact.frequency", "购买频次为整体的 {0} 倍", "purchase frequency {0}× the population's"),
        new("fact.recency", "平均 {0} 天未购买", "last purchase {0} days ago on average"),
        new("fact.business", "企业账户占 {0}%", "{0}% business accounts"),
        new("fact.price", "价格敏感度 {0}（整体 {1}）", "price sensitivity {0} (population {1})"),
        new("fact.loyalty", "品类忠诚度 {0}%", "category loyalty {0}%"),
        new("text.after_size", "，", "; "),
        new("text.separator", "，", ", "),
        new("text.end", "。", "."),
        new("text.duplicate", "（{0}）", " ({0})"),
    ], new NamingThresholds(), new NamingColumns());

    /// <summary>The term with <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The vocabulary has no such term.</exception>
    public NamingTerm Term(string key) =>
        Terms.FirstOrDefault(t => t.Key == key) ?? throw new KeyNotFoundException($"The naming vocabulary has no term '{key}'.");
}
