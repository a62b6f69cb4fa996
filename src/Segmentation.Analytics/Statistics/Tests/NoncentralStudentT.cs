using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>
/// The noncentral Student t distribution T = (Z + δ) / √(V/ν), Z ~ N(0, 1), V ~ χ²_ν: the distribution of a t statistic
/// when the means differ, which gives the power of a t-test.
/// </summary>
/// <remarks>
/// The CDF sums Guenther's (1978) twin Poisson-weighted series of regularised incomplete beta functions,
/// F(t; ν, δ) = Φ(−δ) + ½ Σ_j [p_j I_x(j + ½, ν/2) + q_j I_x(j + 1, ν/2)] with x = t²/(t² + ν), p_j the Poisson(δ²/2)
/// weights and q_j their half-integer counterparts (Lenth 1989, Appl. Statist. 38:185–189, algorithm AS 243), summed until
/// the remaining Poisson mass bounds the error below 10⁻¹²; t &lt; 0 uses F(t; ν, δ) = 1 − F(−t; ν, −δ). Where the Poisson
/// weights underflow (δ² &gt; 1400) or ν &gt; 4·10⁵, Abramowitz &amp; Stegun 26.7.10's normal approximation is used; there the
/// probabilities are 0 or 1 to double precision for the critical values of a test. δ = 0 is the central t (MathNet).
/// Agrees with scipy.stats.nct (Boost) within 10⁻⁹ on the grid of <c>tests/reference/evaluation/campaign_power.py</c> (the test's tolerance).
/// </remarks>
public static class NoncentralStudentT
{
    private const double ErrorBound = 1e-12;
    private const int MaxTerms = 2000;

    /// <summary>P(T ≤ t) for ν degrees of freedom (ν &gt; 0, fractional allowed) and noncentrality δ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">ν ≤ 0 or not finite, or δ not finite.</exception>
    public static double Cdf(double t, double degreesOfFreedom, double noncentrality)
    {
        if (!(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "must be finite and > 0.");
        if (!double.IsFinite(noncentrality)) throw new ArgumentOutOfRangeException(nameof(noncentrality), noncentrality, "must be finite.");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return t < 0 ? 0 : 1;
        if (noncentrality == 0) return StudentT.CDF(0, 1, degreesOfFreedom, t);
        return t >= 0 ? UpperHalf(t, degreesOfFreedom, noncentrality) : 1 - UpperHalf(-t, degreesOfFreedom, -noncentrality);
    }

    /// <summary>P(T &gt; t) = 1 − <see cref="Cdf"/>.</summary>
    public static double Survival(double t, double degreesOfFreedom, double noncentrality) => 1 - Cdf(t, degreesOfFreedom, noncentrality);

    /// <summary>The central t quantile t_{ν, p}: Newton steps on MathNet's central CDF from a bracketing bisection, to 10⁻¹³
    /// relative (MathNet's own inverse is a coarse root search).</summary>
    /// <exception cref="ArgumentOutOfRangeException">p outside (0, 1) or ν ≤ 0.</exception>
    public static double CentralQuantile(double probability, double degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "must be in (0, 1).");
        if (!(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "must be finite and > 0.");
        if (probability == 0.5) return 0;
        if (probability < 0.5) return -CentralQuantile(1 - probability, degreesOfFreedom);
        double lo = 0, hi = 1;
        while (StudentT.CDF(0, 1, degreesOfFreedom, hi) < probability) { lo = hi; hi *= 2; }
        double x = Math.Max(lo, Math.Min(hi, Normal.InvCDF(0, 1, probability)));
        for (int i = 0; i < 200; i++)
        {
            double f = StudentT.CDF(0, 1, degreesOfFreedom, x) - probability;
            if (f > 0) hi = x; else lo = x;
            double step = f / StudentT.PDF(0, 1, degreesOfFreedom, x);
            double next = x - step;
            if (!(next > lo && next < hi)) next = (lo + hi) / 2;
            if (Math.Abs(next - x) <= 1e-13 * Math.Max(1, Math.Abs(x)) || hi - lo <= 1e-14 * Math.Max(1, hi)) return next;
            x = next;
        }
        return x;
    }

    /// <summary>F(t; ν, δ) for t ≥ 0 (any sign of δ).</summary>
    private static double UpperHalf(double t, double df, double delta)
    {
        if (df > 4e5 || delta * delta > 1400)
        {
            // Abramowitz & Stegun 26.7.10: T(1 − 1/(4ν)) is about N(δ, 1 + T²/(2ν)).
            double s = 1 / (4 * df);
            return Normal.CDF(delta, Math.Sqrt(1 + t * t * 2 * s), t * (1 - s));
        }
        double tail = Normal.CDF(0, 1, -delta);
        if (t == 0) return tail;
        double x = t * t / (t * t + df);
        double oneMinusX = df / (t * t + df);
        double lambda = delta * delta;
        double p = 0.5 * Math.Exp(-0.5 * lambda);           // Poisson(λ/2) weight of term 0, halved
        double q = Math.Sqrt(2 / Math.PI) * p * delta;       // the half-integer series' first weight
        double remaining = -0.5 * Math.Exp(-0.5 * lambda) + 0.5; // ½ − Σ weights so far: the error bound's mass
        if (remaining < 1e-7) remaining = -0.5 * double.ExpM1(-0.5 * lambda);
        double a = 0.5, b = 0.5 * df;
        double powB = Math.Pow(oneMinusX, b);
        double logBetaHalf = 0.5 * Math.Log(Math.PI) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(0.5 + b);
        double xOdd = SpecialFunctions.BetaRegularized(a, b, x);
        double gOdd = 2 * powB * Math.Exp(a * Math.Log(x) - logBetaHalf);
        double bx = b * x;
        double xEven = bx < double.Epsilon ? bx : 1 - powB;
        double gEven = bx * powB;
        double sum = p * xOdd + q * xEven;
        for (int j = 1; j <= MaxTerms; j++)
        {
            a += 1;
            xOdd -= gOdd;
            xEven -= gEven;
            gOdd *= x * (a + b - 1) / a;
            gEven *= x * (a + b - 0.5) / (a + 0.5);
            p *= lambda / (2 * j);
            q *= lambda / (2 * j + 1);
            sum += p * xOdd + q * xEven;
            remaining -= p;
            if (remaining <= 0 && j > 1) break;
            if (Math.Abs(2 * remaining * (xOdd - gOdd)) < ErrorBound) break;
        }
        return Math.Min(1, sum + tail);
    }
}
