using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Models;

/// <summary>
/// A fitted, named and validated segmentation — the versioned artifact (JSON, <see cref="SchemaVersion"/> 1) that
/// assigns new customers with frozen transforms and centroids. Built by <see cref="SegmentationModelBuilder"/>.
/// </summary>
/// <remarks>
/// Assignment: numeric features missing in a row are replaced by the training median (counted in
/// <see cref="SegmentAssignment.Imputed"/>); ln(1 + x) and the scaler fitted in training are applied; categorical values
/// not seen in training are encoded as all zeros (counted in <see cref="SegmentAssignment.UnknownCategories"/>); a new row
/// goes to the nearest centroid (Euclidean; lowest index on ties). The training rows themselves keep their training
/// segment (for Ward, the cut of the tree), which the nearest-centroid rule may differ from (<see cref="ClusteringSummary.ReassignedRows"/>). The file holds no timestamp or machine name, so the
/// same data, options and seed give byte-identical files.
/// </remarks>
/// <param name="SchemaVersion">Version of this file format (1).</param>
/// <param name="Fingerprint">SHA-256 of the training data, the sample when there is one (<see cref="DataFingerprint"/>).</param>
/// <param name="TrainingRows">Customers in the training data (the sample's rows when <see cref="Sample"/> is set).</param>
/// <param name="Options">The options the model was fitted with.</param>
/// <param name="NumericFeatures">Numeric clustering features, in order.</param>
/// <param name="CategoricalFeatures">One-hot encoded clustering features.</param>
/// <param name="Imputation">Training medians for missing numeric values.</param>
/// <param name="Log">ln(1 + x) columns, or null.</param>
/// <param name="StandardScaler">Fitted z-score scaler, or null.</param>
/// <param name="RobustScaler">Fitted robust scaler, or null.</param>
/// <param name="Encoder">Fitted one-hot encoder, or null.</param>
/// <param name="ModelColumns">Columns of the clustering space (the centroids' coordinates).</param>
/// <param name="Clustering">Method used and its fit summary.</param>
/// <param name="Segments">The segments, by index (largest first), with their effective names.</param>
/// <param name="GeneratedNames">The names <see cref="SegmentNamer"/> generated, before overrides.</param>
/// <param name="Overrides">The analyst's name overrides.</param>
/// <param name="Profiles">Segment profiles on the training data.</param>
/// <param name="Validation">Validation on the training data.</param>
public sealed record SegmentationModel(
    int SchemaVersion,
    string Fingerprint,
    int TrainingRows,
    SegmentationOptions Options,
    EquatableArray<string> NumericFeatures,
    EquatableArray<string> CategoricalFeatures,
    MedianImputation Imputation,
    Log1pTransformModel? Log,
    StandardScalerModel? StandardScaler,
    RobustScalerModel? RobustScaler,
    OneHotEncoderModel? Encoder,
    EquatableArray<string> ModelColumns,
    ClusteringSummary Clustering,
    EquatableArray<SegmentDefinition> Segments,
    EquatableArray<SegmentName> GeneratedNames,
    EquatableArray<NameOverride> Overrides,
    SegmentProfiles Profiles,
    ValidationReport Validation) : FittedModel<SegmentationModel>, ISegmentAssigner, IJsonOnDeserialized
{
    /// <summary>The file format version this code writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The seeded sample the model was fitted, validated and profiled on (<see cref="TrainingRows"/> of
    /// <see cref="TrainingSample.Population"/> rows), or null when it was fitted on every row. Not written to the file when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrainingSample? Sample { get; init; }

    /// <summary>Clustering features left out because they were measured for fewer than
    /// <see cref="SegmentationModelBuilder.MinimumKnownShare"/> of the training rows (e.g. a channel share without channel data);
    /// null when none was. Not written to the file when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EquatableArray<DroppedFeature>? DroppedFeatures { get; init; }

    /// <summary>The day the training features were taken at (data up to and including it), or null when not recorded (models
    /// saved before this field existed, or fitted outside the monthly job). A report month ending before it would be judged by a
    /// model that has seen later data (look-ahead): <see cref="Evaluation.MonthlyEvaluation"/> refuses it unless allowed.
    /// Not written to the file when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? TrainingSnapshot { get; init; }

    /// <summary>For a refit with lineage (<see cref="WithLineage"/>): the model it continues — the identity of that file (SHA-256,
    /// training fingerprint and snapshot), never its path — and the maximum match distance used; null for a model fitted afresh.
    /// Not written when null, so models without lineage keep their bytes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PreviousModelReference? PreviousModel { get; init; }

    /// <summary>For a refit with lineage: the previous model's segments no segment of this model continues; null without lineage.
    /// Not written when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EquatableArray<RetiredSegment>? RetiredSegments { get; init; }

    /// <summary>Number of segments.</summary>
    [JsonIgnore] public int SegmentCount => Segments.Count;

    private FeaturePipeline Pipeline => new(Imputation, Log, StandardScaler, RobustScaler, Encoder);

    /// <summary>The clustering-space matrix of <paramref name="customers"/> (frozen transforms; see the remarks).</summary>
    /// <exception cref="ArgumentException">A feature column is missing or not numeric.</exception>
    public FeatureMatrix Transform(DataFrame customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Pipeline.Transform(customers, out _, out _);
    }

    /// <summary>The segment of every customer of <paramref name="customers"/>, with the imputation and unknown-category counts.</summary>
    /// <exception cref="ArgumentException">A feature column is missing or not numeric.</exception>
    public SegmentAssignment Assign(DataFrame customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var x = Pipeline.Transform(customers, out var imputed, out var unknown);
        var segments = Segment(customers, x);
        string?[]? ids = customers.Columns.IndexOf(Options.IdColumn) >= 0 ? FrameColumns.Keys(customers, Options.IdColumn, nameof(customers), out _) : null;
        return new SegmentAssignment(ids, segments, Segments,
            NumericFeatures.Select((f, j) => new FeatureCount(f, imputed[j])).Where(c => c.Count > 0).ToArray(),
            CategoricalFeatures.Select((f, j) => new FeatureCount(f, unknown.Length > j ? unknown[j] : 0)).Where(c => c.Count > 0).ToArray());
    }

    /// <summary>
    /// The segment of every row: the training partition when <paramref name="customers"/> is the training data (same
    /// <see cref="DataFingerprint"/>) of a Ward or two-step model whose partition differs from the nearest-centroid cells
    /// (<see cref="ClusteringSummary.ReassignedRows"/> &gt; 0) — recomputed, the method being deterministic — else the nearest centroid.
    /// </summary>
    private int[] Segment(DataFrame customers, FeatureMatrix x)
    {
        var nearest = Predict(x);
        if (Clustering.Method == ClusteringMethod.KMeans || Clustering.ReassignedRows == 0 || x.Rows != TrainingRows
            || DataFingerprint.Compute(customers, NumericFeatures, CategoricalFeatures, Options.IdColumn) != Fingerprint)
            return nearest;
        var (centroids, _, _, _, partition) = SegmentationModelBuilder.Cluster(x, Options);
        // A cluster's mean is its segment's centroid (the same rows): the nearest segment centroid finds it.
        int d = ModelColumns.Length;
        var map = Predict(new FeatureMatrix(centroids.Flatten(d), centroids.Length, d, ModelColumns.ToArray()));
        return partition.Select(j => map[j]).ToArray();
    }

    /// <summary>Nearest centroid of every row of an already transformed matrix.</summary>
    public int[] Predict(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = ModelColumns.Length;
        var flat = new double[Segments.Count * d];
        for (int s = 0; s < Segments.Count; s++) Segments[s].Centroid.CopyTo(flat.AsSpan(s * d, d));
        return NearestCentroid.Predict(flat, Segments.Count, data, d);
    }

    /// <summary>
    /// Validates the model's segments on <paramref name="customers"/> (assigned with the frozen model): indices, bootstrap
    /// stability (refitting the model's method), separability. On the training data with the training options this
    /// reproduces <see cref="Validation"/> exactly. With <see cref="SegmentationOptions.TrainingSampleSize"/>, a larger table is
    /// validated on its seeded sample (<see cref="SegmentationModelBuilder.TrainingData"/>), as in training.
    /// </summary>
    /// <param name="customers">The feature table.</param>
    /// <param name="options">Validation settings; null = those the model was fitted with. The seed is the model's.</param>
    public ValidationReport Validate(DataFrame customers, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        customers = SegmentationModelBuilder.TrainingData(customers, Options);
        var x = Transform(customers);
        var labels = Segment(customers, x);
        return SegmentationModelBuilder.Validate(customers, x, labels, Options, options ?? Options.Validation, Clustering.Method,
            Segments.Select(s => s.Centroid).ToEquatableArray());
    }

    /// <summary>
    /// Bootstrap stability of the model's segments on customers already in the clustering space (<see cref="Transform"/>), e.g. a
    /// later month's: the frozen model's partition against <paramref name="bootstraps"/> refits of the model's method on bootstrap
    /// samples (Hennig's clusterboot, seed: the model's), the stability part of <see cref="Validate"/>. A segment whose mean
    /// Jaccard falls below 0.6 is no longer reproduced by the data. Segments are numbered as <see cref="Segments"/>.
    /// </summary>
    /// <param name="x">Transformed customers.</param>
    /// <param name="bootstraps">Refits (B).</param>
    /// <param name="maxRows">Above this many rows — or above <see cref="TrainingRows"/>, so that a refit never costs more than the
    /// fit did (Ward is quadratic) — a seeded uniform sample of that many (the training sample's draw) is assessed.</param>
    public StabilitySummary Stability(FeatureMatrix x, int bootstraps = 20, int maxRows = 20_000)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(bootstraps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 2);
        if (x.Columns != ModelColumns.Length)
            throw new ArgumentException($"The data have {x.Columns} columns; the model's clustering space has {ModelColumns.Length}.", nameof(x));
        maxRows = Math.Max(2, Math.Min(maxRows, TrainingRows));
        if (x.Rows > maxRows)
        {
            var rows = SegmentationModelBuilder.SampleRows(x.Rows, maxRows, SegmentationModelBuilder.SampleSeed(Options.Seed));
            var values = new double[rows.Length * x.Columns];
            for (int i = 0; i < rows.Length; i++) x.Row(rows[i]).CopyTo(values.AsSpan(i * x.Columns, x.Columns));
            x = new FeatureMatrix(values, rows.Length, x.Columns, x.ColumnNames);
        }
        return SegmentationModelBuilder.Stability(x, Options, bootstraps, Clustering.Method, Segments.Select(s => s.Centroid).ToEquatableArray());
    }

    /// <summary>Profiles <paramref name="customers"/> by their assigned segment (with the model's profiler options).</summary>
    public SegmentProfiles Profile(DataFrame customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return SegmentationModelBuilder.Profile(customers, Segment(customers, Transform(customers)), Options);
    }

    /// <summary>The same model with the analyst's names (replacing any earlier overrides).</summary>
    /// <exception cref="ArgumentException">An override names an unknown segment, or names become ambiguous.</exception>
    public SegmentationModel WithOverrides(IReadOnlyList<NameOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var names = SegmentNamer.ApplyOverrides(GeneratedNames, overrides);
        // Define keeps each segment's other fields (lineage included).
        return this with { Overrides = overrides.ToArray(), Segments = SegmentationModelBuilder.Define(Segments, names) };
    }

    /// <summary>
    /// This model (a refit) with the lineage of <paramref name="previous"/>: segments matched to a previous one
    /// (<see cref="SegmentLineage.Compute"/>) keep its key and names and record <see cref="SegmentDefinition.MatchedFrom"/> and
    /// <see cref="SegmentDefinition.MatchDistance"/>; new segments keep their generated names (marked new where a name of the previous
    /// model would clash); the previous model's unmatched segments are listed in <see cref="RetiredSegments"/>. Centroids, sizes,
    /// validation and profiles are unchanged; the kept names become the <see cref="GeneratedNames"/> and the analyst's overrides of this
    /// fit still apply on top.
    /// </summary>
    /// <exception cref="ArgumentException">The models do not cluster on the same features (the message names them), or an option is invalid.</exception>
    public SegmentationModel WithLineage(SegmentationModel previous, LineageOptions? options = null)
    {
        var lineage = SegmentLineage.Compute(previous, this, options);
        var names = lineage.Names(previous, GeneratedNames, SegmentationModelBuilder.Namer(Options).Vocabulary);
        var segments = SegmentationModelBuilder.Define(Segments, SegmentNamer.ApplyOverrides(names, Overrides))
            .Select(s => lineage.Matches[s.Segment] is { PreviousSegment: not null } m ? s with { MatchedFrom = m.PreviousKey, MatchDistance = m.Distance } : s with { MatchedFrom = null, MatchDistance = null })
            .ToEquatableArray();
        return this with { GeneratedNames = names, Segments = segments, PreviousModel = lineage.Previous, RetiredSegments = lineage.Retired };
    }

    /// <summary>Checks what was read (called by the serializer, so every load checks it): the schema version and the parts a model cannot lack.</summary>
    /// <exception cref="InvalidDataException">Not a segmentation model of a supported schema version (<see cref="Serialization.ModelJson"/> adds the file name).</exception>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (SchemaVersion != CurrentSchemaVersion)
            throw new InvalidDataException($"segmentation model schema version {SchemaVersion}; this version reads {CurrentSchemaVersion}.");
        if (Segments is null || ModelColumns is null || Imputation is null)
            throw new InvalidDataException("not a segmentation model (segments, modelColumns or imputation missing).");
    }

    /// <summary>Culture-invariant summary: method, k, sizes and names.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"SegmentationModel {Clustering.Method} k={SegmentCount} on {TrainingRows} rows × [{string.Join(", ", ModelColumns)}], within SS {Clustering.WithinSumOfSquares:G8}\n");
        foreach (var s in Segments)
            sb.Append(inv, $"  {s.Segment} {s.Key}: {s.NameZh} / {s.NameEn} — {s.Size} ({s.Share:P1})")
              .Append(PreviousModel is null ? "\n" : s.MatchedFrom is { } from ? string.Create(inv, $", continues {from} (distance {s.MatchDistance:F3})\n") : ", new\n");
        foreach (var r in RetiredSegments ?? []) sb.Append(inv, $"  retired {r.Key}: {r.NameZh} / {r.NameEn}\n");
        return sb.ToString().TrimEnd('\n');
    }
}
