using Segmentation.Analytics.Evaluation;
using Segmentation.Experiments;
using Segmentation.Analytics.Profiling;

namespace Segmentation.Notebooks;

// Charts straight from the library's result types (profiles, campaign uplift, migration, per-segment effects, Qini).
public static partial class Charts
{
    /// <summary>Snake plot of segment profiles: each segment's z-score ((segment mean − population mean) / population sd) per feature.</summary>
    /// <param name="profiles">The profiles.</param>
    /// <param name="features">Features to draw (default: every profiled numeric feature).</param>
    /// <param name="segmentNames">Line names by segment index (default "segment s").</param>
    /// <exception cref="ArgumentException">A feature was not profiled.</exception>
    public static NotebookChart ProfileSnake(SegmentProfiles profiles, IReadOnlyList<string>? features = null, IReadOnlyList<string>? segmentNames = null) =>
        SnakePlot(SegmentLabels(profiles, segmentNames), features ?? AllFeatures(profiles), ProfileMatrix(profiles, features ?? AllFeatures(profiles), f => f.ZScore));

    /// <summary>Index heatmap of segment profiles: 100 × segment mean / population mean per feature (100 = average).</summary>
    /// <exception cref="ArgumentException">A feature was not profiled.</exception>
    public static NotebookChart ProfileIndexHeatmap(SegmentProfiles profiles, IReadOnlyList<string>? features = null, IReadOnlyList<string>? segmentNames = null) =>
        IndexHeatmap(SegmentLabels(profiles, segmentNames), features ?? AllFeatures(profiles), ProfileMatrix(profiles, features ?? AllFeatures(profiles), f => f.Index));

    /// <summary>Forest plot of the campaigns' conversion uplift in percentage points with 95 % intervals (the report's chart).</summary>
    public static NotebookChart CampaignForest(IEnumerable<CampaignUplift> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var list = campaigns.ToArray();
        return UpliftForest(list.Select(c => c.Campaign.Name).ToArray(), list.Select(c => 100 * c.Conversion.Estimate).ToArray(),
            list.Select(c => 100 * c.Conversion.Lower).ToArray(), list.Select(c => 100 * c.Conversion.Upper).ToArray(), "conversion uplift (percentage points)");
    }

    /// <summary>Sankey diagram of a segment migration (earlier → later segment; customers lost or new are not drawn).</summary>
    /// <param name="migration">The migration.</param>
    /// <param name="segments">Definitions for English display names (default: the keys).</param>
    public static NotebookChart Migration(SegmentMigration migration, IReadOnlyList<SegmentDefinition>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(migration);
        string Name(string key) => segments?.FirstOrDefault(s => s.Key == key)?.NameEn ?? key;
        var counts = new double[migration.FromSegments.Count, migration.ToSegments.Count];
        for (int i = 0; i < migration.FromSegments.Count; i++)
            for (int j = 0; j < migration.ToSegments.Count; j++) counts[i, j] = migration.Counts[i][j];
        return MigrationSankey(migration.FromSegments.Select(Name).ToArray(), migration.ToSegments.Select(Name).ToArray(), counts);
    }

    /// <summary>
    /// Forest plot of per-segment effects of one outcome: Δ with its (unadjusted) 95 % interval per arm × segment, binary
    /// outcomes in percentage points; labels carry the Holm-adjusted p-value.
    /// </summary>
    /// <param name="effects">The per-segment effects.</param>
    /// <param name="outcome">The outcome to draw.</param>
    /// <exception cref="ArgumentException">No row has that outcome.</exception>
    public static NotebookChart SegmentEffectsForest(SegmentEffects effects, string outcome)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var rows = effects.Rows.Where(r => r.Effect.Outcome == outcome && double.IsFinite(r.Effect.Difference.Lower)).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"No tested segment effect for outcome '{outcome}'.", nameof(outcome));
        double scale = rows[0].Effect.Kind == OutcomeKind.Binary ? 100 : 1;
        var labels = rows.Select(r => $"{r.Effect.Arm} · {r.Segment} (adj. p {FormatP(r.AdjustedPValue)})").ToArray();
        return new NotebookChart($"Effect per segment on {outcome} (95% CI) · 分群效果", scale == 100 ? $"Δ {outcome} (percentage points)" : $"Δ {outcome}", null,
            [new IntervalLayer(outcome, rows.Select(r => scale * r.Effect.Difference.Estimate).ToArray(), rows.Select(r => scale * r.Effect.Difference.Lower).ToArray(),
                rows.Select(r => scale * r.Effect.Difference.Upper).ToArray(), 0), new ReferenceLineLayer(true, 0)],
            yCategories: labels, height: Math.Max(260, 80 + 30 * rows.Length));
    }

    /// <summary>Qini curves of cross-fitted uplift predictions, one per treatment arm, each with its random-targeting diagonal (dashed grey in the legend as "random").</summary>
    public static NotebookChart Qini(UpliftPredictions predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var layers = new List<ChartLayer>();
        for (int a = 1; a < predictions.Arms.Count; a++)
        {
            var q = predictions.Qini[a - 1];
            var (x, y) = Thin(q.Fractions, q.Gains, 400);
            layers.Add(new LineLayer($"{predictions.Arms[a]} (Qini {q.Coefficient.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)})", x, y, LineMode.Lines, a - 1));
            layers.Add(new LineLayer($"{predictions.Arms[a]}: random", [0, 1], [0, q.TargetEveryone], LineMode.Lines, a - 1));
        }
        return new NotebookChart($"Qini curves · {predictions.Outcome} · Qini 曲线", "fraction of customers targeted (by predicted uplift)",
            $"incremental {predictions.Outcome} (treated)", layers, height: 440);
    }

    private static (double[] X, double[] Y) Thin(double[] x, double[] y, int points)
    {
        if (x.Length <= points) return (x, y);
        var idx = Enumerable.Range(0, points).Select(i => (int)((long)i * (x.Length - 1) / (points - 1))).Distinct().ToArray();
        return (idx.Select(i => x[i]).ToArray(), idx.Select(i => y[i]).ToArray());
    }

    private static string FormatP(double p) => double.IsNaN(p) ? "–" : p < 0.001 ? "<0.001" : p.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);

    private static string[] AllFeatures(SegmentProfiles profiles) => profiles.Population.Select(p => p.Feature).ToArray();

    private static string[] SegmentLabels(SegmentProfiles profiles, IReadOnlyList<string>? names) =>
        profiles.Segments.Select(s => names is not null && s.Segment < names.Count ? names[s.Segment] : $"segment {s.Segment}").ToArray();

    private static double[,] ProfileMatrix(SegmentProfiles profiles, IReadOnlyList<string> features, Func<FeatureProfile, double> value)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var m = new double[profiles.Segments.Count, features.Count];
        for (int s = 0; s < profiles.Segments.Count; s++)
            for (int j = 0; j < features.Count; j++)
                m[s, j] = profiles.Segments[s].Feature(features[j]) is { } f ? value(f)
                    : throw new ArgumentException($"Feature '{features[j]}' was not profiled; profiled: {string.Join(", ", AllFeatures(profiles))}.", nameof(features));
        return m;
    }
}
