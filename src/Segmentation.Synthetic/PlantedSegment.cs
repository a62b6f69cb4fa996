namespace Segmentation.Synthetic;

/// <summary>
/// One behavioural segment planted in synthetic data: its key, bilingual label, share of the customer base and
/// the behaviour its members are drawn from. These values are the intended feature means recorded in
/// <c>ground_truth.json</c>; realised per-customer values scatter around them.
/// </summary>
/// <param name="Key">Stable key (snake_case), also the campaigns' <c>target_segment</c>. Must be one of <see cref="PlantedSegments.Keys"/>
/// (demographic profiles such as occupation and lifestyle mixes are tabled per key).</param>
/// <param name="LabelZh">Chinese label, e.g. 年轻线上高消费群体.</param>
/// <param name="LabelEn">English label, e.g. young online high spenders.</param>
/// <param name="Share">Relative weight in the customer mix; weights are normalised to sum to 1, and segment sizes are
/// the largest-remainder rounding of share × customers (exact, not sampled).</param>
/// <param name="AgeMin">Youngest age (years, at the end of the horizon); ignored for business segments.</param>
/// <param name="AgeMax">Oldest age (years, at the end of the horizon); ignored for business segments.</param>
/// <param name="IsBusiness">True for B2B accounts: company_size and industry are set, personal demographics empty.</param>
/// <param name="MonthlyPurchaseRate">Mean purchase occasions per active month, before seasonality and trend.</param>
/// <param name="AverageOrderValue">Mean amount of a purchase (currency units, CNY).</param>
/// <param name="OrderValueSpread">Log-scale sd of a purchase amount around the customer's own mean.</param>
/// <param name="OnlineShare">Mean share of purchases through web or app.</param>
/// <param name="CategoryLoyalty">Mean probability that a purchase is in the customer's favourite category.</param>
/// <param name="PriceSensitivity">Mean of the 1–5 price-sensitivity survey answer.</param>
/// <param name="ReturnFactor">Multiplier of the overall return rate for this segment's purchases.</param>
/// <param name="Satisfaction">Mean latent satisfaction (CSAT scale 1–5) before management starts.</param>
/// <param name="SatisfactionUplift">Step added to latent satisfaction from the management start month on (0 = not targeted).</param>
/// <param name="Churns">True if members stop buying at a planted churn month (active early, then lost).</param>
/// <param name="MarketShare">The company's planted share of this segment's market (for market.csv).</param>
public sealed record PlantedSegment(
    string Key,
    string LabelZh,
    string LabelEn,
    double Share,
    int AgeMin,
    int AgeMax,
    bool IsBusiness,
    double MonthlyPurchaseRate,
    double AverageOrderValue,
    double OrderValueSpread,
    double OnlineShare,
    double CategoryLoyalty,
    double PriceSensitivity,
    double ReturnFactor,
    double Satisfaction,
    double SatisfactionUplift,
    bool Churns,
    double MarketShare);
