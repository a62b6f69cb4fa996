using System.Globalization;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Whether a maximum-likelihood fit identified its parameters: no estimate ran to an edge of the parameter space, and the
/// observed information (−Hessian of the log-likelihood) is positive definite and well conditioned. A fit that fails is
/// still a result — its estimates are the optimiser's end point — but its standard errors are not defined (NaN in the model,
/// <c>null</c> in JSON output) and the quantities it cannot identify (<see cref="Meaning"/>) must not be used.
/// </summary>
/// <param name="Identified">True when no parameter hit a bound and the information matrix is positive definite with
/// condition number ≤ <see cref="MaximumConditionNumber"/>.</param>
/// <param name="Bounds">The parameters that ran to 0 or ∞ (empty when none).</param>
/// <param name="PositiveDefinite">Whether the observed information matrix is positive definite (its Cholesky factorisation exists).</param>
/// <param name="ConditionNumber">Largest / smallest eigenvalue of the observed information in log-parameters (scale-free);
/// null when the smallest eigenvalue is not positive (the condition number is then infinite).</param>
/// <param name="Meaning">What the failure means for the model's use, in English (null when identified); e.g. for BG/NBD with
/// a → 0 or b → ∞: "no drop-out identified — P(alive) is not informative".</param>
public sealed record FitDiagnostics(bool Identified, EquatableArray<ParameterBound> Bounds, bool PositiveDefinite, double? ConditionNumber, string? Meaning)
{
    /// <summary>
    /// An estimate below 10⁻⁴ or above 10⁴ on the optimiser's scale (BG/NBD: times rescaled so that max T = 10;
    /// Gamma-Gamma: γ relative to the mean spend) counts as run to the edge of the parameter space: the likelihood is then flat
    /// to round-off in that direction and the optimiser stops wherever the gradient falls below its tolerance (the CDNOW
    /// estimates lie within 10⁻¹…10¹; on the Online Retail sample BG/NBD stops at a ≈ 2·10⁻⁶, b ≈ 5·10⁴ in weeks and
    /// a ≈ 5·10⁻¹², b ≈ 6·10⁸ in days).
    /// </summary>
    public const double BoundRatio = 1e4;

    /// <summary>
    /// Condition numbers above 10¹⁰ mean the information matrix is singular to working precision for a numerical
    /// Hessian of relative accuracy ≈ 10⁻¹⁰ (<c>LikelihoodHessian</c>); CDNOW's BG/NBD fit has ≈ 10².
    /// </summary>
    public const double MaximumConditionNumber = 1e10;

    /// <summary>
    /// Diagnoses a fit: <paramref name="scaled"/> are the estimates on the optimiser's scale (compared with
    /// <see cref="BoundRatio"/>), <paramref name="values"/> the same in the data's units (reported).
    /// </summary>
    internal static FitDiagnostics Create(IReadOnlyList<string> names, IReadOnlyList<double> scaled, IReadOnlyList<double> values,
                                          bool positiveDefinite, double? conditionNumber, Func<IReadOnlyList<ParameterBound>, string> meaning)
    {
        var bounds = new List<ParameterBound>();
        for (int j = 0; j < names.Count; j++)
        {
            if (!(scaled[j] > 1 / BoundRatio)) bounds.Add(new ParameterBound(names[j], values[j], ParameterLimit.Zero));
            else if (!(scaled[j] < BoundRatio)) bounds.Add(new ParameterBound(names[j], values[j], ParameterLimit.Infinity));
        }
        bool identified = bounds.Count == 0 && positiveDefinite && conditionNumber is { } c && c <= MaximumConditionNumber;
        return new FitDiagnostics(identified, bounds.ToArray(), positiveDefinite, conditionNumber, identified ? null : meaning(bounds));
    }

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString()
    {
        if (Identified) return string.Create(CultureInfo.InvariantCulture, $"identified (condition number {ConditionNumber:G3})");
        var parts = new List<string>();
        if (Bounds.Count > 0) parts.Add(string.Join(", ", Bounds));
        parts.Add(PositiveDefinite ? "information positive definite" : "information not positive definite");
        parts.Add(ConditionNumber is { } c ? string.Create(CultureInfo.InvariantCulture, $"condition number {c:G3}") : "condition number infinite");
        return $"NOT identified: {string.Join("; ", parts)}: {Meaning}";
    }
}
