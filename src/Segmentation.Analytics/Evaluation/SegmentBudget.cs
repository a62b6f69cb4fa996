namespace Segmentation.Analytics.Evaluation;

/// <summary>One segment's part of the marketing budget.</summary>
/// <param name="Segment">Segment key.</param>
/// <param name="ValueShare">vₛ: its share of value.</param>
/// <param name="PotentialShare">pₛ: its share of potential.</param>
/// <param name="RoiShare">rₛ: its share of (positive) ROI.</param>
/// <param name="Share">Its share of the budget (shares sum to 1).</param>
/// <param name="Amount">Its amount (currency, 2 decimals; amounts sum exactly to the budget).</param>
public sealed record SegmentBudget(string Segment, double ValueShare, double PotentialShare, double RoiShare, double Share, decimal Amount);
