namespace Segmentation.Analytics.Evaluation;

/// <summary>One segment as the evaluation and the report show it.</summary>
/// <param name="Key">Stable key (as in the assignment and in campaigns.target_segment).</param>
/// <param name="NameZh">Chinese display name.</param>
/// <param name="NameEn">English display name.</param>
/// <param name="ValueRank">Position in the value order: higher = more valuable (migration upgrades go up this order).</param>
/// <param name="Archetype">The strategy archetype; null = no playbook entry.</param>
public sealed record SegmentDefinition(string Key, string NameZh, string NameEn, int ValueRank = 0, SegmentArchetype? Archetype = null);
