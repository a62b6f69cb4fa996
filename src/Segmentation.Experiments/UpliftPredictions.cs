using System.Globalization;
using System.Text;

namespace Segmentation.Experiments;

/// <summary>
/// Cross-fitted T-learner predictions: per customer, the predicted outcome under every arm and the expected lift of each
/// treatment arm over the control, from models that never saw the customer; the best arm; and one Qini curve per
/// treatment arm on these held-out predictions.
/// </summary>
/// <param name="Outcome">The outcome modelled.</param>
/// <param name="Kind">Binary (predictions are probabilities) or continuous.</param>
/// <param name="Arms">Arm labels, control first.</param>
/// <param name="Arm">Each customer's actual arm.</param>
/// <param name="RowNumbers">Each customer's row in the file.</param>
/// <param name="Fold">Each customer's fold (its scores come from models fitted without this fold).</param>
/// <param name="Predicted">Predicted[a][i] = μ̂_a(xᵢ), the predicted outcome of customer i under arm a.</param>
/// <param name="Qini">Per treatment arm (index a − 1): the Qini curve of lift_a on the customers of arm a and the control.</param>
/// <param name="Options">The options used.</param>
public sealed record UpliftPredictions(string Outcome, OutcomeKind Kind, IReadOnlyList<string> Arms, int[] Arm, long[] RowNumbers, int[] Fold,
    double[][] Predicted, IReadOnlyList<QiniCurve> Qini, UpliftOptions Options)
{
    /// <summary>Customers.</summary>
    public int Count => Arm.Length;

    /// <summary>The held-out predictions as scores (lifts, best arm).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public UpliftScores Scores => new(Outcome, Kind, Arms, RowNumbers, Predicted);

    /// <summary>lift_a(xᵢ) = μ̂_a(xᵢ) − μ̂_control(xᵢ) for treatment arm <paramref name="arm"/> (index in <see cref="Arms"/>, ≥ 1).</summary>
    public double[] Lift(int arm) => Scores.Lift(arm);

    /// <summary>Per customer, the treatment arm with the highest expected lift (ties: the first arm) and that lift.</summary>
    public (int[] Arm, double[] Lift) Best() => Scores.Best();

    /// <summary>Qini figures per arm (invariant culture).</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"T-learner (FastTree), outcome {Outcome}, {Options.Folds}-fold cross-fitted, seed {Options.Seed}, n = {Count}");
        for (int a = 1; a < Arms.Count; a++) s.Append('\n').Append(Arms[a]).Append(": ").Append(Qini[a - 1]);
        return s.ToString();
    }
}
