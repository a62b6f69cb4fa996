using System.Globalization;

namespace Segmentation.Analytics.Statistics;

/// <summary>A fitted parameter with its asymptotic standard error (from the inverse observed information).</summary>
/// <param name="Name">The parameter's symbol as in the paper (r, alpha, a, b, p, q, gamma).</param>
/// <param name="Value">The maximum-likelihood estimate.</param>
/// <param name="StandardError">√ of the diagonal of (−∇² log L)⁻¹ at the estimate; NaN when the Hessian is not invertible.</param>
public sealed record ParameterEstimate(string Name, double Value, double StandardError)
{
    /// <summary>Lower end of the Wald 95 % interval, Value − 1.96 × StandardError.</summary>
    public double Lower95 => Value - 1.959963984540054 * StandardError;

    /// <summary>Upper end of the Wald 95 % interval, Value + 1.96 × StandardError.</summary>
    public double Upper95 => Value + 1.959963984540054 * StandardError;

    /// <summary>Culture-invariant "name = value (se)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G6} (se {StandardError:G4})");
}
