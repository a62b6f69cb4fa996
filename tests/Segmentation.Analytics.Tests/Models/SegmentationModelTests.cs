using Microsoft.Data.Analysis;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Validation;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Models;

public sealed class SegmentationModelTests
{
    [Fact]
    public void Fitting_twice_with_the_same_seed_gives_byte_identical_model_files()
    {
        var (first, _) = SampleSegmentation.Fit;
        var second = new SegmentationModelBuilder(SampleSegmentation.Options).Fit(SampleSegmentation.Features);
        using var dir = new TempDirectory();
        first.Save(dir.File("a.json"));
        second.Save(dir.File("b.json"));
        Assert.Equal(File.ReadAllBytes(dir.File("a.json")), File.ReadAllBytes(dir.File("b.json")));
        var text = File.ReadAllText(dir.File("a.json"));
        Assert.DoesNotContain(Environment.MachineName, text);
        Assert.Contains("\"schemaVersion\": 1", text);
    }

    [Fact]
    public void Kmeans_on_the_planted_features_recovers_the_planted_segments()
    {
        var (_, labels) = SampleSegmentation.Fit;
        var keys = SampleSegmentation.Planted.Values.Distinct().Order().ToList();
        var truth = SampleSegmentation.Ids.Select(id => keys.IndexOf(SampleSegmentation.Planted[id])).ToArray();
        // data/sample/README.md: scikit-learn k-means on these features reaches ARI 0.945–0.968.
        Assert.True(AdjustedRandIndex.Compute(labels, truth) >= 0.94);
    }

    [Fact]
    public void Assign_on_the_training_data_reproduces_the_training_labels()
    {
        var (model, labels) = SampleSegmentation.Fit;
        var assignment = model.Assign(SampleSegmentation.Features);
        Assert.Equal(labels, assignment.Segments);
        Assert.Equal(SampleSegmentation.Ids, assignment.CustomerIds);
        Assert.Equal(model.Segments.Select(s => s.Size), assignment.Sizes);
        // Segments are numbered by size, largest first.
        Assert.Equal(model.Segments.Select(s => s.Size).OrderDescending(), model.Segments.Select(s => s.Size));
        // The 3 customers without purchases have no recency, order value or online share: imputed and counted.
        Assert.Equal([("recency_days", 3), ("avg_order_value", 3), ("online_share", 3)], assignment.Imputed.Select(c => (c.Feature, c.Count)));
        Assert.Equal([3, 0, 3, 3], model.Imputation.MissingInTraining);
    }

    [Fact]
    public void A_saved_and_loaded_model_assigns_identically()
    {
        var (model, labels) = SampleSegmentation.Fit;
        using var dir = new TempDirectory();
        model.Save(dir.File("model.json"));
        var loaded = SegmentationModel.Load(dir.File("model.json"));
        Assert.Equal(labels, loaded.Assign(SampleSegmentation.Features).Segments);
        Assert.Equal(model.ToJson(), loaded.ToJson());
        Assert.Equal(model.Segments.Select(s => s.NameZh), loaded.Segments.Select(s => s.NameZh));
    }

    [Fact]
    public void Revalidating_the_training_data_reproduces_the_stored_validation()
    {
        var (model, _) = SampleSegmentation.Fit;
        var again = model.Validate(SampleSegmentation.Features);
        Assert.Equal(ModelJson.Serialize(model.Validation), ModelJson.Serialize(again));
        Assert.True(model.Validation.Indices.Silhouette > 0.5);
        Assert.True(model.Validation.Separability.LdaAccuracy > 0.95);
        Assert.True(model.Validation.Stability!.AllReproduced);
    }

    [Fact]
    public void A_missing_value_is_replaced_by_the_training_median_and_counted()
    {
        var (model, labels) = SampleSegmentation.Fit;
        int row = Array.FindIndex(labels, l => l == 0);
        var frame = SampleSegmentation.Features.Clone();
        var withGap = frame.Clone();
        withGap["online_share"][row] = null;
        var filled = frame.Clone();
        filled["online_share"][row] = model.Imputation.Medians[model.NumericFeatures.AsSpan().IndexOf("online_share")];
        var a = model.Assign(withGap);
        Assert.Equal(model.Assign(filled).Segments[row], a.Segments[row]);
        Assert.Equal(4, a.Imputed.Single(c => c.Feature == "online_share").Count);
    }

