namespace Segmentation.Analytics.Evaluation;

/// <summary>A segment with its playbook strategy (null when the segment has no archetype or the playbook no entry).</summary>
public sealed record SegmentRecommendation(SegmentDefinition Segment, SegmentStrategy? Strategy);
