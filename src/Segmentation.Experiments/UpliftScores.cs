namespace Segmentation.Experiments;

/// <summary>
/// Per customer, the predicted outcome under every arm, and from it the expected lift of each treatment arm over the
/// control and the best arm — from a fitted <see cref="UpliftModel"/> (new customers) or from cross-fitted held-out
/// predictions (<see cref="UpliftPredictions.Scores"/>).
/// </summary>
/// <param name="Outcome">The outcome predicted.</param>
/// <param name="Kind">Binary (predictions are probabilities) or continuous.</param>
/// <param name="Arms">Arm labels, control first.</param>
/// <param name="RowNumbers">Each customer's row in its file.</param>
/// <param name="Predicted">Predicted[a][i] = μ̂_a(xᵢ), the predicted outcome of customer i under arm a.</param>
public sealed record UpliftScores(string Outcome, OutcomeKind Kind, IReadOnlyList<string> Arms, long[] RowNumbers, double[][] Predicted)
{
    /// <summary>Customers.</summary>
    public int Count => RowNumbers.Length;

    /// <summary>lift_a(xᵢ) = μ̂_a(xᵢ) − μ̂_control(xᵢ) for treatment arm <paramref name="arm"/> (index in <see cref="Arms"/>, ≥ 1).</summary>
    public double[] Lift(int arm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arm, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(arm, Arms.Count);
        var lift = new double[Count];
        for (int i = 0; i < lift.Length; i++) lift[i] = Predicted[arm][i] - Predicted[0][i];
        return lift;
    }

    /// <summary>Per customer, the treatment arm with the highest expected lift (ties: the first arm) and that lift.</summary>
    public (int[] Arm, double[] Lift) Best()
    {
        var arm = new int[Count];
        var lift = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            lift[i] = double.NegativeInfinity;
            for (int a = 1; a < Arms.Count; a++)
            {
                double l = Predicted[a][i] - Predicted[0][i];
                if (l > lift[i]) { lift[i] = l; arm[i] = a; }
            }
        }
        return (arm, lift);
    }
}
