using System.Globalization;

namespace Segmentation.Analytics.Statistics;

/// <summary>A parameter whose maximum-likelihood estimate ran to an edge of the parameter space.</summary>
/// <param name="Name">The parameter's symbol (r, alpha, a, b, p, q, gamma).</param>
/// <param name="Value">The value where the optimiser stopped (in the data's units).</param>
/// <param name="Limit">The edge it ran to.</param>
public sealed record ParameterBound(string Name, double Value, ParameterLimit Limit)
{
    /// <summary>Culture-invariant "a → 0 (stopped at 1.2e-07)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} → {(Limit == ParameterLimit.Zero ? "0" : "∞")} (stopped at {Value:G4})");
}
