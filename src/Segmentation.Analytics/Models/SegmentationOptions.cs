using System.Text.Json.Serialization;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Models;

/// <summary>Settings of <see cref="SegmentationModelBuilder"/>: which features, how transformed, which method.</summary>
/// <param name="Features">Numeric features to cluster on, in order.</param>
/// <param name="Clusters">Number of segments k (≥ 2).</param>
/// <param name="LogFeatures">Features (a subset of <paramref name="Features"/>) transformed by ln(1 + x) before scaling.</param>
/// <param name="Scaling">Scaling of the numeric features.</param>
/// <param name="CategoricalFeatures">Categorical features one-hot encoded (0/1, not scaled) and appended; unknown categories at assignment are all-zero.</param>
/// <param name="Method">k-means or Ward.</param>
/// <param name="Seed">Seed of every random choice (k-means++, bootstrap, silhouette sample, LDA folds).</param>
/// <param name="Restarts">k-means++ restarts.</param>
/// <param name="TwoStepAbove">Ward on more rows than this runs as two-step clustering.</param>
/// <param name="MicroClusters">Micro-clusters of two-step clustering.</param>
/// <param name="Validation">Validation settings (their seed is replaced by <paramref name="Seed"/>); null = defaults.</param>
/// <param name="Profile">Profiling settings; null = defaults (every column of the frame).</param>
/// <param name="Overrides">Analyst names applied after naming.</param>
/// <param name="IdColumn">The customer key column (kept as text; not a feature).</param>
/// <param name="TrainingSampleSize">When the feature table has more rows than this, the model is fitted, validated and profiled
/// on a seeded uniform sample of this many rows (<see cref="SegmentationModelBuilder.TrainingData"/>; recorded as
/// <see cref="SegmentationModel.Sample"/>) and then assigns every row; null = always every row. Not written to the model file
/// when null, so models fitted without it keep their bytes.</param>
public sealed record SegmentationOptions(
    EquatableArray<string> Features,
    int Clusters,
    EquatableArray<string>? LogFeatures = null,
    ScalingMethod Scaling = ScalingMethod.ZScore,
    EquatableArray<string>? CategoricalFeatures = null,
    ClusteringMethod Method = ClusteringMethod.KMeans,
    int Seed = 0,
    int Restarts = 10,
    int TwoStepAbove = 20_000,
    int MicroClusters = 200,
    ValidationOptions? Validation = null,
    SegmentProfilerOptions? Profile = null,
    EquatableArray<NameOverride>? Overrides = null,
    string IdColumn = "customer_id",
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TrainingSampleSize = null)
{
    /// <summary>Chinese and English labels naming uses for columns the vocabulary does not know (e.g. <c>spending=消费评分|spending score</c>);
    /// null = the column names. Not written when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EquatableArray<FeatureLabel>? FeatureLabels { get; init; }

    /// <summary>Checks the options (not yet against data).</summary>
    /// <exception cref="ArgumentException">The first invalid option, by name.</exception>
    public void Validate()
    {
        if (Features is null || Features.Count == 0) throw new ArgumentException("At least one feature is required.", nameof(Features));
        if (Features.Distinct().Count() != Features.Count) throw new ArgumentException($"Features lists a column twice: {string.Join(", ", Features)}.", nameof(Features));
        ArgumentOutOfRangeException.ThrowIfLessThan(Clusters, 2, nameof(Clusters));
        foreach (var f in LogFeatures ?? [])
            if (!Features.Contains(f)) throw new ArgumentException($"LogFeatures names '{f}', which is not one of Features ({string.Join(", ", Features)}).", nameof(LogFeatures));
        foreach (var f in CategoricalFeatures ?? [])
            if (Features.Contains(f)) throw new ArgumentException($"'{f}' is both a numeric and a categorical feature.", nameof(CategoricalFeatures));
        if (!Enum.IsDefined(Scaling)) throw new ArgumentOutOfRangeException(nameof(Scaling), Scaling, "Scaling must be ZScore, Robust or None.");
        if (!Enum.IsDefined(Method)) throw new ArgumentOutOfRangeException(nameof(Method), Method, "Method must be KMeans, Ward or TwoStep.");
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1, nameof(Restarts));
        ArgumentOutOfRangeException.ThrowIfLessThan(TwoStepAbove, 2, nameof(TwoStepAbove));
        ArgumentOutOfRangeException.ThrowIfLessThan(MicroClusters, Clusters, nameof(MicroClusters));
        if (TrainingSampleSize is int m) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(m, Clusters, nameof(TrainingSampleSize));
        Validation?.Validate();
        Profile?.Validate();
    }
}
