using MathNet.Numerics.Distributions;

namespace Segmentation.Analytics.Statistics.Intervals;

/// <summary>Confidence intervals of a binomial proportion x / n.</summary>
/// <remarks>Both agree with statsmodels' <c>proportion_confint(x, n, alpha, method="wilson" | "beta")</c> (tested to 1e-9 on
/// the values in <c>tests/reference/statistics/proportion_intervals.py</c>). Brown, Cai &amp; DasGupta (2001), Statist. Sci.
/// 16:101–133, compare them: Wilson's coverage is close to nominal on average; Clopper-Pearson never falls below it (conservative),
/// which suits small counts and proportions near 0 or 1.</remarks>
public static class ProportionInterval
{
    /// <summary>
    /// Wilson score interval: (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), with p̂ = x/n and z the normal quantile 1 − α/2.
    /// </summary>
    /// <param name="successes">x, in 0..n.</param>
    /// <param name="trials">n ≥ 1.</param>
    /// <param name="confidence">Level in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, x outside 0..n, or the level outside (0, 1).</exception>
    public static Interval Wilson(long successes, long trials, double confidence = Interval.DefaultConfidence)
    {
        Validate(successes, trials, confidence);
        double n = trials, p = successes / n;
        double z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2), z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        // The formula gives exactly 0 / 1 at x = 0 / n; rounding must not push a bound outside [0, 1].
        double lower = successes == 0 ? 0 : Math.Max(0, centre - half), upper = successes == trials ? 1 : Math.Min(1, centre + half);
        return new Interval(p, lower, upper, confidence, IntervalMethod.Wilson);
    }

    /// <summary>
    /// Clopper-Pearson exact interval: [B(α/2; x, n − x + 1), B(1 − α/2; x + 1, n − x)] with B the beta quantile; 0 at x = 0 and 1
    /// at x = n.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, x outside 0..n, or the level outside (0, 1).</exception>
    public static Interval ClopperPearson(long successes, long trials, double confidence = Interval.DefaultConfidence)
    {
        Validate(successes, trials, confidence);
        double alpha = 1 - confidence;
        double lower = successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, alpha / 2);
        double upper = successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - alpha / 2);
        return new Interval((double)successes / trials, lower, upper, confidence, IntervalMethod.ClopperPearson);
    }

    private static void Validate(long successes, long trials, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"must be in 0..{trials} (the trials).");
        Interval.ValidateConfidence(confidence);
    }
}
