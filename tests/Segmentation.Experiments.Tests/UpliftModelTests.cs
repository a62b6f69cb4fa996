using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Segmentation.Experiments;

namespace Segmentation.Experiments.Tests;

/// <summary>The uplift model as a fitted model: FastTree kept as plain trees that score exactly as ML.NET, and new customers scored and targeted.</summary>
public sealed class UpliftModelTests
{
    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Converted { get; set; }
        public float Spend { get; set; }
    }

    [Fact]
    public void Exported_trees_score_exactly_as_ml_net_for_binary_and_continuous_outcomes()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 1500).Select(_ =>
        {
            float[] x = [(float)random.NextDouble(), random.Next(4), (float)(100 * random.NextDouble())];
            return new Row { Features = x, Converted = x[0] + (x[1] > 1 ? 0.5 : 0) + random.NextDouble() > 1.2, Spend = 3 * x[0] + x[1] + x[2] / 50 + (float)random.NextDouble() };
        }).ToArray();
        var ml = new MLContext(5);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3);
        var view = ml.Data.LoadFromEnumerable(rows, schema);

        var binary = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Converted), NumberOfTrees = 25, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 20, NumberOfThreads = 1, Seed = 5,
        }).Fit(view);
        var binaryTrees = BoostedTrees.From(binary.Model.SubModel.TrainedTreeEnsemble, binary.Model.Calibrator);
        var probabilities = binary.Transform(view).GetColumn<float>("Probability").ToArray();
        for (int i = 0; i < rows.Length; i++) Assert.Equal((double)probabilities[i], binaryTrees.Predict(rows[i].Features));

        var regression = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = nameof(Row.Spend), NumberOfTrees = 25, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 20, NumberOfThreads = 1, Seed = 5,
        }).Fit(view);
        var regressionTrees = BoostedTrees.From(regression.Model.TrainedTreeEnsemble, null);
        var scores = regression.Transform(view).GetColumn<float>("Score").ToArray();
        for (int i = 0; i < rows.Length; i++) Assert.Equal((double)scores[i], regressionTrees.Predict(rows[i].Features));
    }

    [Fact]
    public void The_fitted_model_scores_customers_it_never_saw_and_targets_those_with_the_planted_lift()
    {
        // Planted: the mail lifts spend by history / 10, so the model's lift must rise with history on new customers.
        var all = SyntheticExperiment.Create(seed: 21);
        var training = all.Subset(Enumerable.Range(0, all.Count).Where(i => i % 4 != 0).ToArray());
        var fresh = all.Subset(Enumerable.Range(0, all.Count).Where(i => i % 4 == 0).ToArray());
        var model = new UpliftLearner(new UpliftOptions(Outcome: "spend", Trees: 30, Leaves: 4, MinimumExampleCountPerLeaf: 20)).Fit(training);
        var scores = model.Predict(fresh);
        Assert.Equal(fresh.RowNumbers, scores.RowNumbers);
        // Only the features count: customers never treated (all in the control arm) score the same.
        Assert.Equal(scores.Predicted, model.Predict(fresh with { Arm = new int[fresh.Count] }).Predicted);
        var lift = scores.Lift(1);
        var history = fresh.NumericFeature("history");
        double low = Enumerable.Range(0, fresh.Count).Where(i => history[i] < 30).Average(i => lift[i]);
        double high = Enumerable.Range(0, fresh.Count).Where(i => history[i] > 70).Average(i => lift[i]);
        Assert.True(high > low + 3, $"mean lift {high:F2} for history > 70 vs {low:F2} for history < 30 (planted: about 8.5 vs 1.5)");

        var list = TargetingList.Select(scores, TargetingBudget.OfContacts(20));
        Assert.Equal(20, list.Customers.Count);
        var chosenHistory = list.Customers.Select(c => history[Array.IndexOf(fresh.RowNumbers, c.Row)]).Average();
        Assert.True(chosenHistory > history.Average(), $"targeted customers' mean history {chosenHistory:F1} vs everyone's {history.Average():F1}");
    }

    [Fact]
    public void A_category_never_seen_in_training_sets_no_indicator()
    {
        var data = SyntheticExperiment.Create();
        var model = new UpliftLearner(new UpliftOptions(Outcome: "spend", Trees: 5, Leaves: 4, MinimumExampleCountPerLeaf: 20)).Fit(data);
        var unseen = data with { CategoricalFeatures = new Dictionary<string, string[]> { ["channel"] = data.CategoricalFeatures["channel"].Select(_ => "kiosk").ToArray() } };
        var encoded = UpliftFeatures.Encode(unseen, model.Features);
        Assert.All(encoded.Rows, r => Assert.Equal(0f, r[1..].Sum()));
        Assert.Equal(data.Count, model.Predict(unseen).Count);
    }
}
