namespace Segmentation.Analytics.Segmenting;

/// <summary>One row of the lifecycle rule table: rules are tried in <see cref="Order"/>; the first that holds gives the stage.</summary>
/// <param name="Order">Position (1 = tried first).</param>
/// <param name="Stage">The stage the rule gives.</param>
/// <param name="ConditionEn">The condition with the option values filled in (English).</param>
/// <param name="ConditionZh">The condition (Chinese).</param>
public sealed record LifecycleRule(int Order, LifecycleStage Stage, string ConditionEn, string ConditionZh);
