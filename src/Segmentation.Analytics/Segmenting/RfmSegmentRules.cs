namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// The standard named RFM segments for 1–5 scores, as a data table (first match wins). Adapted from the segment
/// table of the R package <c>rfm</c> (<c>rfm_segment</c> defaults) with Hibernating added and the ranges closed so every
/// one of the 125 cells has a name. Override it by passing another table in <see cref="RfmOptions.Rules"/> (or a JSON file).
/// </summary>
/// <remarks>
/// <code>
/// key               R     F     M     中文
/// champions         4–5   4–5   4–5   重要价值客户
/// loyal             3–5   3–5   3–5   忠诚客户
/// potential_loyalist 3–5  2–5   1–5   潜力客户
/// new               4–5   1     1–5   新客户
/// promising         3     1     1–5   有前景客户
/// need_attention    2     2–3   2–5   需要关注客户
/// about_to_sleep    2     1–2   1–5   即将沉睡客户
/// cant_lose_them    1     4–5   4–5   重要挽留客户
/// at_risk           1–2   3–5   1–5   流失风险客户
/// hibernating       1     2     1–5   沉睡客户
/// lost              1     1     1–5   流失客户
/// </code>
/// Before the table: customers with only returns are <see cref="ReturnsOnly"/> (仅退货), customers with a negative net spend
/// <see cref="NetRefund"/> (净退款) — a refund is not a "new" or "lost" customer's spend.
/// </remarks>
public static class RfmSegmentRules
{
    /// <summary>The default table for 5 bins.</summary>
    public static IReadOnlyList<RfmSegmentRule> Standard { get; } =
    [
        new("champions", "Champions", "重要价值客户", 4, 5, 4, 5, 4, 5),
        new("loyal", "Loyal", "忠诚客户", 3, 5, 3, 5, 3, 5),
        new("potential_loyalist", "Potential loyalist", "潜力客户", 3, 5, 2, 5, 1, 5),
        new("new", "New", "新客户", 4, 5, 1, 1, 1, 5),
        new("promising", "Promising", "有前景客户", 3, 3, 1, 1, 1, 5),
        new("need_attention", "Need attention", "需要关注客户", 2, 2, 2, 3, 2, 5),
        new("about_to_sleep", "About to sleep", "即将沉睡客户", 2, 2, 1, 2, 1, 5),
        new("cant_lose_them", "Can't lose them", "重要挽留客户", 1, 1, 4, 5, 4, 5),
        new("at_risk", "At risk", "流失风险客户", 1, 2, 3, 5, 1, 5),
        new("hibernating", "Hibernating", "沉睡客户", 1, 1, 2, 2, 1, 5),
        new("lost", "Lost", "流失客户", 1, 1, 1, 1, 1, 5),
    ];

    /// <summary>Customers without a purchase in the period, only returns (frequency 0): named before any rule, whatever their scores.</summary>
    public static RfmSegmentRule ReturnsOnly { get; } = new("returns_only", "Returns only", "仅退货", 0, -1, 0, -1, 0, -1);

    /// <summary>Customers who bought but returned more than they bought (net spend below 0): named before any rule.</summary>
    public static RfmSegmentRule NetRefund { get; } = new("net_refund", "Net refund", "净退款", 0, -1, 0, -1, 0, -1);

    /// <summary>The segment given to scores no rule matches (only possible with a custom table).</summary>
    public static RfmSegmentRule Unmatched { get; } = new("other", "Other", "其他客户", 1, int.MaxValue, 1, int.MaxValue, 1, int.MaxValue);
}
