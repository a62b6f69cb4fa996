using Segmentation.Analytics.Features;
using Segmentation.Analytics.Statistics;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Validation;

/// <summary>
/// Validates a segmentation (the "细分结果验证" step): internal indices on the clustering space, bootstrap stability
/// per segment, and separability — cross-validated linear discriminant accuracy with its confusion matrix, and per
/// feature a one-way ANOVA (F, p, η²) and a Kruskal-Wallis test (H, p, ε²) ranking which variables really distinguish
/// the segments.
/// </summary>
/// <remarks>
/// The silhouette is exact up to <see cref="ValidationOptions.ExactSilhouetteMaxRows"/> rows and a sampled estimate
/// with a 95 % interval above. Stability uses <see cref="ClusterStability"/>
/// with the refit function the caller gives (e.g. k-means with the same options). Every random choice follows
/// <see cref="ValidationOptions.Seed"/>.
/// </remarks>
public sealed class SegmentationValidator(ValidationOptions? options = null)
{
    /// <summary>The settings.</summary>
    public ValidationOptions Options { get; } = options ?? new();

    /// <summary>Validates the partition <paramref name="labels"/> of <paramref name="data"/>.</summary>
    /// <param name="data">The clustering space (transformed features) the segments were found in.</param>
    /// <param name="labels">Segment (0..K−1) of every row.</param>
    /// <param name="refit">Refits the method on a bootstrap sample (run index 1..B; 0 = the original data); null skips stability.</param>
    /// <param name="separationFeatures">Features to test and rank (NaN = missing), e.g. the untransformed profile variables; null = <paramref name="data"/>.</param>
    /// <exception cref="ArgumentException">Fewer than 2 or more than n − 1 segments, or lengths that do not match.</exception>
    public ValidationReport Validate(FeatureMatrix data, int[] labels, Func<FeatureMatrix, int, ISegmentAssigner>? refit = null, FeatureMatrix? separationFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        Options.Validate();
        if (separationFeatures is not null && separationFeatures.Rows != data.Rows)
            throw new ArgumentException($"separationFeatures has {separationFeatures.Rows} rows; data has {data.Rows}.", nameof(separationFeatures));
        var partition = new LabelPartition(labels, data.Rows);
        partition.RequireScorable(data.Rows);
        var indices = Indices(data, labels);
        var stability = refit is not null && Options.Bootstraps > 0 ? Stability(data, refit) : null;
        return new ValidationReport(data.Rows, partition.Clusters, indices, stability, Separability(data, labels, separationFeatures ?? data));
    }

    /// <summary>
    /// The bootstrap stability alone (<see cref="ClusterStability"/> with <see cref="ValidationOptions.Bootstraps"/> runs and the
    /// options' seed): what <see cref="Validate"/> reports as <see cref="ValidationReport.Stability"/>, without the indices and the
    /// separation tests — e.g. to re-check a frozen model's segments on a later month's customers.
    /// </summary>
    /// <param name="data">The clustering space.</param>
    /// <param name="refit">Refits the method on a bootstrap sample (run 1..B); run 0 must return the partition to assess.</param>
    public StabilitySummary Stability(FeatureMatrix data, Func<FeatureMatrix, int, ISegmentAssigner> refit)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(refit);
        Options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Bootstraps, 1, nameof(ValidationOptions.Bootstraps));
        var result = ClusterStability.Bootstrap(data, refit, new StabilityOptions(Options.Bootstraps, Options.Seed));
        return new StabilitySummary(Options.Bootstraps,
            result.Clusters.Select(c => new SegmentStability(c.Cluster, c.Size, c.MeanJaccard, c.DissolvedCount, c.Runs,
                c.Level == ClusterStabilityLevel.Dissolved, c.Level)).ToArray(),
            result.MeanAdjustedRand, result.AdjustedRand.Min());
    }

    /// <summary>True when every known (non-NaN) value is the same — or there is at most one.</summary>
    private static bool IsConstant(double[] x)
    {
        double first = double.NaN;
        foreach (var v in x)
        {
            if (double.IsNaN(v)) continue;
            if (double.IsNaN(first)) first = v;
            else if (v != first) return false;
        }
        return true;
    }

    private InternalIndices Indices(FeatureMatrix data, int[] labels)
    {
        double inertia = ClusterIndices.Inertia(data, labels);
        double ch = ClusterIndices.CalinskiHarabasz(data, labels);
        double db = ClusterIndices.DaviesBouldin(data, labels);
        if (data.Rows <= Options.ExactSilhouetteMaxRows)
        {
            double s = Silhouette.Score(data, labels);
            return new InternalIndices(inertia, s, true, 0, s, s, ch, db);
        }
        var e = Silhouette.Estimate(data, labels, Options.SilhouetteSampleSize, Options.Seed);
        return new InternalIndices(inertia, e.Mean, false, e.StandardError, e.Lower, e.Upper, ch, db);
    }

    private SeparabilityResult Separability(FeatureMatrix data, int[] labels, FeatureMatrix features)
    {
        double accuracy = double.NaN;
        int[] classes = labels.Distinct().Order().ToArray();
        int[][] confusion = [];
        string? problem = null;
        try
        {
            var cv = new LinearDiscriminant(new LdaOptions(Ridge: Options.LdaRidge, Folds: Options.LdaFolds, Seed: Options.Seed)).CrossValidate(data, labels);
            accuracy = cv.Accuracy;
            classes = cv.Classes;
            confusion = cv.Confusion;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }
        var tests = new List<(string Feature, AnovaResult Anova, KruskalWallisResult Kw, bool Constant)>();
        for (int j = 0; j < features.Columns; j++)
        {
            var x = features.Column(j);
            AnovaResult anova;
            KruskalWallisResult kw;
            if (IsConstant(x))
            {
                // One value for every customer: nothing to test. Reported as constant, not as F = ∞ with p = 0.
                tests.Add((features.ColumnNames[j], new AnovaResult(double.NaN, 0, 0, double.NaN, double.NaN, 0, 0),
                    new KruskalWallisResult(double.NaN, 0, double.NaN, double.NaN, 0, 0), true));
                continue;
            }
            try
            {
                anova = OneWayAnova.Test(x, labels);
                kw = KruskalWallis.Test(x, labels);
            }
            catch (ArgumentException)
            {
                // Too few values in too few segments for this feature: report it as not testable rather than fail the report.
                anova = new AnovaResult(double.NaN, 0, 0, double.NaN, double.NaN, 0, 0);
                kw = new KruskalWallisResult(double.NaN, 0, double.NaN, double.NaN, 0, 0);
            }
            tests.Add((features.ColumnNames[j], anova, kw, false));
        }
        var ranked = tests
            .OrderByDescending(t => double.IsNaN(t.Anova.EtaSquared) ? double.NegativeInfinity : t.Anova.EtaSquared)
            .ThenBy(t => t.Feature, StringComparer.Ordinal)
            .Select((t, i) => new FeatureSeparation(t.Feature, i + 1, t.Anova, t.Kw,
                t.Anova.PValue < Options.SignificanceLevel && t.Kw.PValue < Options.SignificanceLevel) { Constant = t.Constant })
            .ToArray();
        return new SeparabilityResult(accuracy, Options.LdaFolds, classes, EquatableArray.FromRows(confusion), problem, ranked);
    }
}