    [Fact]
    public void Unknown_categories_are_encoded_as_all_zeros_and_counted()
    {
        var frame = SmallFrame(["a", "a", "a", "b", "b", "b"]);
        var model = new SegmentationModelBuilder(new SegmentationOptions(["x"], 2, CategoricalFeatures: ["kind"], Seed: 1, Restarts: 2,
            Validation: new ValidationOptions(Bootstraps: 0))).Fit(frame);
        Assert.Equal(["x", "kind=a", "kind=b"], model.ModelColumns);
        var fresh = SmallFrame(["a", "c", "c", "b", "b", "b"]);
        var assignment = model.Assign(fresh);
        Assert.Equal(("kind", 2), (assignment.UnknownCategories.Single().Feature, assignment.UnknownCategories.Single().Count));
        var x = model.Transform(fresh);
        Assert.Equal([0.0, 0.0], [x[1, 1], x[1, 2]]);
        Assert.Equal(model.Assign(frame).Segments, new SegmentationModelBuilder(model.Options).FitWithLabels(frame).Labels);
    }

    [Fact]
    public void Ward_segments_are_nearest_centroid_cells_so_assignment_reproduces_them()
    {
        var subset = SampleSegmentation.Features.Head(1200);
        var options = SampleSegmentation.Options with { Method = ClusteringMethod.Ward, Validation = new ValidationOptions(Bootstraps: 0) };
        var (model, labels) = new SegmentationModelBuilder(options).FitWithLabels(subset);
        Assert.Equal(ClusteringMethod.Ward, model.Clustering.Method);
        Assert.Equal(labels, model.Assign(subset).Segments);
        Assert.InRange(model.Clustering.ReassignedRows, 0, 1200);
        var twoStep = new SegmentationModelBuilder(options with { TwoStepAbove = 1000, MicroClusters = 50 }).Fit(subset);
        Assert.Equal(ClusteringMethod.TwoStep, twoStep.Clustering.Method);
    }

    [Fact]
    public void The_fingerprint_ignores_row_order_and_sees_every_value()
    {
        var frame = SampleSegmentation.Features.Head(300);
        string[] numeric = ["frequency", "age"];
        string[] categorical = ["gender"];
        var fingerprint = DataFingerprint.Compute(frame, numeric, categorical, "customer_id");
        var reversed = frame.Filter(new PrimitiveDataFrameColumn<long>("i", Enumerable.Range(0, 300).Reverse().Select(i => (long)i)));
        Assert.Equal(fingerprint, DataFingerprint.Compute(reversed, numeric, categorical, "customer_id"));
        var changed = frame.Clone();
        changed["age"][17] = 99L; // age is a BIGINT column from DuckDB
        Assert.NotEqual(fingerprint, DataFingerprint.Compute(changed, numeric, categorical, "customer_id"));
        Assert.NotEqual(fingerprint, DataFingerprint.Compute(frame, ["age", "frequency"], categorical, "customer_id"));
        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
    }

    [Fact]
    public void Bad_options_name_the_option_and_the_value()
    {
        var frame = SmallFrame(["a", "a", "a", "b", "b", "b"]);
        var e = Assert.Throws<ArgumentException>(() => new SegmentationModelBuilder(new SegmentationOptions(["x", "nope"], 2)).Fit(frame));
        Assert.Contains("nope", e.Message);
        var log = Assert.Throws<ArgumentException>(() => new SegmentationModelBuilder(new SegmentationOptions(["x"], 2, LogFeatures: ["y"])).Fit(frame));
        Assert.Equal("LogFeatures", log.ParamName);
        var k = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentationModelBuilder(new SegmentationOptions(["x"], 1)).Fit(frame));
        Assert.Equal("Clusters", k.ParamName);
    }

    [Fact]
    public void A_model_file_of_another_schema_version_is_refused()
    {
        var (model, _) = SampleSegmentation.Fit;
        var json = model.ToJson().Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2");
        var e = Assert.Throws<InvalidDataException>(() => SegmentationModel.FromJson(json, "m.json"));
        Assert.Contains("schema version 2", e.Message);
    }

    private static DataFrame SmallFrame(string[] kinds) => new(
        new StringDataFrameColumn("customer_id", ["c1", "c2", "c3", "c4", "c5", "c6"]),
        new DoubleDataFrameColumn("x", [1.0, 1.1, 0.9, 5.0, 5.2, 4.9]),
        new StringDataFrameColumn("kind", kinds));
}
