namespace Segmentation.Analytics.Features;

/// <summary>Rows with a known class each — what a supervised method such as <see cref="Statistics.LinearDiscriminant"/> learns from.</summary>
/// <param name="Features">The feature rows.</param>
/// <param name="Labels">The class of every row (any integers; one per row of <paramref name="Features"/>).</param>
public sealed record LabelledMatrix(FeatureMatrix Features, EquatableArray<int> Labels)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Features.Rows;
}
