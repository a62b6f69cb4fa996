using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Evaluation;

/// <summary>Drift of the segment mix, of the window features and of each model feature against the model's training data (<see cref="PopulationStability"/>).</summary>
/// <param name="Segments">PSI of the segment distribution (bins = segment keys).</param>
/// <param name="Features">PSI of each model feature present in both matrices, in training column order (informational: cumulative
/// features such as purchase counts grow with the calendar, so they never decide <see cref="Level"/>).</param>
public sealed record DriftReport(PopulationStability Segments, IReadOnlyList<PopulationStability> Features)
{
    /// <summary>PSI of each window feature (<see cref="DriftReference.Windows"/>; empty when none was measured).</summary>
    public IReadOnlyList<PopulationStability> Windows { get; init; } = [];

    /// <summary>Bootstrap stability of the model's segments on the current buyers (<see cref="DriftReference.Stability"/>; null when not measured).</summary>
    public StabilityDrift? Stability { get; init; }

    /// <summary>The recommendation: the worst verdict over the segment mix, the window features — the measures comparable
    /// across time — and the segments' bootstrap stability on the current buyers. The model features (<see cref="Features"/>) do not count.</summary>
    public DriftLevel Level => Windows.Where(w => !IncompleteWindows.Contains(w.Name)).Select(f => f.Level).Append(Segments.Level)
        .Append(Stability?.Level ?? DriftLevel.Stable).Max();

    /// <summary>Names of the window features whose window starts before the data (<see cref="WindowSample.Complete"/> false): not comparable, never deciding.</summary>
    public IReadOnlySet<string> IncompleteWindows { get; init; } = new HashSet<string>();

    /// <summary>Measures the current assignment (and features) against the reference.</summary>
    public static DriftReport Compute(DriftReference reference, SegmentAssignment current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return Compute(reference, current.Segments, current.Counts().ToDictionary(p => p.Key, p => (long)p.Value, StringComparer.Ordinal));
    }

    /// <summary>Measures the current segment sizes <paramref name="counts"/> (customers per key of <paramref name="definitions"/>, e.g.
    /// counted in the engine by <see cref="InEngineSegments.Counts"/>) and features against the reference.</summary>
    public static DriftReport Compute(DriftReference reference, IReadOnlyList<SegmentDefinition> definitions, IReadOnlyDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(counts);
        var keys = definitions.Select(s => s.Key).Union(reference.TrainingSegmentShares.Keys).ToArray();
        var expected = keys.Select(k => reference.TrainingSegmentShares.GetValueOrDefault(k)).ToArray();
        var actual = keys.Select(k => (double)counts.GetValueOrDefault(k)).ToArray();
        var segments = PopulationStability.FromDistributions("segment", expected, actual);
        // Every feature's and window's index (each sorts its two samples) on the cores at once, kept in order.
        var samples = new List<(string Name, Func<double[]> Training, Func<double[]> Current)>();
        if (reference.TrainingFeatures is FeatureMatrix train && reference.CurrentFeatures is FeatureMatrix now)
            for (int j = 0; j < train.Columns; j++)
            {
                int column = j, k = IndexOf(now.ColumnNames, train.ColumnNames[j]);
                if (k >= 0) samples.Add((train.ColumnNames[j], () => train.Column(column), () => now.Column(k)));
            }
        int featureCount = samples.Count;
        var measured = reference.Windows.Where(w => w.Training.Length > 0 && w.Current.Length > 0).ToArray();
        foreach (var w in measured) samples.Add((w.Name, () => w.Training, () => w.Current));
        var indices = new PopulationStability[samples.Count];
        Parallel.For(0, samples.Count, i => indices[i] = PopulationStability.FromSamples(samples[i].Name, samples[i].Training(), samples[i].Current()));
        var features = indices[..featureCount];
        var windows = indices[featureCount..];
        var incomplete = measured.Where(w => !w.Complete).Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        return new DriftReport(segments, features) { Windows = windows, IncompleteWindows = incomplete, Stability = reference.Stability };
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
