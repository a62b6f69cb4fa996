namespace Segmentation.Analytics.Profiling;

/// <summary>
/// The one resource table of segment naming: trait words, name patterns and description phrases in Chinese and
/// English, the thresholds that decide which traits a profile shows, and the feature columns they are read from.
/// </summary>
/// <remarks>
/// Keys: trait words (<c>young</c>, <c>online</c>, <c>new</c>, <c>dormant</c>, <c>high_spending</c> …), the words of other catalogue
/// features above / below the population (<c>feature.{column}.high</c>, <c>feature.{column}.low</c>), the pattern for any other
/// column (<c>generic.high</c>, <c>generic.low</c>: {0} receives the column's label), facts (<c>fact.*</c>: description phrases where
/// {0}… receive numbers) and <c>text.*</c> (joiners, the unstable prefix). Change wording here, never in code.
/// </remarks>
/// <param name="Terms">Every term, by key.</param>
/// <param name="Thresholds">When traits fire.</param>
/// <param name="Columns">Feature columns the traits are read from.</param>
public sealed record NamingVocabulary(IReadOnlyList<NamingTerm> Terms, NamingThresholds Thresholds, NamingColumns Columns)
{
    /// <summary>Labels of columns the vocabulary does not know (e.g. from the schema or <c>--feature-labels</c>); null = none.</summary>
    public IReadOnlyList<FeatureLabel>? Labels { get; init; }

    /// <summary>The default vocabulary.</summary>
    public static NamingVocabulary Default { get; } = new(
    [
        new("young", "年轻", "young"),
        new("middle_aged", "中年", "middle-aged"),
        new("senior", "银发", "senior"),
        new("online", "线上", "online"),
        new("offline", "线下", "offline"),
        new("loyal", "品类忠诚", "loyal"),
        new("active", "近期活跃", "recently active"),
        new("lapsing", "较久未购", "lapsing"),
        new("dormant", "沉睡流失", "dormant"),
        new("new", "新客", "new"),
        new("long_standing", "老客", "long-standing"),
        new("frequent", "高频", "frequent"),
        new("infrequent", "低频", "infrequent"),
        new("premium", "高客单", "premium"),
        new("low_ticket", "低客单", "low-ticket"),
        new("high_spending", "高消费", "high spending"),
        new("low_spending", "低消费", "low spending"),
        new("bargain", "价格敏感", "bargain hunters"),
        new("price_insensitive", "价格不敏感", "price-insensitive"),
        new("business", "企业采购", "business buyers"),
        new("average", "均衡", "average profile"),
        new("feature.orders.high", "高频", "frequent"),
        new("feature.orders.low", "低频", "infrequent"),
        new("feature.mean_interpurchase_days.high", "购买间隔长", "long purchase gaps"),
        new("feature.mean_interpurchase_days.low", "购买间隔短", "short purchase gaps"),
        new("feature.category_breadth.high", "多品类", "multi-category"),
        new("feature.category_breadth.low", "少品类", "few categories"),
        new("feature.return_rate.high", "高退货", "high returns"),
        new("feature.return_rate.low", "低退货", "low returns"),
        new("feature.campaign_share.high", "活动驱动", "campaign-driven"),
        new("feature.campaign_share.low", "少参与活动", "few campaign orders"),
        new("feature.campaign_response_rate.high", "活动响应高", "campaign-responsive"),
        new("feature.campaign_response_rate.low", "活动响应低", "campaign-unresponsive"),
        new("feature.csat_mean.high", "高满意度", "satisfied"),
        new("feature.csat_mean.low", "低满意度", "dissatisfied"),
        new("feature.nps_mean.high", "高推荐意愿", "promoters"),
        new("feature.nps_mean.low", "低推荐意愿", "detractors"),
        new("feature.complaints.high", "多投诉", "frequent complaints"),
        new("feature.complaints.low", "少投诉", "few complaints"),
        new("feature.referrals.high", "多推荐", "referring"),
        new("feature.referrals.low", "少推荐", "few referrals"),
        new("feature.income.high", "高收入", "high income"),
        new("feature.income.low", "低收入", "low income"),
        new("feature.city_tier.high", "低线城市", "lower-tier cities"),
        new("feature.city_tier.low", "一二线城市", "top-tier cities"),
        new("generic.high", "高{0}", "high {0}"),
        new("generic.low", "低{0}", "low {0}"),
        new("fact.size", "共 {0} 位客户（占 {1}%）", "{0} customers ({1}%)"),
        new("fact.age", "平均年龄 {0} 岁", "mean age {0}"),
        new("fact.online", "线上占比 {0}%", "{0}% of orders online"),
        new("fact.order_value", "客单价为整体的 {0} 倍", "average order value {0}× the population's"),
        new("fact.monetary", "消费金额为整体的 {0} 倍", "spend {0}× the population's"),
        new("fact.frequency", "购买频次为整体的 {0} 倍", "purchase frequency {0}× the population's"),
        new("fact.recency", "平均 {0} 天未购买", "last purchase {0} days ago on average"),
        new("fact.tenure", "首次购买平均在 {0} 天前", "first purchase {0} days ago on average"),
        new("fact.business", "企业账户占 {0}%", "{0}% business accounts"),
        new("fact.price", "价格敏感度 {0}（整体 {1}）", "price sensitivity {0} (population {1})"),
        new("fact.loyalty", "品类忠诚度 {0}%", "category loyalty {0}%"),
        new("fact.generic", "{0} {1}（整体 {2}）", "{0}: {1} (population {2})"),
        new("text.after_size", "，", "; "),
        new("text.separator", "，", ", "),
        new("text.end", "。", "."),
        new("text.join", "·", ", "),
        new("text.unstable", "不稳定：{0}", "Unstable: {0}"),
        new("text.fallback", "{0}·细分 {1}", "{0}, segment {1}"),
        new("text.new_segment", "{0}（新）", "{0} (new)"),
    ], new NamingThresholds(), new NamingColumns());

    /// <summary>The term with <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The vocabulary has no such term.</exception>
    public NamingTerm Term(string key) =>
        Terms.FirstOrDefault(t => t.Key == key) ?? throw new KeyNotFoundException($"The naming vocabulary has no term '{key}'.");

    /// <summary>The term with <paramref name="key"/>, or null.</summary>
    public NamingTerm? Find(string key) => Terms.FirstOrDefault(t => t.Key == key);
}
