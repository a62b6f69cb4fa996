using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Randomness;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Models;

/// <summary>
/// Fits a <see cref="SegmentationModel"/> from a per-customer feature table: select features → impute (training median)
/// → ln(1 + x) where asked → scale → one-hot → k-means or Ward (two-step for large n) → validate → profile → name.
/// </summary>
/// <remarks>
/// Segments are numbered by training size, largest first (ties: the clustering's order). The training rows keep the
/// method's own partition — for Ward the cut of the tree (scikit-learn's <c>AgglomerativeClustering(linkage="ward").labels_</c>),
/// for two-step the cluster of each row's micro-cluster. A segment's centroid is the mean of its training rows; the frozen model
/// assigns new customers to the nearest centroid, a rule that would move <see cref="ClusteringSummary.ReassignedRows"/> training
/// rows of a Ward or two-step partition (0 for k-means). Validation ranks every
/// numeric column of the frame (not only the clustering features) by how strongly it separates the segments.
/// Deterministic: the same frame, options and seed give a byte-identical model file.
/// </remarks>
public sealed class SegmentationModelBuilder(SegmentationOptions options) : IEstimator<DataFrame, SegmentationModel>
{
    /// <summary>The options in use.</summary>
    public SegmentationOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Fits, validates, profiles and names a segmentation of <paramref name="features"/> (not modified).</summary>
    /// <remarks>With <see cref="SegmentationOptions.TrainingSampleSize"/> and more rows than that, everything is fitted on the seeded
    /// sample <see cref="TrainingData"/> (recorded as <see cref="SegmentationModel.Sample"/>). Missing numeric values (null or NaN)
    /// are imputed with the training median.</remarks>
    /// <exception cref="ArgumentException">An option is invalid, the table has no rows, a feature column is missing, not numeric,
    /// has no value or an infinite one, or k ≥ rows.</exception>
    public SegmentationModel Fit(DataFrame features) => FitTraining(features, Options).Model;

    /// <summary>Like <see cref="Fit"/>, also returning the labels of every row of <paramref name="features"/> (equal to
    /// <c>model.Assign(features).Segments</c>; the training labels when no sample was drawn).</summary>
    public (SegmentationModel Model, int[] Labels) FitWithLabels(DataFrame features)
    {
        var (model, labels) = FitTraining(features, Options);
        return model.Sample is null ? (model, labels) : (model, model.Assign(features).Segments);
    }

    /// <summary>
    /// The rows a model with <paramref name="options"/> is fitted and validated on: <paramref name="features"/> itself when
    /// <see cref="SegmentationOptions.TrainingSampleSize"/> is null or not exceeded, else a uniform sample without replacement of
    /// that many rows, kept in frame order. The draw is <see cref="StreamRandom.Sample"/> (a partial Fisher–Yates shuffle of the row
    /// indices) from the stream of <see cref="SampleSeed"/>, so the same frame and seed give the same sample on every machine and runtime.
    /// </summary>
    public static DataFrame TrainingData(DataFrame features, SegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        return TrainingRows(checked((int)features.Rows.Count), options) is { } rows ? FrameColumns.CloneRows(features, rows) : features;
    }

    /// <summary>The rows (ascending) <see cref="TrainingData"/> draws from a table of <paramref name="population"/> rows; null when it
    /// keeps them all.</summary>
    public static int[]? TrainingRows(int population, SegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        return options.TrainingSampleSize is int m && population > m ? SampleRows(population, m, SampleSeed(options.Seed)) : null;
    }

