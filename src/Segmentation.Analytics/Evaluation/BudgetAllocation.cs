namespace Segmentation.Analytics.Evaluation;

/// <summary>A marketing budget split across segments, with the rule that made it in words.</summary>
/// <param name="Budget">The total (currency).</param>
/// <param name="Weights">The weights in effect (the ROI weight is 0 when no ROI was measured).</param>
/// <param name="Segments">Per segment, in input order.</param>
/// <param name="RuleZh">The rule in Chinese.</param>
/// <param name="RuleEn">The rule in English.</param>
public sealed record BudgetAllocation(decimal Budget, BudgetWeights Weights, IReadOnlyList<SegmentBudget> Segments, string RuleZh, string RuleEn);
