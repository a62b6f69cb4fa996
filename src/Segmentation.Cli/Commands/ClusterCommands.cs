using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Data;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Validation;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Cli.Commands;

/// <summary>
/// The segmentation commands: <c>seg features</c>, <c>seg cluster</c>, <c>seg kselect</c>, <c>seg validate</c>,
/// <c>seg assign</c>, <c>seg profile</c>.
/// </summary>
internal static class ClusterCommands
{
    /// <summary>All six commands, to be added to the root command.</summary>
    public static IEnumerable<Command> Create() => [Features(), Cluster(), KSelect(), Validate(), Assign(), Profile()];

    /// <summary><c>seg features --data DIR [--snapshot DATE] --out features.csv</c>.</summary>
    public static Command Features()
    {
        var data = CommonOptions.Data(required: false);
        var snapshot = new Option<string?>("--snapshot") { Description = "Snapshot day yyyy-MM-dd (default: the day of the last transaction)" };
        var output = new Option<string>("--out") { Description = "Output CSV: one row per customer, the columns of the feature catalog", Required = true };
        var average = new Option<bool>("--average-spend") { Description = "monetary = net spend per purchase occasion instead of net spend" };
        var import = ImportOptions.Create();
        var engine = EngineOptions.Create();
        var cmd = new Command("features", "The per-customer feature table (recency, frequency, monetary, behaviour, feedback, demographics) as CSV")
        {
            data, snapshot, output, average,
        };
        foreach (var option in engine.All.Concat(import.All)) cmd.Options.Add(option);
        cmd.SetAction(r => Program.Run(() =>
        {
            var snap = CommonOptions.ParseDate(r.GetValue(snapshot), "--snapshot");
            var ingest = import.Build(r, snap ?? DateTime.Today, null);
            using var session = engine.Open(r, r.GetValue(data), ingest);
            var day = snap ?? CommonOptions.LastTransactionDay(session.Engine);
            CommonOptions.RequireTransactionsBy(session.Engine, day, snap is null ? "transactions" : "--snapshot");
            var table = CustomerFeatureTable.Build(session.Engine, day, new FeatureTableOptions(r.GetValue(average) ? MonetaryMeasure.AveragePerOccasion : MonetaryMeasure.NetSpend));
            DataFrameCsv.Write(table, r.GetValue(output)!);
            CliOutput.Info(string.Create(CultureInfo.InvariantCulture, $"{session.Description}; snapshot {day:yyyy-MM-dd}: {table.Rows.Count:N0} customers × {table.Columns.Count - 1} features written to {r.GetValue(output)}"));
            return 0;
        }));
        return cmd;
    }

    private static Option<string> Input() => new("--input") { Description = "Feature CSV (one row per customer, customer_id + features; as written by seg features)", Required = true };

    private static Option<string> FeatureList() => new("--features") { Description = "Comma-separated numeric features to cluster on, e.g. recency_days,frequency,avg_order_value,online_share", Required = true };

    private static Option<string?> LogList() => new("--log") { Description = "Comma-separated features log-transformed before scaling: sign(x)·ln(1 + |x|) (= ln(1 + x) for x ≥ 0; negative values such as net refunds are counted and reported)" };

    private static Option<string> Scale() => new("--scale") { Description = "Scaling: zscore | robust | none", DefaultValueFactory = _ => "zscore" };

    private static Option<string?> CategoricalList() => new("--categorical") { Description = "Comma-separated categorical features to one-hot encode (0/1) and append" };

    private static Option<int> Seed() => new("--seed") { Description = "Seed of every random choice", DefaultValueFactory = _ => 0 };

    private static Option<string> ModelFile(string description) => new("--model") { Description = description, Required = true };

