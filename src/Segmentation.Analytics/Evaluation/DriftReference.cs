using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Evaluation;

/// <summary>What the segmentation model was trained on, to measure drift against.</summary>
/// <param name="TrainingSegmentShares">Segment key → share (or count) of the training population.</param>
/// <param name="TrainingFeatures">The training feature matrix (optional).</param>
/// <param name="CurrentFeatures">The same features of the current population (optional; matched to the training columns by name).</param>
public sealed record DriftReference(IReadOnlyDictionary<string, double> TrainingSegmentShares, FeatureMatrix? TrainingFeatures = null, FeatureMatrix? CurrentFeatures = null)
{
    /// <summary>Window features (<see cref="WindowFeatures"/>) at the training snapshot and at the current one: comparable across
    /// time, so they (with the segment mix) decide "refit".</summary>
    public IReadOnlyList<WindowSample> Windows { get; init; } = [];

    /// <summary>Bootstrap stability of the model's segments on the current buyers (null when not measured, e.g. the model was
    /// fitted on this very snapshot).</summary>
    public StabilityDrift? Stability { get; init; }
}

/// <summary>One window feature's values at the training snapshot and at the current snapshot (one value per active customer each).</summary>
/// <param name="Name">Feature name, e.g. <see cref="WindowFeatures.Orders12Months"/>.</param>
/// <param name="Training">Values at the training snapshot.</param>
/// <param name="Current">Values at the current snapshot.</param>
public sealed record WindowSample(string Name, double[] Training, double[] Current)
{
    /// <summary>False when the data do not cover the whole window at both snapshots (it starts before the first full month of
    /// transactions): the two distributions then count different lengths of history, so the PSI is shown but does not decide.</summary>
    public bool Complete { get; init; } = true;
}
