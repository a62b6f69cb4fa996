namespace Segmentation.Experiments;

/// <summary>The money side of a campaign: what a contact costs and what one unit of the value outcome earns.</summary>
/// <param name="CostPerContact">Cost of contacting one customer (≥ 0, in money).</param>
/// <param name="Margin">Margin per unit of the value outcome (&gt; 0): a share of spend (0.3 = 30 % of each dollar) for a spend
/// outcome, money per conversion for a binary one.</param>
/// <param name="Outcome">The value outcome; null = the schema's first outcome.</param>
public sealed record EconomicsOptions(double CostPerContact, double Margin, string? Outcome = null)
{
    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the bad value.</exception>
    public void Validate()
    {
        if (!(CostPerContact >= 0) || !double.IsFinite(CostPerContact)) throw new ArgumentOutOfRangeException(nameof(CostPerContact), CostPerContact, "CostPerContact must be a finite number ≥ 0.");
        if (!(Margin > 0) || !double.IsFinite(Margin)) throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "Margin must be a finite number > 0.");
    }

    /// <summary>The value outcome of <paramref name="schema"/>.</summary>
    public string ValueOutcome(ExperimentSchema schema) => Outcome ?? schema.Outcomes[0].Column;
}
