using Segmentation.Analytics.Models;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Whether the model's segments are still reproduced by this month's customers: the bootstrap stability of the frozen model's
/// partition of the current buyers (<see cref="SegmentationModel.Stability(Features.FeatureMatrix, int, int)"/>), per segment
/// beside its stability at training. With the window features and the segment mix it decides "refit" (<see cref="DriftReport.Level"/>).
/// </summary>
/// <param name="Bootstraps">Refits of the model's method (B).</param>
/// <param name="Rows">Current buyers assessed (a seeded sample above the training size or 20 000).</param>
/// <param name="Segments">Per segment of the model, in model order.</param>
/// <param name="MeanAdjustedRand">Mean adjusted Rand index between the frozen partition and the refits.</param>
public sealed record StabilityDrift(int Bootstraps, int Rows, IReadOnlyList<SegmentStabilityDrift> Segments, double MeanAdjustedRand)
{
    /// <summary>Hennig's (2007) dissolution threshold of the mean Jaccard: below it a segment is not reproduced.</summary>
    public const double DissolvedBelow = 0.6;

    /// <summary>Hennig's stability threshold: below it (and not dissolved) a segment is doubtful.</summary>
    public const double StableFrom = 0.75;

    /// <summary>Refit when a segment that was reproduced at training dissolves now; watch when one is only doubtful now. Segments
    /// already unstable at training (<see cref="Models.SegmentDefinition.Unstable"/>) do not decide: their names say so already.</summary>
    public DriftLevel Level => Segments.Where(s => s.Deciding).Select(s => s.Level).DefaultIfEmpty(DriftLevel.Stable).Max();

    /// <summary>Measures <paramref name="model"/>'s segments on the current buyers <paramref name="current"/> (clustering space).</summary>
    public static StabilityDrift Measure(SegmentationModel model, Features.FeatureMatrix current, int bootstraps = 20)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(current);
        var now = model.Stability(current, bootstraps);
        var training = model.Validation.Stability?.Segments;
        var segments = model.Segments.Select((s, i) => new SegmentStabilityDrift(s.Key,
            training is not null && i < training.Length ? training[i].MeanJaccard : double.NaN,
            now.Segments.FirstOrDefault(x => x.Segment == i)?.MeanJaccard ?? 0, s.Unstable)).ToArray();
        return new StabilityDrift(now.Bootstraps, now.Segments.Sum(s => s.Size), segments, now.MeanAdjustedRand);
    }
}

/// <summary>One segment's bootstrap stability at training and now.</summary>
/// <param name="Key">Segment key.</param>
/// <param name="TrainingJaccard">Mean Jaccard at training (NaN when the model was fitted without the bootstrap).</param>
/// <param name="CurrentJaccard">Mean Jaccard on the current buyers (0 when no current buyer is in the segment).</param>
/// <param name="UnstableAtTraining">The model flagged it unstable when it was fitted.</param>
public sealed record SegmentStabilityDrift(string Key, double TrainingJaccard, double CurrentJaccard, bool UnstableAtTraining)
{
    /// <summary>True when this segment can decide the recommendation (it was reproduced at training).</summary>
    public bool Deciding => !UnstableAtTraining;

    /// <summary>Hennig's reading of the current Jaccard: refit below <see cref="StabilityDrift.DissolvedBelow"/>, watch below
    /// <see cref="StabilityDrift.StableFrom"/>, else stable (whether it decides is <see cref="Deciding"/>).</summary>
    public DriftLevel Level => CurrentJaccard < StabilityDrift.DissolvedBelow ? DriftLevel.Refit
        : CurrentJaccard < StabilityDrift.StableFrom ? DriftLevel.Watch : DriftLevel.Stable;
}
