namespace Segmentation.Analytics.Models;

/// <summary>One segment of a <see cref="SegmentationModel"/>: its names (after analyst overrides), size and centroid.</summary>
/// <param name="Segment">Index 0..k−1 (ordered by training size, largest first).</param>
/// <param name="Key">Stable identifier (from the English name).</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="DescriptionZh">One-sentence description in Chinese.</param>
/// <param name="DescriptionEn">One-sentence description in English.</param>
/// <param name="Size">Training customers.</param>
/// <param name="Share">Size / training customers.</param>
/// <param name="Centroid">Centre in the transformed space (<see cref="SegmentationModel.ModelColumns"/> order).</param>
public sealed record SegmentDefinition(int Segment, string Key, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn, int Size, double Share, EquatableArray<double> Centroid)
{
    /// <summary>Below the minimum size or dissolved in more than half of the bootstrap runs (see <see cref="Profiling.SegmentNamer"/>):
    /// not a segment to act on. Not written when false.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unstable { get; init; }

    /// <summary>For a refit with lineage (<see cref="SegmentationModel.PreviousModel"/>): the key of the previous model's segment this one
    /// continues (whose key and name it kept), or null for a new segment. Not written when null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? MatchedFrom { get; init; }

    /// <summary>For a continued segment: the distance between its centroid and the previous one, in the previous model's scaled units
    /// (<see cref="SegmentLineage"/>). Not written when null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? MatchDistance { get; init; }
}
