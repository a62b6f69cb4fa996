using System.Globalization;
using System.Text;
using Segmentation.Analytics;

namespace Segmentation.Experiments;

/// <summary>
/// A fitted T-learner uplift model (<see cref="UpliftLearner.Fit"/>): one outcome model μ̂_a per arm, trained on all of that
/// arm's customers, which scores new customers: τ̂_a(x) = μ̂_a(x) − μ̂_control(x).
/// </summary>
/// <remarks>
/// The FastTree models are kept as their trees (<see cref="BoostedTrees"/>), not as ML.NET's zip format, so the model saves
/// through <see cref="Analytics.Serialization.ModelJson"/> like every other model, compares by value, and scores without
/// ML.NET; the scores equal ML.NET's to the bit. For held-out predictions of the training customers (the Qini curves), use
/// <see cref="UpliftLearner.CrossFit"/>: this model has seen every training customer.
/// </remarks>
/// <param name="Outcome">The outcome modelled.</param>
/// <param name="Kind">Binary (predictions are probabilities) or continuous.</param>
/// <param name="Arms">Arm labels, control first.</param>
/// <param name="Features">The model inputs, in order (categories frozen at fitting; a category never seen sets no indicator).</param>
/// <param name="ArmModels">The outcome model of each arm (index as <see cref="Arms"/>).</param>
/// <param name="Options">The options used, with the outcome resolved; the thread count is not recorded (it does not change the model).</param>
/// <param name="TrainingRows">Customers fitted on.</param>
public sealed record UpliftModel(string Outcome, OutcomeKind Kind, EquatableArray<string> Arms, EquatableArray<UpliftFeature> Features,
    EquatableArray<BoostedTrees> ArmModels, UpliftOptions Options, int TrainingRows) : FittedModel<UpliftModel>
{
    /// <summary>
    /// The predicted outcome of every customer of <paramref name="data"/> under every arm of the model
    /// (<see cref="UpliftScores.Predicted"/>[a][i]). Only the feature columns are read: the customers' own arms and outcomes,
    /// if any, play no part.
    /// </summary>
    /// <exception cref="ArgumentException">The data lack a feature column of the model, or a numeric feature value is not finite.</exception>
    public UpliftScores Predict(ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = UpliftFeatures.Encode(data, Features);
        var predicted = new double[Arms.Length][];
        for (int a = 0; a < predicted.Length; a++)
        {
            var model = ArmModels[a];
            predicted[a] = new double[data.Count];
            for (int i = 0; i < data.Count; i++) predicted[a][i] = model.Predict(x.Rows[i]);
        }
        return new UpliftScores(Outcome, Kind, Arms, data.RowNumbers.ToArray(), predicted);
    }

    /// <summary>Outcome, arms, inputs and trees per arm (invariant culture).</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"T-learner (FastTree), outcome {Outcome} ({Kind}), {Features.Length} inputs, fitted on {TrainingRows} customers, seed {Options.Seed}");
        for (int a = 0; a < Arms.Length; a++)
            s.Append(CultureInfo.InvariantCulture, $"\n  {Arms[a]}{(a == 0 ? " (control)" : "")}: {ArmModels[a].Trees.Length} trees");
        return s.ToString();
    }
}
