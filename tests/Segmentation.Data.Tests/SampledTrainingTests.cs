using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;

namespace Segmentation.Data.Tests;

/// <summary>
/// The monthly job builds the training table's columns only for the buyers its model fits on (the training sample) and the model's
/// inputs for every buyer: the model must be the one fitted on the whole training table, byte for byte, and the drift reference the
/// same.
/// </summary>
public sealed class SampledTrainingTests
{
    [Fact]
    public void A_model_fitted_on_the_drawn_buyers_alone_is_the_model_of_the_whole_training_table()
    {
        using var dir = new TempDirectory();
        var options = new MonthlyRunOptions(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), ModelPath: dir.File("model.json"))
        {
            TrainingSampleSize = 1_500,
        };
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(options.MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var run = MonthlyEvaluation.Run(ws, ws.Report, options);
        var model = SegmentationModel.Load(options.ModelPath!);
        Assert.True(run.ModelFitted);

        // The model of the whole training table (by the SQL, every column, every customer), as the job fitted it before.
        var trainingDay = model.TrainingSnapshot!.Value.ToDateTime(TimeOnly.MinValue);
        var all = CustomerFeatureTable.Build(ws, trainingDay);
        var buyers = MonthlyEvaluation.Buyers(all);
        Assert.True(buyers.Rows.Count > 1_500 && buyers.Rows.Count < all.Rows.Count, $"{buyers.Rows.Count} buyers of {all.Rows.Count}");
        var expected = new SegmentationModelBuilder(MonthlyEvaluation.FitOptions(options, buyers.Rows.Count)).Fit(buyers) with { TrainingSnapshot = model.TrainingSnapshot };
        Assert.Equal(new TrainingSample(1_500, (int)buyers.Rows.Count, SegmentationModelBuilder.SampleSeed(expected.Options.Seed)), model.Sample);
        Assert.Equal(expected.ToJson(), model.ToJson());

        // The drift reference's training features are the model's inputs of every buyer of the whole table: each one's bins
        // (edges from the training values) and training shares.
        var matrix = expected.Transform(buyers);
        var drift = run.Result.Drift!;
        Assert.Equal(matrix.Columns, drift.Features.Count);
        foreach (var feature in drift.Features)
        {
            var column = matrix.Column(matrix.ColumnNames.ToList().IndexOf(feature.Name));
            var reference = PopulationStability.FromSamples(feature.Name, column, column);
            Assert.Equal(reference.Edges, feature.Edges);
            Assert.Equal(reference.Expected, feature.Expected);
        }
    }
}
