using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Evaluation;

/// <summary>Drift of the segment mix and of each numeric feature against the model's training data (<see cref="PopulationStability"/>).</summary>
/// <param name="Segments">PSI of the segment distribution (bins = segment keys).</param>
/// <param name="Features">PSI of each feature present in both matrices, in training column order.</param>
public sealed record DriftReport(PopulationStability Segments, IReadOnlyList<PopulationStability> Features)
{
    /// <summary>The worst verdict over the segment mix and the features.</summary>
    public DriftLevel Level => Features.Select(f => f.Level).Append(Segments.Level).Max();

    /// <summary>Measures the current assignment (and features) against the reference.</summary>
    public static DriftReport Compute(DriftReference reference, SegmentAssignment current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var counts = current.Counts();
        var keys = current.Segments.Select(s => s.Key).Union(reference.TrainingSegmentShares.Keys).ToArray();
        var expected = keys.Select(k => reference.TrainingSegmentShares.GetValueOrDefault(k)).ToArray();
        var actual = keys.Select(k => (double)counts.GetValueOrDefault(k)).ToArray();
        var segments = PopulationStability.FromDistributions("segment", expected, actual);
        var features = new List<PopulationStability>();
        if (reference.TrainingFeatures is FeatureMatrix train && reference.CurrentFeatures is FeatureMatrix now)
            for (int j = 0; j < train.Columns; j++)
            {
                int k = IndexOf(now.ColumnNames, train.ColumnNames[j]);
                if (k >= 0) features.Add(PopulationStability.FromSamples(train.ColumnNames[j], train.Column(j), now.Column(k)));
            }
        return new DriftReport(segments, features);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
