namespace Segmentation.Analytics.Evaluation;

/// <summary>Weights of the budget rule (non-negative, not all 0; normalised by their sum).</summary>
/// <param name="Value">Weight of current value (the segment's share of net revenue).</param>
/// <param name="Potential">Weight of potential (the segment's share of lifetime value, CLV).</param>
/// <param name="Roi">Weight of measured campaign ROI.</param>
public sealed record BudgetWeights(double Value = 0.4, double Potential = 0.4, double Roi = 0.2)
{
    /// <summary>Throws naming the bad weight.</summary>
    public void Validate()
    {
        foreach (var (w, name) in new[] { (Value, nameof(Value)), (Potential, nameof(Potential)), (Roi, nameof(Roi)) })
            if (!(w >= 0) || !double.IsFinite(w)) throw new ArgumentOutOfRangeException(name, w, "A weight must be finite and ≥ 0.");
        if (Value + Potential + Roi <= 0) throw new ArgumentException("The weights sum to 0.", nameof(Value));
    }
}
