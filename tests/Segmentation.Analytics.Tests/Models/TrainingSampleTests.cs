using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Validation;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Models;

public sealed class TrainingSampleTests
{
    private static readonly SegmentationOptions Sampled = SampleSegmentation.Options with { TrainingSampleSize = 2_000 };

    private static readonly Lazy<(SegmentationModel Model, int[] Labels)> fit = new(() => new SegmentationModelBuilder(Sampled).FitWithLabels(SampleSegmentation.Features));

    [Fact]
    public void A_model_fitted_on_a_sample_records_it_and_equals_the_fit_on_the_drawn_rows()
    {
        var (model, _) = fit.Value;
        int population = (int)SampleSegmentation.Features.Rows.Count;
        Assert.Equal(new TrainingSample(2_000, population, SegmentationModelBuilder.SampleSeed(Sampled.Seed)), model.Sample);
        Assert.Equal(2_000, model.TrainingRows);
        Assert.Equal(2_000, model.Validation.Rows);
        Assert.Equal(2_000, model.Segments.Sum(s => s.Size));
        // The sample is what TrainingData draws: fitting those rows without the option gives the same segments.
        var drawn = SegmentationModelBuilder.TrainingData(SampleSegmentation.Features, Sampled);
        var direct = new SegmentationModelBuilder(Sampled with { TrainingSampleSize = null }).Fit(drawn);
        Assert.Null(direct.Sample);
        Assert.Equal(direct.Segments.Select(s => (s.Key, s.Size)), model.Segments.Select(s => (s.Key, s.Size)));
        Assert.Equal(direct.Segments.SelectMany(s => s.Centroid), model.Segments.SelectMany(s => s.Centroid));
        Assert.Equal(direct.Fingerprint, model.Fingerprint);
        // Validating the model on the whole table validates the same sample, reproducing the stored report.
        Assert.Equal(model.Validation.ToString(), model.Validate(SampleSegmentation.Features).ToString());
    }

    [Fact]
    public void The_fit_of_the_drawn_rows_alone_is_the_fit_of_the_whole_table()
    {
        // The monthly job makes only the drawn rows of a large table: FitDrawn on them must give Fit's model file, byte for byte.
        var (model, _) = fit.Value;
        int population = (int)SampleSegmentation.Features.Rows.Count;
        var rows = SegmentationModelBuilder.TrainingRows(population, Sampled);
        Assert.NotNull(rows);
        Assert.Equal(SegmentationModelBuilder.SampleRows(population, 2_000, SegmentationModelBuilder.SampleSeed(Sampled.Seed)), rows);
        var drawn = SegmentationModelBuilder.TrainingData(SampleSegmentation.Features, Sampled);
        Assert.Equal(model.ToJson(), new SegmentationModelBuilder(Sampled).FitDrawn(drawn, population).ToJson());
        // No sample from a table no larger than the size; a drawn table of another size, or options without a sample, are refused.
        Assert.Null(SegmentationModelBuilder.TrainingRows(2_000, Sampled));
        Assert.Null(SegmentationModelBuilder.TrainingRows(population, SampleSegmentation.Options));
        Assert.Throws<ArgumentException>(() => new SegmentationModelBuilder(Sampled).FitDrawn(drawn, 2_000));
        Assert.Throws<ArgumentException>(() => new SegmentationModelBuilder(SampleSegmentation.Options).FitDrawn(drawn, population));
        var fewer = SegmentationModelBuilder.TrainingData(drawn, Sampled with { TrainingSampleSize = 1_000 });
        Assert.Throws<ArgumentException>(() => new SegmentationModelBuilder(Sampled).FitDrawn(fewer, population));
    }

    [Fact]
    public void A_sampled_fit_labels_every_row_and_still_recovers_the_planted_segments()
    {
        var (model, labels) = fit.Value;
        Assert.Equal(SampleSegmentation.Features.Rows.Count, labels.Length);
        Assert.Equal(model.Assign(SampleSegmentation.Features).Segments, labels);
        var keys = SampleSegmentation.Planted.Values.Distinct().Order().ToList();
        var truth = SampleSegmentation.Ids.Select(id => keys.IndexOf(SampleSegmentation.Planted[id])).ToArray();
        // The full fit reaches ARI ≥ 0.94 (data/sample/README.md); 2 000 of 5 000 rows must not lose the planted structure.
        Assert.True(AdjustedRandIndex.Compute(labels, truth) >= 0.9);
    }

    [Fact]
    public void The_sample_is_seeded_sorted_and_without_repeats()
    {
        var a = SegmentationModelBuilder.SampleRows(10_000, 1_000, 42);
        Assert.Equal(a, SegmentationModelBuilder.SampleRows(10_000, 1_000, 42));
        Assert.NotEqual(a, SegmentationModelBuilder.SampleRows(10_000, 1_000, 43));
        Assert.Equal(1_000, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.All(a, i => Assert.InRange(i, 0, 9_999));
    }

    [Fact]
    public void Every_row_is_drawn_with_the_same_probability()
    {
        // 4 000 draws of 3 rows out of 10: each row is expected 1 200 times (p = 0.3); the binomial sd is √(4000·0.3·0.7) ≈ 29,
        // so ±150 (about 5 sd) fails only for a biased draw.
        var counts = new int[10];
        for (int seed = 0; seed < 4_000; seed++)
            foreach (int i in SegmentationModelBuilder.SampleRows(10, 3, seed)) counts[i]++;
        Assert.All(counts, c => Assert.InRange(c, 1_050, 1_350));
    }

    [Fact]
    public void A_table_no_larger_than_the_sample_size_is_fitted_whole_and_the_model_file_keeps_its_bytes()
    {
        var options = SampleSegmentation.Options with { TrainingSampleSize = 100_000 };
        Assert.Same(SampleSegmentation.Features, SegmentationModelBuilder.TrainingData(SampleSegmentation.Features, options));
        // The monthly job sets the option only when it bites, so the default model on the sample is the committed file.
        var run = new MonthlyRunOptions(new DateOnly(2026, 10, 1));
        static string Json(SegmentationOptions o) => ModelJson.Serialize(o);
        Assert.Equal(Json(run.DefaultModel), Json(MonthlyEvaluation.FitOptions(run, 4_842)));
        Assert.DoesNotContain("trainingSampleSize", Json(MonthlyEvaluation.FitOptions(run, 100_000)));
        Assert.Equal(100_000, MonthlyEvaluation.FitOptions(run, 100_001).TrainingSampleSize);
        Assert.Null(MonthlyEvaluation.FitOptions(run with { TrainingSampleSize = null }, 5_000_000).TrainingSampleSize);
    }

    [Fact]
    public void The_committed_model_without_a_sample_still_loads()
    {
        var model = SegmentationModel.Load(RepoPaths.Data("sample", "segmentation-model.json"));
        Assert.Null(model.Sample);
        Assert.Null(model.Options.TrainingSampleSize);
        Assert.DoesNotContain("\"sample\"", model.ToJson());
        Assert.DoesNotContain("trainingSampleSize", model.ToJson());
        var withSample = fit.Value.Model.ToJson();
        Assert.Contains("\"trainingSampleSize\": 2000", withSample);
        Assert.Equal(fit.Value.Model.Sample, SegmentationModel.FromJson(withSample).Sample);
    }

    [Fact]
    public void A_sample_size_not_above_k_is_rejected_naming_the_option()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (SampleSegmentation.Options with { TrainingSampleSize = 6 }).Validate());
        Assert.Equal("TrainingSampleSize", e.ParamName);
    }
}
