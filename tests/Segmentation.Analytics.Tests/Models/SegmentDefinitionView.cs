namespace Segmentation.Analytics.Tests.Models;

/// <summary>The names and descriptions of one segment, for assertions.</summary>
public sealed record SegmentDefinitionView(string Zh, string En, string DescriptionZh, string DescriptionEn);
