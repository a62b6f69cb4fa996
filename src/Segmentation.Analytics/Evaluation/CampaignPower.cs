using System.Globalization;
using MathNet.Numerics.Distributions;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Campaign sizes before launch: the power of the test the campaign evaluation will run, the group sizes a planned lift
/// needs, and the smallest lift given group sizes can detect — for a conversion rate (two-proportion z-test) and for a
/// per-customer amount such as spend (Welch's t-test, or Student's pooled t).
/// </summary>
/// <remarks>
/// <para>Treatment is group T (n_T customers), control group C (n_C); the planned effect d = treatment − control &gt; 0 (a lift)
/// is an absolute difference: share points as a fraction for a rate (0.01 = one point), currency for an amount.</para>
/// <para><b>Proportions</b> — the pooled two-proportion z-test of <see cref="TwoProportionTest"/>, with the classic
/// normal-approximation power (Fleiss, Levin &amp; Paik 2003, §4.2; statsmodels' <c>power_proportions_2indep</c>, whose
/// formulas these are): p_T = p_C + d, the pooled rate expected under H₀ p̄ = (n_T p_T + n_C p_C)/(n_T + n_C),
/// σ₀ = √(p̄(1 − p̄)(1/n_T + 1/n_C)) (the null's standard error, pooled), σ₁ = √(p_T(1 − p_T)/n_T + p_C(1 − p_C)/n_C)
/// (the alternative's, unpooled); power = Φ̄((z_{1−α/2}σ₀ − d)/σ₁) + Φ((−z_{1−α/2}σ₀ − d)/σ₁) two-sided, Φ̄((z_{1−α}σ₀ − d)/σ₁)
/// one-sided. Not Cohen's arcsine effect size h (statsmodels' NormalIndPower), which plans for a different test.</para>
/// <para><b>Means</b> — the t statistic follows a noncentral t: SE = √(σ_T²/n_T + σ_C²/n_C), noncentrality δ = d/SE; Welch:
/// ν = SE⁴/((σ_T²/n_T)²/(n_T − 1) + (σ_C²/n_C)²/(n_C − 1)); Student (pooled, σ_T = σ_C): ν = n_T + n_C − 2 (then δ and ν are
/// statsmodels' TTestIndPower's). Power = 1 − F_{ν,δ}(t_{ν,1−α/2}) + F_{ν,δ}(−t_{ν,1−α/2}) two-sided, 1 − F_{ν,δ}(t_{ν,1−α})
/// one-sided (<see cref="NoncentralStudentT"/>).</para>
/// <para><b>Solving</b> — sizes: n_C with power(k·n_C, n_C) = target for k = n_T/n_C, by bisection on log n to 10⁻¹³ relative
/// (power rises with n); each group is then rounded up (so the rounded ratio is k only approximately, and the power at the
/// rounded sizes is ≥ the target). A t-test needs 2 customers per group: a solution below that is raised to it. Minimum
/// detectable effect: the d &gt; 0 with power(d) = target at the given sizes, by bisection; for a rate it must leave p_T &lt; 1,
/// or there is none (null). References: <c>tests/reference/evaluation/campaign_power.py</c> (statsmodels 0.13, scipy).</para>
/// </remarks>
public static class CampaignPower
{
    private const int Bisections = 400;

    /// <summary>The power of the pooled two-proportion z-test for rates p_C = <paramref name="baselineRate"/> and p_C + d.</summary>
    /// <param name="baselineRate">The control's expected rate p_C, in (0, 1).</param>
    /// <param name="difference">The lift d &gt; 0 (fraction; p_C + d &lt; 1).</param>
    /// <param name="treatmentSize">n_T &gt; 0 (may be fractional, for solving).</param>
    /// <param name="controlSize">n_C &gt; 0.</param>
    /// <param name="alpha">α in (0, 0.5).</param>
    /// <param name="oneSided">A one-sided test of a lift.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range (named, with its value).</exception>
    public static double ProportionPower(double baselineRate, double difference, double treatmentSize, double controlSize, double alpha = 0.05, bool oneSided = false)
    {
        ValidateRates(baselineRate, difference);
        ValidateSizes(treatmentSize, controlSize, 0);
        ValidateAlpha(alpha);
        return ProportionPowerCore(baselineRate, difference, treatmentSize, controlSize, alpha, oneSided);
    }

