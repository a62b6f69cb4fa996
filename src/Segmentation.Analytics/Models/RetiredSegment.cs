namespace Segmentation.Analytics.Models;

/// <summary>A segment of the previous model that no segment of the refit continues (<see cref="SegmentationModel.RetiredSegments"/>).</summary>
/// <param name="Segment">Its index in the previous model.</param>
/// <param name="Key">Its key (not reused by the refit).</param>
/// <param name="NameZh">Its Chinese name.</param>
/// <param name="NameEn">Its English name.</param>
/// <param name="Size">Its training customers in the previous model.</param>
/// <param name="NearestDistance">Distance from its centroid to the nearest centroid of the refit (previous model's scaled units):
/// above the maximum distance, or that segment was matched more closely to another.</param>
public sealed record RetiredSegment(int Segment, string Key, string NameZh, string NameEn, int Size, double NearestDistance);
