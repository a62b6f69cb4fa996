namespace Segmentation.Analytics.Profiling;

/// <summary>What a segment is worth: sums of value columns and the segment's share of the total (missing values count as 0).</summary>
/// <param name="Revenue">Sum of the revenue column (monetary), or null when not available.</param>
/// <param name="RevenueShare">Revenue / total revenue.</param>
/// <param name="Profit">Sum of the profit column, or null.</param>
/// <param name="ProfitShare">Profit / total profit.</param>
/// <param name="Clv">Sum of the customer-lifetime-value column, or null.</param>
/// <param name="ClvShare">CLV / total CLV.</param>
public sealed record SegmentValue(double? Revenue, double? RevenueShare, double? Profit, double? ProfitShare, double? Clv, double? ClvShare);
