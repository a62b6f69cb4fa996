using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using Segmentation.Analytics;

namespace Segmentation.Experiments;

/// <summary>
/// The outcome model of one arm: a boosted tree ensemble trained by ML.NET FastTree, held as plain data so that it saves
/// through <see cref="Analytics.Serialization.ModelJson"/> and scores without ML.NET. The score is
/// s = Bias + Σ_t w_t·tree_t(x), rounded to single precision; a binary outcome's prediction is <see cref="Calibration"/>(s).
/// A constant training outcome (an arm without a single conversion) is a model with no trees that predicts <see cref="Bias"/>.
/// </summary>
/// <remarks>Reproduces FastTree's own scoring bit for bit (a test compares them): single-precision features and thresholds,
/// double-precision leaf sums in tree order, the sum cast to single precision, Platt's sigmoid for probabilities.</remarks>
/// <param name="Bias">Constant added to the tree outputs (the whole prediction when there are no trees).</param>
/// <param name="TreeWeights">Weight of each tree.</param>
/// <param name="Trees">The trees, in boosting order.</param>
/// <param name="Calibration">The sigmoid of a binary classifier; null for a regression or a constant model.</param>
public sealed record BoostedTrees(double Bias, EquatableArray<double> TreeWeights, EquatableArray<DecisionTree> Trees, PlattScaling? Calibration)
{
    /// <summary>A model that predicts <paramref name="value"/> for everyone.</summary>
    public static BoostedTrees Constant(double value) => new(value, [], [], null);

    /// <summary>The predicted outcome of one customer's features (a probability for a binary outcome).</summary>
    public double Predict(ReadOnlySpan<float> features)
    {
        if (Trees.Length == 0 && Calibration is null) return Bias;
        double sum = Bias;
        for (int t = 0; t < Trees.Length; t++) sum += TreeWeights[t] * Trees[t].Output(features);
        float score = (float)sum;
        return Calibration is null ? score : Calibration.Probability(score);
    }

    /// <summary>The trees of a trained FastTree ensemble.</summary>
    /// <exception cref="NotSupportedException">A tree uses a categorical split (the uplift features are all numeric, so FastTree never makes one).</exception>
    internal static BoostedTrees From(RegressionTreeEnsemble ensemble, PlattCalibrator? calibrator)
    {
        var trees = ensemble.Trees.Select(t =>
        {
            if (t.CategoricalSplitFlags.Any(c => c)) throw new NotSupportedException("A FastTree tree with a categorical split cannot be exported.");
            return new DecisionTree(t.LeftChild.ToEquatableArray(), t.RightChild.ToEquatableArray(), t.NumericalSplitFeatureIndexes.ToEquatableArray(),
                t.NumericalSplitThresholds.ToEquatableArray(), t.LeafValues.ToEquatableArray());
        }).ToEquatableArray();
        return new BoostedTrees(ensemble.Bias, ensemble.TreeWeights.ToEquatableArray(), trees,
            calibrator is null ? null : new PlattScaling(calibrator.Slope, calibrator.Offset));
    }
}
