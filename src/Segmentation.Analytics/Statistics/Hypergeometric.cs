namespace Segmentation.Analytics.Statistics;

/// <summary>Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and 0 ≤ z &lt; 1.</summary>
/// <remarks>
/// Direct power series Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, summed until a term no longer changes the sum at
/// double precision (Abramowitz &amp; Stegun 15.1.1). The BG/NBD formulas call it through Euler's
/// transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) (A&amp;S 15.3.3), which keeps
/// the values of order one for every frequency x (the direct form grows like (1 − z)^−x).
/// </remarks>
internal static class Hypergeometric
{
    private const int MaxTerms = 1_000_000;

    /// <summary>₂F₁(a, b; c; z); c must not be zero or a negative integer; 0 ≤ z &lt; 1.</summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1)) throw new ArgumentOutOfRangeException(nameof(z), z, "z must be in [0, 1).");
        if (z == 0) return 1.0;
        double sum = 1.0, term = 1.0;
        for (int n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            double next = sum + term;
            if (next == sum || term == 0) return next;
            sum = next;
            // Convergence is geometric (ratio → z); stop once the remaining tail is below round-off.
            if (n > 8 && Math.Abs(term) * z / (1 - z) < 1e-17 * Math.Abs(sum)) return sum;
        }
        return sum;
    }
}
