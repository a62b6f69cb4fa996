namespace Segmentation.Synthetic;

/// <summary>
/// The catalogue of the six planted behavioural segments (keys, zh/en labels, behaviour) and the tables of
/// demographic mixes per segment. Behaviour is chosen so that k-means on standardised behavioural features
/// (recency, frequency, order value, online share) recovers the segments, while demographics overlap.
/// </summary>
public static class PlantedSegments
{
    /// <summary>Key of 年轻线上高消费群体 / young online high spenders.</summary>
    public const string YoungOnlineHigh = "young_online_high";
    /// <summary>Key of 中年稳健型客户 / steady middle-aged customers.</summary>
    public const string SteadyMiddleAged = "steady_middle_aged";
    /// <summary>Key of 价格敏感型客户 / bargain hunters.</summary>
    public const string BargainHunters = "bargain_hunters";
    /// <summary>Key of 银发低频客户 / senior occasional buyers.</summary>
    public const string SeniorOccasional = "senior_occasional";
    /// <summary>Key of 企业采购客户 / business buyers (B2B).</summary>
    public const string BusinessBuyers = "business_buyers";
    /// <summary>Key of 流失风险客户 / churning customers.</summary>
    public const string Churning = "churning";

    /// <summary>The six keys in catalogue order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [YoungOnlineHigh, SteadyMiddleAged, BargainHunters, SeniorOccasional, BusinessBuyers, Churning];

    /// <summary>The default planted segments; the business share (5 %) is the B2B share.</summary>
    public static IReadOnlyList<PlantedSegment> Default { get; } =
    [
        new(YoungOnlineHigh, "年轻线上高消费群体", "young online high spenders", 0.17,
            AgeMin: 20, AgeMax: 32, IsBusiness: false, MonthlyPurchaseRate: 3.5, AverageOrderValue: 650, OrderValueSpread: 0.45,
            OnlineShare: 0.88, CategoryLoyalty: 0.45, PriceSensitivity: 2.2, ReturnFactor: 1.6,
            Satisfaction: 3.9, SatisfactionUplift: 0.3, Churns: false, MarketShare: 0.08),
        new(SteadyMiddleAged, "中年稳健型客户", "steady middle-aged customers", 0.25,
            AgeMin: 38, AgeMax: 55, IsBusiness: false, MonthlyPurchaseRate: 1.8, AverageOrderValue: 380, OrderValueSpread: 0.35,
            OnlineShare: 0.15, CategoryLoyalty: 0.75, PriceSensitivity: 2.6, ReturnFactor: 0.7,
            Satisfaction: 4.1, SatisfactionUplift: 0.2, Churns: false, MarketShare: 0.12),
        new(BargainHunters, "价格敏感型客户", "bargain hunters", 0.23,
            AgeMin: 24, AgeMax: 62, IsBusiness: false, MonthlyPurchaseRate: 2.6, AverageOrderValue: 80, OrderValueSpread: 0.5,
            OnlineShare: 0.55, CategoryLoyalty: 0.35, PriceSensitivity: 4.4, ReturnFactor: 1.0,
            Satisfaction: 3.6, SatisfactionUplift: 0.4, Churns: false, MarketShare: 0.07),
        new(SeniorOccasional, "银发低频客户", "senior occasional buyers", 0.15,
            AgeMin: 58, AgeMax: 75, IsBusiness: false, MonthlyPurchaseRate: 0.5, AverageOrderValue: 180, OrderValueSpread: 0.4,
            OnlineShare: 0.05, CategoryLoyalty: 0.6, PriceSensitivity: 3.4, ReturnFactor: 0.5,
            Satisfaction: 4.0, SatisfactionUplift: 0.3, Churns: false, MarketShare: 0.10),
        new(BusinessBuyers, "企业采购客户", "business buyers", 0.05,
            AgeMin: 0, AgeMax: 0, IsBusiness: true, MonthlyPurchaseRate: 0.9, AverageOrderValue: 4500, OrderValueSpread: 0.5,
            OnlineShare: 0.35, CategoryLoyalty: 0.7, PriceSensitivity: 2.8, ReturnFactor: 0.7,
            Satisfaction: 3.8, SatisfactionUplift: 0.0, Churns: false, MarketShare: 0.14),
        new(Churning, "流失风险客户", "churning customers", 0.15,
            AgeMin: 22, AgeMax: 50, IsBusiness: false, MonthlyPurchaseRate: 1.6, AverageOrderValue: 260, OrderValueSpread: 0.45,
            OnlineShare: 0.45, CategoryLoyalty: 0.5, PriceSensitivity: 3.2, ReturnFactor: 1.3,
            Satisfaction: 3.7, SatisfactionUplift: 0.0, Churns: true, MarketShare: 0.09),
    ];

    /// <summary>The default segments with the shares of the named segments replaced (others keep theirs).</summary>
    /// <exception cref="ArgumentException">A key is not a planted segment, or a share is negative or not finite.</exception>
    public static IReadOnlyList<PlantedSegment> WithShares(IReadOnlyDictionary<string, double> shares, IReadOnlyList<PlantedSegment>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(shares);
        segments ??= Default;
        foreach (var (key, share) in shares)
        {
            if (!segments.Any(s => s.Key == key))
                throw new ArgumentException($"Unknown planted segment '{key}'; expected one of {string.Join(", ", segments.Select(s => s.Key))}.", nameof(shares));
            if (!double.IsFinite(share) || share < 0)
                throw new ArgumentException($"Share of '{key}' must be finite and ≥ 0; got {share}.", nameof(shares));
        }
        return segments.Select(s => shares.TryGetValue(s.Key, out var w) ? s with { Share = w } : s).ToArray();
    }
}
