using Segmentation.Analytics.Features;

namespace Segmentation.Analytics;

/// <summary>A fitted model that puts rows into one of its segments.</summary>
public interface ISegmentAssigner
{
    /// <summary>Number of segments the model knows.</summary>
    int SegmentCount { get; }

    /// <summary>The segment (0-based) of every row of <paramref name="data"/>.</summary>
    int[] Predict(FeatureMatrix data);
}