    /// <summary><c>seg cluster</c>: fit, validate, profile and name a segmentation; save the model.</summary>
    public static Command Cluster()
    {
        var input = Input();
        var features = FeatureList();
        var log = LogList();
        var scale = Scale();
        var categorical = CategoricalList();
        var k = new Option<int>("--k") { Description = "Number of segments", Required = true };
        var method = new Option<string>("--method") { Description = "kmeans | ward (two-step above 20 000 rows)", DefaultValueFactory = _ => "kmeans" };
        var seed = Seed();
        var restarts = new Option<int>("--restarts") { Description = "k-means++ restarts", DefaultValueFactory = _ => 10 };
        var bootstraps = new Option<int>("--bootstraps") { Description = "Bootstrap runs of the stability check (0 = skip)", DefaultValueFactory = _ => 20 };
        var output = new Option<string>("--out") { Description = "Model file (JSON)", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Also write customer_id, segment, segment_key, segment_zh, segment_en as CSV" };
        var previousModel = new Option<string?>("--previous-model") { Description = "The model this fit refits (seg cluster's JSON): segments are matched to its segments (Hungarian matching on centroid distance in its scaled space); matched ones keep its keys and names, the rest are new, its unmatched ones are recorded as retired" };
        var maxDistance = new Option<double?>("--max-distance") { Description = "With --previous-model: the largest centroid distance (its scaled units) for two segments to be the same; default half the smallest distance between two of its centroids" };
        var featureLabels = new Option<string[]>("--feature-labels") { Description = "Names for columns the vocabulary does not know, used in segment names: column=中文|English (repeatable), e.g. spending=消费评分|spending score", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("cluster", "Segment customers (k-means or Ward), validate, profile and name the segments (zh/en), and save the model as JSON")
        {
            input, features, log, scale, categorical, k, method, seed, restarts, bootstraps, output, labels, featureLabels, previousModel, maxDistance,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            if (r.GetValue(maxDistance) is double distance && !(distance > 0 && double.IsFinite(distance)))
                throw new UsageException($"--max-distance {distance.ToString(CultureInfo.InvariantCulture)}: give a positive distance (the previous model's scaled units).");
            if (r.GetValue(maxDistance) is not null && r.GetValue(previousModel) is null)
                throw new UsageException("--max-distance needs --previous-model (the model whose segments are matched).");
            var previous = r.GetValue(previousModel) is { } previousPath ? LoadPreviousModel(previousPath) : null;
            var frame = FeatureFile.Read(r.GetValue(input)!);
            if (r.GetValue(k) < 1 || r.GetValue(k) > Math.Min(100, frame.Rows.Count))
                throw new UsageException($"--k {r.GetValue(k)}: give between 1 and {Math.Min(100, frame.Rows.Count)} segments (at most 100, and no more than the {frame.Rows.Count:N0} customers)");
            var options = new SegmentationOptions(List(r.GetValue(features))!, r.GetValue(k),
                LogFeatures: List(r.GetValue(log)), Scaling: ParseScale(r.GetValue(scale)!), CategoricalFeatures: List(r.GetValue(categorical)),
                Method: ParseMethod(r.GetValue(method)!), Seed: r.GetValue(seed), Restarts: r.GetValue(restarts),
                Validation: new ValidationOptions(Bootstraps: r.GetValue(bootstraps)))
            {
                FeatureLabels = r.GetValue(featureLabels) is { Length: > 0 } given ? given.Select(ParseLabel).ToArray() : null,
            };
            var (model, training) = CliOutput.Progress($"fitting {options.Method} k = {options.Clusters} on {frame.Rows.Count:N0} customers",
                _ => new SegmentationModelBuilder(options).FitWithLabels(frame));
            if (previous is not null)
            {
                try { model = model.WithLineage(previous, new LineageOptions(r.GetValue(maxDistance))); }
                catch (ArgumentException e) { throw new UsageException($"--previous-model {r.GetValue(previousModel)}: {e.Message.Split(" (Parameter")[0]}"); }
            }
            model.Save(r.GetValue(output)!);
            var inv = CultureInfo.InvariantCulture;
            CliOutput.Info($"method {model.Clustering.Method}; inertia (within SS) {model.Clustering.WithinSumOfSquares.ToString("G8", inv)}; silhouette {model.Validation.Indices.Silhouette.ToString("F4", inv)}" +
                "");
            if (model.Clustering.Method != ClusteringMethod.KMeans) CliOutput.Info(NearestCentroidNote(model));
            foreach (var d in model.DroppedFeatures ?? [])
                CliOutput.Info($"{d.Feature}: known for {d.Known:N0} of {d.Rows:N0} customers (< 5 %): dropped from the model, the profiles and the names (missing is not zero)");
            if (model.Log is { NegativeInTraining: { } negatives } logModel)
                foreach (var (f, count) in logModel.Columns.Zip(negatives).Where(x => x.Second > 0))
                    CliOutput.Info($"{f}: {count:N0} negative values; --log applies the signed log sign(x)·ln(1 + |x|) (ln(1 + x) for x ≥ 0)");
            foreach (var m in model.NumericFeatures.Select((f, j) => (f, model.Imputation.MissingInTraining[j])).Where(x => x.Item2 > 0))
                CliOutput.Info($"{m.f}: {m.Item2} missing values replaced by the training median {model.Imputation.Medians[model.NumericFeatures.AsSpan().IndexOf(m.f)].ToString("G6", inv)}");
            SegmentTables.Segments(model.Segments);
            SegmentTables.Descriptions(model.Segments);
            if (model.PreviousModel is { } reference) SegmentTables.Lineage(model, reference);
            if (r.GetValue(labels) is { } path)
            {
                DataFrameCsv.Write(model.Assign(frame).ToDataFrame(), path);
                CliOutput.Info($"labels written to {path}");
            }
            CliOutput.Info($"model written to {r.GetValue(output)} (fingerprint {model.Fingerprint[..16]}…)");
            return 0;
        }));
        return cmd;
    }

    /// <summary><c>seg kselect</c>: indices over a range of k and a recommendation.</summary>
    public static Command KSelect()
    {
        var input = Input();
        var features = FeatureList();
        var log = LogList();
        var scale = Scale();
        var range = new Option<string>("--k") { Description = "Range of k, e.g. 2..10", DefaultValueFactory = _ => "2..10" };
        var seed = Seed();
        var restarts = new Option<int>("--restarts") { Description = "k-means++ restarts per k", DefaultValueFactory = _ => 10 };
        var gap = new Option<int>("--gap-sets") { Description = "Reference sets of the gap statistic (0 = skip)", DefaultValueFactory = _ => 10 };
        var cmd = new Command("kselect", "Choose the number of segments: inertia, silhouette, Calinski-Harabasz, Davies-Bouldin and gap for each k, and the k most indices agree on")
        {
            input, features, log, scale, range, seed, restarts, gap,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            var frame = FeatureFile.Read(r.GetValue(input)!);
            var (min, max) = ParseRange(r.GetValue(range)!);
            var options = new SegmentationOptions(List(r.GetValue(features))!, 2, LogFeatures: List(r.GetValue(log)), Scaling: ParseScale(r.GetValue(scale)!));
            var x = SegmentationModelBuilder.Prepare(frame, options);
            var result = CliOutput.Progress($"k = {min}..{max} on {x.Rows:N0} customers",
                _ => KSelection.Evaluate(x, new KSelectionOptions(min, max, r.GetValue(restarts), r.GetValue(seed), r.GetValue(gap))));
            var inv = CultureInfo.InvariantCulture;
            CliOutput.Table("Number of segments", ["k", "inertia", "silhouette", "Calinski-Harabasz", "Davies-Bouldin", "gap", "gap s.e."],
                result.Rows.Select(row => (IReadOnlyList<string>)[row.Clusters.ToString(inv), row.Inertia.ToString("G6", inv), row.Silhouette.ToString("F4", inv), row.CalinskiHarabasz.ToString("F1", inv),
                    row.DaviesBouldin.ToString("F4", inv), row.Gap?.ToString("F4", inv) ?? "–", row.GapStandardError?.ToString("F4", inv) ?? "–"]),
                new HashSet<int> { 0, 1, 2, 3, 4, 5, 6 });
            CliOutput.Info($"recommended k = {result.RecommendedClusters}. {result.Explanation}");
            return 0;
        }));
        return cmd;
    }

    /// <summary><c>seg validate</c>: indices, stability, separability and names of a model's segments on a feature file.</summary>
    public static Command Validate()
    {
        var input = Input();
        var model = ModelFile("Model file written by seg cluster");
        var json = new Option<string?>("--json") { Description = "Also write the validation report as JSON" };
        var bootstraps = new Option<int?>("--bootstraps") { Description = "Bootstrap runs (default: as when the model was fitted)" };
        var cmd = new Command("validate", "Validate a segmentation: internal indices, bootstrap stability per segment, LDA accuracy and the features that separate the segments (ANOVA, Kruskal-Wallis)")
        {
            input, model, json, bootstraps,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            var m = SegmentationModel.Load(r.GetValue(model)!);
            var frame = FeatureFile.Read(r.GetValue(input)!);
            var options = r.GetValue(bootstraps) is int b ? (m.Options.Validation ?? new ValidationOptions()) with { Bootstraps = b } : null;
            var report = CliOutput.Progress($"validating {m.SegmentCount} segments on {frame.Rows.Count:N0} customers", _ => m.Validate(frame, options));
            SegmentTables.Segments(m.Segments, m.Assign(frame).Sizes);
            SegmentTables.Validation(report, m.Segments);
            if (m.Clustering.Method != ClusteringMethod.KMeans) CliOutput.Info(NearestCentroidNote(m));
            if (r.GetValue(json) is { } path)
            {
                ModelJson.Save(report, path);
                CliOutput.Info($"validation report written to {path}");
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary><c>seg assign</c>: put customers into a saved model's segments.</summary>
    public static Command Assign()
    {
        var input = Input();
        var model = ModelFile("Model file written by seg cluster");
        var output = new Option<string>("--out") { Description = "Output CSV: customer_id, segment, segment_key, segment_zh, segment_en", Required = true };
        var cmd = new Command("assign", "Assign customers to the segments of a saved model (frozen transforms and centroids; missing numbers → training median, unknown categories → all-zero)")
        {
            input, model, output,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            var m = SegmentationModel.Load(r.GetValue(model)!);
            var frame = FeatureFile.Read(r.GetValue(input)!);
            var assignment = m.Assign(frame);
            DataFrameCsv.Write(assignment.ToDataFrame(), r.GetValue(output)!);
            SegmentTables.Segments(m.Segments, assignment.Sizes);
            foreach (var c in assignment.Imputed) CliOutput.Info($"{c.Feature}: {c.Count} missing values replaced by the training median");
            foreach (var c in assignment.UnknownCategories) CliOutput.Info($"{c.Feature}: {c.Count} values not seen in training (encoded as all zeros)");
            CliOutput.Info($"{assignment.Segments.Length:N0} customers written to {r.GetValue(output)}");
            return 0;
        }));
        return cmd;
    }

    /// <summary><c>seg profile</c>: profile the customers of a feature file by their segment.</summary>
    public static Command Profile()
    {
        var input = Input();
        var model = ModelFile("Model file written by seg cluster");
        var json = new Option<bool>("--json") { Description = "Print the profiles as JSON instead of tables" };
        var cmd = new Command("profile", "Segment profiles: size, value share, feature means with index and z-score, composition")
        {
            input, model, json,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            var m = SegmentationModel.Load(r.GetValue(model)!);
            var frame = FeatureFile.Read(r.GetValue(input)!);
            var profiles = m.Profile(frame);
            if (r.GetValue(json))
            {
                Console.Out.Write(ModelJson.Serialize(profiles) + "\n");
                return 0;
            }
            SegmentTables.Profiles(profiles, m.Segments);
            return 0;
        }));
        return cmd;
    }

    /// <summary>
    /// Reads the model <c>--previous-model</c> names. The person at the CLI may name any file, but only one regular file: a folder, a
    /// pattern, a device, FIFO or socket is refused (exit 2), as is a file that is not a segmentation model (exit 2, naming the file).
    /// </summary>
    private static SegmentationModel LoadPreviousModel(string path)
    {
        if (path.Length == 0 || Segmentation.Data.ConfinedPath.HasGlob(path))
            throw new UsageException($"--previous-model '{path}': name one model file (no pattern characters * ? [ ] {{ }}).");
        if (!File.Exists(path) && !Directory.Exists(path) && !Segmentation.Data.ConfinedPath.IsSpecial(path))
            throw new DataFileException(path, "--previous-model: the file does not exist");
        Segmentation.Data.ConfinedPath.Check(path, Path.GetDirectoryName(Path.GetFullPath(path))!, "--previous-model", path, trusted: true);
        try { return SegmentationModel.Load(path); }
        catch (InvalidDataException e) { throw new InvalidDataException("--previous-model " + e.Message, e); }
    }

    /// <summary>Ward and two-step: the training rows keep the hierarchical partition; the count the nearest-centroid rule would move.</summary>
    private static string NearestCentroidNote(SegmentationModel m) => string.Create(CultureInfo.InvariantCulture,
        $"training customers keep the {m.Clustering.Method} partition; the model assigns new customers to the nearest centroid, a rule that would move {m.Clustering.ReassignedRows:N0} of the {m.TrainingRows:N0} training customers ({100.0 * m.Clustering.ReassignedRows / m.TrainingRows:F1} %)");

    private static Segmentation.Analytics.Profiling.FeatureLabel ParseLabel(string text)
    {
        try { return Segmentation.Analytics.Profiling.FeatureLabel.Parse(text); }
        catch (FormatException e) { throw new UsageException("--feature-labels " + e.Message); }
    }

    private static string[]? List(string? value) =>
        value is null ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } names ? names : throw new UsageException("an empty feature list was given.");

    private static ScalingMethod ParseScale(string value) => value.ToLowerInvariant() switch
    {
        "zscore" => ScalingMethod.ZScore,
        "robust" => ScalingMethod.Robust,
        "none" => ScalingMethod.None,
        _ => throw new UsageException($"--scale '{value}': use zscore, robust or none."),
    };

    private static ClusteringMethod ParseMethod(string value) => value.ToLowerInvariant() switch
    {
        "kmeans" or "k-means" => ClusteringMethod.KMeans,
        "ward" => ClusteringMethod.Ward,
        _ => throw new UsageException($"--method '{value}': use kmeans or ward."),
    };

    private static (int Min, int Max) ParseRange(string value)
    {
        var parts = value.Split("..");
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b) && a >= 2 && b >= a)
            return (a, b);
        throw new UsageException($"--k '{value}': give a range MIN..MAX with 2 ≤ MIN ≤ MAX, e.g. 2..10.");
    }
}
