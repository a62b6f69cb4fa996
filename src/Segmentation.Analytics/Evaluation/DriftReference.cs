using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Evaluation;

/// <summary>What the segmentation model was trained on, to measure drift against.</summary>
/// <param name="TrainingSegmentShares">Segment key → share (or count) of the training population.</param>
/// <param name="TrainingFeatures">The training feature matrix (optional).</param>
/// <param name="CurrentFeatures">The same features of the current population (optional; matched to the training columns by name).</param>
public sealed record DriftReference(IReadOnlyDictionary<string, double> TrainingSegmentShares, FeatureMatrix? TrainingFeatures = null, FeatureMatrix? CurrentFeatures = null);
