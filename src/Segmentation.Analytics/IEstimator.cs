using Segmentation.Analytics.Features;

namespace Segmentation.Analytics;

/// <summary>An unfitted method configured by its options; <see cref="Fit"/> learns from data and returns an immutable model.</summary>
/// <typeparam name="TModel">The fitted model; all learned state lives there.</typeparam>
public interface IEstimator<out TModel>
{
    /// <summary>Learns from <paramref name="data"/> without modifying it.</summary>
    TModel Fit(FeatureMatrix data);
}

/// <summary>A fitted model that puts rows into one of its segments.</summary>
public interface ISegmentAssigner
{
    /// <summary>Number of segments the model knows.</summary>
    int SegmentCount { get; }

    /// <summary>The segment (0-based) of every row of <paramref name="data"/>.</summary>
    int[] Predict(FeatureMatrix data);
}