    /// <summary>The group sizes that give the pooled two-proportion z-test <see cref="PowerOptions.Power"/> for a lift d over p_C.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument or option is outside its range.</exception>
    public static SampleSizePlan ProportionSampleSize(double baselineRate, double difference, PowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ValidateRates(baselineRate, difference);
        return SolveSize((nt, nc) => ProportionPowerCore(baselineRate, difference, nt, nc, options.Alpha, options.OneSided), options, minimum: 0);
    }

    /// <summary>The smallest lift d &gt; 0 over p_C that the pooled two-proportion z-test detects with <see cref="PowerOptions.Power"/> at the
    /// given sizes (<see cref="PowerOptions.TreatmentPerControl"/> is not used: the sizes say it); null when even p_T → 1 is not enough.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument or option is outside its range.</exception>
    public static double? ProportionMinimumDetectableEffect(double baselineRate, double treatmentSize, double controlSize, PowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!(baselineRate > 0 && baselineRate < 1)) throw new ArgumentOutOfRangeException(nameof(baselineRate), baselineRate, "the baseline rate must be in (0, 1).");
        ValidateSizes(treatmentSize, controlSize, 0);
        double max = (1 - baselineRate) * (1 - 1e-12);
        Func<double, double> power = d => ProportionPowerCore(baselineRate, d, treatmentSize, controlSize, options.Alpha, options.OneSided);
        if (power(max) < options.Power) return null;
        return Bisect(power, options.Power, 0, max);
    }

    /// <summary>The power of the t-test of a difference d in mean spend.</summary>
    /// <param name="difference">The lift d &gt; 0 (currency).</param>
    /// <param name="spread">Standard deviations and the test (Welch or pooled).</param>
    /// <param name="treatmentSize">n_T ≥ 2.</param>
    /// <param name="controlSize">n_C ≥ 2.</param>
    /// <param name="alpha">α in (0, 0.5).</param>
    /// <param name="oneSided">A one-sided test of a lift.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range (named, with its value).</exception>
    public static double MeanPower(double difference, MeanSpread spread, double treatmentSize, double controlSize, double alpha = 0.05, bool oneSided = false)
    {
        ArgumentNullException.ThrowIfNull(spread);
        spread.Validate();
        ValidateDifference(difference);
        ValidateSizes(treatmentSize, controlSize, 2);
        ValidateAlpha(alpha);
        return MeanPowerCore(difference, spread, treatmentSize, controlSize, alpha, oneSided);
    }

    /// <summary>The group sizes that give the t-test <see cref="PowerOptions.Power"/> for a lift d in mean spend.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument or option is outside its range.</exception>
    public static SampleSizePlan MeanSampleSize(double difference, MeanSpread spread, PowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(spread);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        spread.Validate();
        ValidateDifference(difference);
        double minimum = Math.Max(2, 2 / options.TreatmentPerControl);
        return SolveSize((nt, nc) => MeanPowerCore(difference, spread, nt, nc, options.Alpha, options.OneSided), options, minimum);
    }

    /// <summary>The smallest lift d &gt; 0 in mean spend the t-test detects with <see cref="PowerOptions.Power"/> at the given sizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument or option is outside its range.</exception>
    public static double MeanMinimumDetectableEffect(MeanSpread spread, double treatmentSize, double controlSize, PowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(spread);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        spread.Validate();
        ValidateSizes(treatmentSize, controlSize, 2);
        Func<double, double> power = d => MeanPowerCore(d, spread, treatmentSize, controlSize, options.Alpha, options.OneSided);
        double se = Math.Sqrt(spread.TreatmentSd * spread.TreatmentSd / treatmentSize + spread.ControlStandardDeviation * spread.ControlStandardDeviation / controlSize);
        double hi = se;
        while (power(hi) < options.Power) hi *= 2;
        return Bisect(power, options.Power, 0, hi);
    }

    private static double ProportionPowerCore(double pc, double d, double nt, double nc, double alpha, bool oneSided)
    {
        double pt = pc + d;
        double pooled = (nt * pt + nc * pc) / (nt + nc);
        double sdNull = Math.Sqrt(pooled * (1 - pooled) * (1 / nt + 1 / nc));
        double sdAlt = Math.Sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc);
        double z = Normal.InvCDF(0, 1, 1 - (oneSided ? alpha : alpha / 2));
        // Φ̄(u) as Φ(−u): the upper tail without cancellation when the power is near 1.
        double power = Normal.CDF(0, 1, -(z * sdNull - d) / sdAlt);
        if (!oneSided) power += Normal.CDF(0, 1, (-z * sdNull - d) / sdAlt);
        return power;
    }

    private static double MeanPowerCore(double d, MeanSpread spread, double nt, double nc, double alpha, bool oneSided)
    {
        double vt = spread.TreatmentSd * spread.TreatmentSd / nt, vc = spread.ControlStandardDeviation * spread.ControlStandardDeviation / nc;
        double se = Math.Sqrt(vt + vc);
        double df = spread.EqualVariances ? nt + nc - 2 : (vt + vc) * (vt + vc) / (vt * vt / (nt - 1) + vc * vc / (nc - 1));
        double delta = d / se;
        double crit = NoncentralStudentT.CentralQuantile(1 - (oneSided ? alpha : alpha / 2), df);
        double power = NoncentralStudentT.Survival(crit, df, delta);
        if (!oneSided) power += NoncentralStudentT.Cdf(-crit, df, delta);
        return power;
    }

    private static SampleSizePlan SolveSize(Func<double, double, double> power, PowerOptions options, double minimum)
    {
        double k = options.TreatmentPerControl;
        Func<double, double> powerOfControlSize = n => power(k * n, n);
        double lo = minimum > 0 ? minimum : 1e-9, hi = Math.Max(1, lo);
        double control;
        if (powerOfControlSize(lo) >= options.Power) control = lo;
        else
        {
            while (powerOfControlSize(hi) < options.Power)
            {
                lo = hi;
                hi *= 2;
                if (hi > 1e15) throw new ArgumentOutOfRangeException(nameof(options), "no group size up to 10^15 customers reaches the power: the effect is too small.");
            }
            control = Math.Exp(Bisect(x => powerOfControlSize(Math.Exp(x)), options.Power, Math.Log(lo), Math.Log(hi)));
        }
        double treatment = k * control;
        long ct = RoundUp(treatment), cc = RoundUp(control);
        if (minimum > 0) { ct = Math.Max(ct, 2); cc = Math.Max(cc, 2); }
        return new SampleSizePlan(treatment, control, ct, cc, power(ct, cc));
    }

    /// <summary>A whole number of customers ≥ x (x within 10⁻⁹ of an integer counts as that integer: a rounding of the solver).</summary>
    private static long RoundUp(double x) => (long)Math.Ceiling(x - 1e-9 * Math.Max(1, x));

    /// <summary>Bisection of an increasing function f for f(x) = target in [lo, hi], to 10⁻¹³ relative (or 10⁻¹⁵ absolute).</summary>
    private static double Bisect(Func<double, double> f, double target, double lo, double hi)
    {
        for (int i = 0; i < Bisections && hi - lo > 1e-13 * Math.Max(Math.Abs(lo), Math.Abs(hi)) && hi - lo > 1e-15; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (f(mid) < target) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static void ValidateRates(double baselineRate, double difference)
    {
        if (!(baselineRate > 0 && baselineRate < 1)) throw new ArgumentOutOfRangeException(nameof(baselineRate), baselineRate, "the baseline rate must be in (0, 1).");
        ValidateDifference(difference);
        if (!(baselineRate + difference < 1))
            throw new ArgumentOutOfRangeException(nameof(difference), difference,
                string.Create(CultureInfo.InvariantCulture, $"the lift must leave the treatment rate below 1 (baseline {baselineRate})."));
    }

    private static void ValidateDifference(double difference)
    {
        if (!(difference > 0) || !double.IsFinite(difference)) throw new ArgumentOutOfRangeException(nameof(difference), difference, "the effect (a lift) must be finite and > 0.");
    }

    private static void ValidateSizes(double treatmentSize, double controlSize, double minimum)
    {
        if (!(treatmentSize > minimum) && !(minimum > 0 && treatmentSize >= minimum) || !double.IsFinite(treatmentSize))
            throw new ArgumentOutOfRangeException(nameof(treatmentSize), treatmentSize, minimum > 0 ? $"the treatment group needs at least {minimum} customers." : "the treatment group size must be > 0.");
        if (!(controlSize > minimum) && !(minimum > 0 && controlSize >= minimum) || !double.IsFinite(controlSize))
            throw new ArgumentOutOfRangeException(nameof(controlSize), controlSize, minimum > 0 ? $"the control group needs at least {minimum} customers." : "the control group size must be > 0.");
    }

    private static void ValidateAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 0.5)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 0.5).");
    }
}
