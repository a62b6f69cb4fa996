namespace Segmentation.Analytics.Evaluation;

/// <summary>What the budget rule knows about one segment.</summary>
/// <param name="Segment">Segment key.</param>
/// <param name="Value">Current value: net revenue of the last period (currency; negative counts as 0).</param>
/// <param name="Potential">Potential: Σ CLV of its customers (currency; negative counts as 0).</param>
/// <param name="Roi">Measured ROI of its campaigns ((incremental profit − cost)/cost); null when none was measured.</param>
public sealed record SegmentBudgetInput(string Segment, double Value, double Potential, double? Roi);