    /// <summary>
    /// The model <see cref="Fit"/> makes of a table of <paramref name="population"/> rows, from the rows it would draw alone:
    /// <paramref name="drawn"/> is <see cref="TrainingData"/> of that table (its <see cref="TrainingRows"/>, in order), so the table's
    /// other rows never need to be made.
    /// </summary>
    /// <exception cref="ArgumentException">The options draw no sample from <paramref name="population"/> rows, or
    /// <paramref name="drawn"/> does not have the sample's size; else as <see cref="Fit"/>.</exception>
    public SegmentationModel FitDrawn(DataFrame drawn, int population)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        Options.Validate();
        if (Options.TrainingSampleSize is not int m || population <= m)
            throw new ArgumentException($"The options draw no sample from {population} rows (TrainingSampleSize = {Options.TrainingSampleSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).", nameof(population));
        if (drawn.Rows.Count != m)
            throw new ArgumentException($"The drawn table has {drawn.Rows.Count} rows; the sample has {m}.", nameof(drawn));
        return FitTraining(drawn, new TrainingSample(m, population, SampleSeed(Options.Seed)), Options).Model;
    }

    /// <summary>Seed of the training sample's draw: the model seed mixed with a constant, so that the draw is not the same random
    /// stream as the validation bootstrap (which uses the model seed itself).</summary>
    public static int SampleSeed(int seed) => unchecked(seed ^ 0x5EED5A4D);

    /// <summary><paramref name="size"/> distinct indices of 0..<paramref name="population"/>−1, uniformly, ascending.</summary>
    internal static int[] SampleRows(int population, int size, int seed)
    {
        var chosen = new StreamRandom(seed).Sample(population, size);
        Array.Sort(chosen);
        return chosen;
    }

    private static (SegmentationModel Model, int[] Labels) FitTraining(DataFrame all, SegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var features = TrainingData(all, options);
        var sample = ReferenceEquals(features, all) ? null : new TrainingSample(checked((int)features.Rows.Count), checked((int)all.Rows.Count), SampleSeed(options.Seed));
        return FitTraining(features, sample, options);
    }

    /// <summary>The fit of the training rows <paramref name="features"/> (the drawn <paramref name="sample"/>, or every row when null).</summary>
    private static (SegmentationModel Model, int[] Labels) FitTraining(DataFrame features, TrainingSample? sample, SegmentationOptions options)
    {
        var (pipeline, x) = Prepare(features, options, out var numeric, out var categorical, out var dropped);
        int n = x.Rows;
        var (imputation, log, standard, robust, encoder) = (pipeline.Imputation, pipeline.Log, pipeline.StandardScaler, pipeline.RobustScaler, pipeline.Encoder);
        var (centroids, method, iterations, converged, clusterLabels) = Cluster(x, options);
        int k = options.Clusters, d = x.Columns;
        // The training rows keep the method's own partition (for Ward: the cut of the tree, as scikit-learn's labels_);
        // the nearest-centroid rule is the frozen model's rule for new customers, and how many training rows it would move is reported.
        var nearest = NearestCentroid.Predict(centroids.Flatten(d), k, x, d);
        int reassigned = 0;
        for (int i = 0; i < n; i++) if (nearest[i] != clusterLabels[i]) reassigned++;
        // Number segments by size, largest first.
        var sizes = NearestCentroid.Sizes(clusterLabels, k);
        var order = Enumerable.Range(0, k).OrderByDescending(j => sizes[j]).ThenBy(j => j).ToArray();
        var rank = new int[k];
        for (int t = 0; t < k; t++) rank[order[t]] = t;
        var labels = clusterLabels.Select(l => rank[l]).ToArray();
        var finalCentroids = order.Select(j => centroids[j]).ToEquatableArray();
        if (order.Any(j => sizes[j] == 0))
            throw new InvalidOperationException($"A segment is empty; try another k or method (sizes: {string.Join(", ", sizes)}).");
        double within = 0;
        for (int i = 0; i < n; i++) within += SquaredEuclidean.Distance(x.Row(i), finalCentroids[labels[i]].AsSpan());

        var validation = Validate(features, x, labels, options, options.Validation, method, finalCentroids);
        var profiles = Profile(features, labels, options);
        var overrides = options.Overrides ?? [];
        var generated = Namer(options).Name(profiles, stability: validation.Stability);
        var names = SegmentNamer.ApplyOverrides(generated, overrides);
        var segments = Enumerable.Range(0, k).Select(s => new SegmentDefinition(s, "", "", "", "", "", profiles.Segments[s].Size, profiles.Segments[s].Share, finalCentroids[s])).ToArray();
        var model = new SegmentationModel(SegmentationModel.CurrentSchemaVersion,
            DataFingerprint.Compute(features, numeric, categorical, options.IdColumn), n, options, numeric, categorical,
            imputation, log, standard, robust, encoder, x.ColumnNames.ToEquatableArray(),
            new ClusteringSummary(method, within, iterations, converged, reassigned),
            Define(segments, names), generated, overrides, profiles, validation) { Sample = sample, DroppedFeatures = dropped.Length > 0 ? dropped : null };
        return (model, labels);
    }

    /// <summary>
    /// The clustering space of <paramref name="features"/> under <paramref name="options"/> (imputed, logged, scaled,
    /// one-hot), fitted on the same data — e.g. to choose k with <see cref="KSelection"/> before fitting the model.
    /// </summary>
    public static FeatureMatrix Prepare(DataFrame features, SegmentationOptions options) => Prepare(features, options, out _, out _, out _).Matrix;

    /// <summary>A numeric feature known for fewer than this share of the training rows is dropped (<see cref="DroppedFeature"/>), not imputed.</summary>
    public const double MinimumKnownShare = 0.05;

    private static (FeaturePipeline Pipeline, FeatureMatrix Matrix) Prepare(DataFrame features, SegmentationOptions options, out string[] numeric, out string[] categorical,
        out DroppedFeature[] dropped)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = checked((int)features.Rows.Count);
        if (n == 0) throw new ArgumentException("features has no rows; fitting needs at least one.", nameof(features));
        if (options.Clusters >= n)
            throw new ArgumentOutOfRangeException(nameof(options), options.Clusters, $"Clusters = {options.Clusters} needs more rows than that; the frame has {n}.");
        numeric = options.Features.ToArray();
        categorical = (options.CategoricalFeatures ?? []).ToArray();
        foreach (var c in numeric.Concat(categorical)) FrameColumns.Find(features, c, nameof(features));
        if (options.Features.Contains(options.IdColumn)) throw new ArgumentException($"The id column '{options.IdColumn}' cannot be a feature.", nameof(options));

        var raw = FeaturePipeline.RawNumbers(features, numeric);
        // Missing is not zero, and a feature measured for (nearly) nobody is not imputed for everybody: it is dropped.
        var knownCounts = raw.Select(column => column.Count(v => !double.IsNaN(v))).ToArray();
        var keep = Enumerable.Range(0, numeric.Length).Where(j => knownCounts[j] > 0 && knownCounts[j] >= MinimumKnownShare * n).ToArray();
        var all = numeric;
        dropped = Enumerable.Range(0, numeric.Length).Except(keep).Select(j => new DroppedFeature(all[j], knownCounts[j], n)).ToArray();
        if (keep.Length == 0 && categorical.Length == 0)
            throw new ArgumentException($"No feature is known for at least 5 % of the {n} rows: " +
                string.Join(", ", dropped.Select(f => $"'{f.Feature}' ({f.Known} values)")) + ". Choose features this data measures.", nameof(features));
        numeric = keep.Select(j => all[j]).ToArray();
        raw = keep.Select(j => raw[j]).ToArray();
        var medians = new double[numeric.Length];
        var missing = new int[numeric.Length];
        for (int j = 0; j < numeric.Length; j++)
        {
            var known = raw[j].Where(v => !double.IsNaN(v)).ToArray();
            if (known.Length == 0) throw new ArgumentException($"Feature '{numeric[j]}' has no values.", nameof(features));
            int infinite = Array.FindIndex(raw[j], double.IsInfinity);
            if (infinite >= 0)
                throw new ArgumentException($"Feature '{numeric[j]}' has {raw[j][infinite]} at row {infinite}; values must be finite (missing ones are imputed).", nameof(features));
            missing[j] = raw[j].Length - known.Length;
            medians[j] = SegmentProfiler.Describe(known).Median;
        }
        var imputation = new MedianImputation(numeric, medians, missing);
        // --log uses the signed log sign(x)·ln(1 + |x|): ln(1 + x) for x ≥ 0, and a net refund is transformed instead of failing; negatives are counted.
        var logged = (options.LogFeatures ?? []).Where(numeric.Contains).ToArray();
        var numericNames = numeric;
        var log = logged.Length > 0
            ? new Log1pTransformModel(logged)
            {
                Signed = true,
                NegativeInTraining = logged.Select(f => raw[Array.IndexOf(numericNames, f)].Count(v => v < 0)).ToArray(),
            }
            : null;
        // Fit the scaler on the imputed, logged values: run the chain without a scaler first.
        var unscaled = new FeaturePipeline(imputation, log, null, null, null).Transform(features, out _, out _);
        StandardScalerModel? standard = options.Scaling == ScalingMethod.ZScore ? new StandardScaler().Fit(unscaled) : null;
        RobustScalerModel? robust = options.Scaling == ScalingMethod.Robust ? new RobustScaler().Fit(unscaled) : null;
        OneHotEncoderModel? encoder = categorical.Length > 0 ? new OneHotEncoder(new OneHotEncoderOptions(UnknownCategoryHandling.AllZeros)).Fit(features, categorical) : null;
        var pipeline = new FeaturePipeline(imputation, log, standard, robust, encoder);
        return (pipeline, pipeline.Transform(features, out _, out _));

    }

    /// <summary>Validation of the partition <paramref name="labels"/> of the clustering space <paramref name="x"/>; bootstrap refits use the model's method and options.</summary>
    internal static ValidationReport Validate(DataFrame features, FeatureMatrix x, int[] labels, SegmentationOptions options, ValidationOptions? validation,
        ClusteringMethod method, EquatableArray<EquatableArray<double>> centroids)
    {
        int k = centroids.Length, d = x.Columns;
        var fixedModel = new CentroidAssigner(centroids.Flatten(d), k, d);
        ISegmentAssigner Refit(FeatureMatrix sample, int run) => run == 0 ? fixedModel : Refitted(sample, options, method, run);
        var validationOptions = (validation ?? new ValidationOptions()) with { Seed = options.Seed };
        return new SegmentationValidator(validationOptions).Validate(x, labels, Refit, SeparationFeatures(features, options.IdColumn));
    }

    /// <summary>Bootstrap stability of the frozen centroids' partition of <paramref name="x"/>, refitting the model's method and options
    /// (seed: the model's): the stability part of <see cref="Validate"/>.</summary>
    internal static StabilitySummary Stability(FeatureMatrix x, SegmentationOptions options, int bootstraps, ClusteringMethod method,
        EquatableArray<EquatableArray<double>> centroids)
    {
        int k = centroids.Length, d = x.Columns;
        var fixedModel = new CentroidAssigner(centroids.Flatten(d), k, d);
        ISegmentAssigner Refit(FeatureMatrix sample, int run) => run == 0 ? fixedModel : Refitted(sample, options, method, run);
        return new SegmentationValidator(new ValidationOptions(Bootstraps: bootstraps, Seed: options.Seed)).Stability(x, Refit);
    }

    /// <summary>Profiles with the model's profiler options.</summary>
    internal static SegmentProfiles Profile(DataFrame features, int[] labels, SegmentationOptions options) =>
        new SegmentProfiler(options.Profile ?? new SegmentProfilerOptions(IdColumn: options.IdColumn)).Profile(features, labels);

    /// <summary>The namer of a model: the default vocabulary with the options' labels of unknown columns.</summary>
    internal static SegmentNamer Namer(SegmentationOptions options) =>
        new(options.FeatureLabels is { Count: > 0 } labels ? NamingVocabulary.Default with { Labels = labels } : NamingVocabulary.Default);

    /// <summary>The segments with the names (and keys, descriptions) of <paramref name="names"/>.</summary>
    internal static EquatableArray<SegmentDefinition> Define(IReadOnlyList<SegmentDefinition> segments, IReadOnlyList<SegmentName> names) =>
        segments.Select(s => names.First(n => n.Segment == s.Segment) is var name
            ? s with { Key = name.Key, NameZh = name.Zh, NameEn = name.En, DescriptionZh = name.DescriptionZh, DescriptionEn = name.DescriptionEn, Unstable = name.Unstable }
            : s).ToEquatableArray();

    internal static (EquatableArray<EquatableArray<double>> Centroids, ClusteringMethod Method, int? Iterations, bool? Converged, int[] Labels) Cluster(FeatureMatrix x, SegmentationOptions options)
    {
        var method = options.Method == ClusteringMethod.Ward && x.Rows > options.TwoStepAbove ? ClusteringMethod.TwoStep : options.Method;
        switch (method)
        {
            case ClusteringMethod.KMeans:
                var km = new KMeans(new KMeansOptions(options.Clusters, options.Restarts, Seed: options.Seed)).Fit(x);
                return (km.Centroids, method, km.Iterations, km.Converged, km.Predict(x));
            case ClusteringMethod.Ward:
                var ward = new WardClustering(new WardOptions(options.Clusters)).Fit(x);
                return (ward.Centroids, method, null, null, ward.Labels.ToArray());
            default:
                var two = new TwoStepClustering(new TwoStepOptions(options.Clusters, options.MicroClusters, Seed: options.Seed)).Fit(x);
                return (two.Centroids, method, null, null, two.Predict(x));
        }
    }

    private static ISegmentAssigner Refitted(FeatureMatrix sample, SegmentationOptions options, ClusteringMethod method, int run) => method switch
    {
        ClusteringMethod.KMeans => new KMeans(new KMeansOptions(options.Clusters, options.Restarts, Seed: options.Seed + run)).Fit(sample),
        ClusteringMethod.Ward => new WardClustering(new WardOptions(options.Clusters)).Fit(sample),
        _ => new TwoStepClustering(new TwoStepOptions(options.Clusters, options.MicroClusters, Seed: options.Seed + run)).Fit(sample),
    };

    /// <summary>Every numeric column except the id, raw (NaN = missing), for the separation tests.</summary>
    private static FeatureMatrix SeparationFeatures(DataFrame frame, string idColumn)
    {
        var candidates = frame.Columns.Where(c => c.Name != idColumn && FrameColumns.IsNumeric(c)).Select(c => c.Name).ToArray();
        var raw = FeaturePipeline.RawNumbers(frame, candidates);
        // A column measured for (nearly) nobody cannot separate anything: left out, as in the model and the profiles.
        var measured = Enumerable.Range(0, candidates.Length)
            .Where(j => raw[j].Count(v => !double.IsNaN(v)) is var c && c > 0 && c >= MinimumKnownShare * raw[j].Length).ToArray();
        var names = measured.Select(j => candidates[j]).ToArray();
        var columns = measured.Select(j => raw[j]).ToArray();
        int n = checked((int)frame.Rows.Count), p = names.Length;
        var values = new double[n * p];
        for (int j = 0; j < p; j++) for (int i = 0; i < n; i++) values[i * p + j] = columns[j][i];
        return new FeatureMatrix(values, n, p, names);
    }

    /// <summary>Fixed centroids as an assigner (the fitted model inside the bootstrap).</summary>
    private sealed class CentroidAssigner(double[] flat, int k, int d) : ISegmentAssigner
    {
        public int SegmentCount => k;

        public int[] Predict(FeatureMatrix data) => NearestCentroid.Predict(flat, k, data, d);
    }
}
