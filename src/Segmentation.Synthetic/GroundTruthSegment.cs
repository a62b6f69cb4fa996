namespace Segmentation.Synthetic;

/// <summary>A planted segment in <c>ground_truth.json</c>: definition, intended feature means and realised counts.</summary>
/// <param name="Key">Segment key.</param>
/// <param name="LabelZh">Chinese label.</param>
/// <param name="LabelEn">English label.</param>
/// <param name="Customers">Number of customers planted in the segment.</param>
/// <param name="Purchases">Realised number of purchase rows (is_return = 0) of its customers.</param>
/// <param name="Returns">Realised number of return rows of its customers.</param>
/// <param name="IntendedMonthlyPurchaseRate">Planted mean purchase occasions per active month (before seasonality, trend and churn).</param>
/// <param name="IntendedAverageOrderValue">Planted mean purchase amount.</param>
/// <param name="IntendedOnlineShare">Planted mean share of web/app purchases.</param>
/// <param name="IntendedMeanAge">Planted mean age at the end of the horizon (midpoint of the uniform age range); null for B2B.</param>
/// <param name="IsBusiness">True for B2B accounts.</param>
/// <param name="Churns">True if the segment's customers churn at a planted month.</param>
/// <param name="ExpectedCsatBeforeManagement">Expected CSAT of a survey response before the management start
/// (exact under the latent model; for churners only far from their churn month).</param>
/// <param name="ExpectedCsatAfterManagement">Expected CSAT from the management start month on.</param>
/// <param name="MarketShare">The company's planted share of the segment's market.</param>
public sealed record GroundTruthSegment(
    string Key,
    string LabelZh,
    string LabelEn,
    int Customers,
    long Purchases,
    long Returns,
    double IntendedMonthlyPurchaseRate,
    double IntendedAverageOrderValue,
    double IntendedOnlineShare,
    double? IntendedMeanAge,
    bool IsBusiness,
    bool Churns,
    double ExpectedCsatBeforeManagement,
    double ExpectedCsatAfterManagement,
    double MarketShare);
