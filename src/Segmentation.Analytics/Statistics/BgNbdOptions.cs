namespace Segmentation.Analytics.Statistics;

/// <summary>Options of <see cref="BgNbdFitter"/>.</summary>
/// <param name="Starts">Number of optimiser starts (≥ 1): the first at r = α = a = b = 1 (α after the time rescaling), the others seeded random perturbations; the best log-likelihood wins.</param>
/// <param name="MaxIterations">BFGS iterations per start (≥ 1).</param>
/// <param name="Tolerance">Convergence threshold on the largest gradient component of the mean log-likelihood per customer in log-parameters (&gt; 0).</param>
/// <param name="Seed">Seed of the random starts.</param>
public sealed record BgNbdOptions(int Starts = 3, int MaxIterations = 500, double Tolerance = 1e-9, int Seed = 0)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Starts, 1, nameof(Starts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be a positive finite number.");
    }
}
