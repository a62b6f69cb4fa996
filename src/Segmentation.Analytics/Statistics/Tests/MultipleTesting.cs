namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>Adjusted p-values for a family of m tests (as statsmodels' <c>multipletests</c> returns them).</summary>
/// <remarks>
/// With p₍₁₎ ≤ … ≤ p₍ₘ₎ the sorted p-values:
/// Holm: p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎) (Holm 1979, Scand. J. Statist. 6:65–70).
/// Benjamini–Hochberg: p̃₍ᵢ₎ = min(1, min_{j ≥ i} m·p₍ⱼ₎/j) (Benjamini &amp; Hochberg 1995, JRSS B 57:289–300).
/// Rejecting H₀ where p̃ &lt; α gives the procedure at level α. NaN p-values (untested cells) stay NaN and do not count in m.
/// </remarks>
public static class MultipleTesting
{
    /// <summary>The adjusted p-values, in the input order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is outside [0, 1] (NaN is allowed), or the method is unknown.</exception>
    public static double[] Adjust(IReadOnlyList<double> pValues, MultiplicityCorrection method)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        for (int i = 0; i < pValues.Count; i++)
            if (!double.IsNaN(pValues[i]) && !(pValues[i] >= 0 && pValues[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"pValues[{i}] must be in [0, 1] (or NaN for an untested cell).");
        var result = Enumerable.Repeat(double.NaN, pValues.Count).ToArray();
        // Stable order by p keeps ties in input order, so equal p-values get equal adjusted values either way.
        var order = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        int m = order.Length;
        switch (method)
        {
            case MultiplicityCorrection.None:
                foreach (var i in order) result[i] = pValues[i];
                break;
            case MultiplicityCorrection.Holm:
                double running = 0;
                for (int k = 0; k < m; k++)
                {
                    running = Math.Max(running, Math.Min(1, (m - k) * pValues[order[k]]));
                    result[order[k]] = running;
                }
                break;
            case MultiplicityCorrection.BenjaminiHochberg:
                double min = 1;
                for (int k = m - 1; k >= 0; k--)
                {
                    min = Math.Min(min, (double)m * pValues[order[k]] / (k + 1));
                    result[order[k]] = min;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown correction.");
        }
        return result;
    }

    /// <summary>Holm-adjusted p-values.</summary>
    public static double[] Holm(IReadOnlyList<double> pValues) => Adjust(pValues, MultiplicityCorrection.Holm);

    /// <summary>Benjamini–Hochberg-adjusted p-values.</summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues) => Adjust(pValues, MultiplicityCorrection.BenjaminiHochberg);
}
