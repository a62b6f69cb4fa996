using MathNet.Numerics.Distributions;

namespace Segmentation.Analytics.Statistics.Intervals;

/// <summary>
/// Closed-form intervals from the additive sums the engine returns (Σx, Σx², n per group), so no per-customer row has to travel:
/// the change of a total between two periods, a group's share of a total, a mean, and the NPS.
/// </summary>
/// <remarks>The sampling model is the bootstrap's: the customers of a group are a sample of the customers it could have had, so
/// a total Σx over n customers has variance n·σ̂² = Σx² − (Σx)²/n. The delta method linearises a ratio of such totals (Cochran
/// 1977, ch. 6); the normal interval is accurate for groups of the sizes the report prints (tested against a planted truth).</remarks>
public static class DeltaMethodInterval
{
    /// <summary>
    /// The relative change A/B − 1 of two independent totals (e.g. a segment's revenue after vs before), each Σ of per-customer
    /// values: Var(A/B) ≈ Var A / B² + A²·Var B / B⁴, Var A = Σa² − (Σa)²/n_A.
    /// </summary>
    /// <param name="sumA">Σ of the later period's per-customer values (A).</param>
    /// <param name="squaresA">Σ of their squares.</param>
    /// <param name="countA">Customers of A (≥ 2).</param>
    /// <param name="sumB">Σ of the reference period's values (B, ≠ 0).</param>
    /// <param name="squaresB">Σ of their squares.</param>
    /// <param name="countB">Customers of B (≥ 2).</param>
    /// <param name="confidence">Level in (0, 1).</param>
    /// <returns>The interval of the relative change (0.1 = +10 %); null when B is 0, a group has fewer than 2 customers, or B's relative
    /// standard error exceeds <see cref="MaxReferenceRelativeError"/>.</returns>
    public static Interval? RelativeChange(double sumA, double squaresA, long countA, double sumB, double squaresB, long countB,
                                           double confidence = Interval.DefaultConfidence)
    {
        Interval.ValidateConfidence(confidence);
        if (countA < 2 || countB < 2 || sumB == 0) return null;
        double varA = TotalVariance(sumA, squaresA, countA), varB = TotalVariance(sumB, squaresB, countB);
        if (Math.Sqrt(varB) > MaxReferenceRelativeError * Math.Abs(sumB)) return null;
        double ratio = sumA / sumB;
        double se = Math.Sqrt(varA / (sumB * sumB) + sumA * sumA * varB / Math.Pow(sumB, 4));
        double z = Z(confidence), change = ratio - 1;
        return new Interval(change, change - z * se, change + z * se, confidence, IntervalMethod.DeltaMethod);
    }

    /// <summary>The difference A − B of two independent totals of per-customer values: (A − B) ± z·√(Var A + Var B),
    /// Var A = Σa² − (Σa)²/n_A.</summary>
    /// <returns>The interval (currency units for revenue); null when a group has fewer than 2 customers.</returns>
    public static Interval? Difference(double sumA, double squaresA, long countA, double sumB, double squaresB, long countB,
                                       double confidence = Interval.DefaultConfidence)
    {
        Interval.ValidateConfidence(confidence);
        if (countA < 2 || countB < 2) return null;
        double d = sumA - sumB, half = Z(confidence) * Math.Sqrt(TotalVariance(sumA, squaresA, countA) + TotalVariance(sumB, squaresB, countB));
        return new Interval(d, d - half, d + half, confidence, IntervalMethod.DeltaMethod);
    }

    /// <summary>
    /// Largest relative standard error of the reference total B for which <see cref="RelativeChange"/> gives an interval: beyond it B
    /// may be near 0 within its own noise, the ratio's distribution is far from normal and the linearised interval meaningless
    /// (a reference of £103 from a few refunds gave "+1 526 % (−15 787 %, +18 839 %)" on Online Retail).
    /// </summary>
    public const double MaxReferenceRelativeError = 0.25;

    /// <summary>
    /// A group's share s = P / T of a total over all customers (P over the group's customers, T over everyone, the group included):
    /// Var s ≈ [(1 − s)²·ΣP² + s²·(ΣT² − ΣP²)] / T² — the linearisation of the ratio under resampling all customers.
    /// </summary>
    /// <returns>The interval of the share (not clipped: a group with net refunds can have a negative share); null when T is 0.</returns>
    public static Interval? ShareOfTotal(double partSum, double partSquares, double totalSum, double totalSquares, double confidence = Interval.DefaultConfidence)
    {
        Interval.ValidateConfidence(confidence);
        if (totalSum == 0) return null;
        double s = partSum / totalSum;
        double variance = ((1 - s) * (1 - s) * partSquares + s * s * Math.Max(0, totalSquares - partSquares)) / (totalSum * totalSum);
        double half = Z(confidence) * Math.Sqrt(variance);
        return new Interval(s, s - half, s + half, confidence, IntervalMethod.DeltaMethod);
    }

    /// <summary>Student t interval of a mean from Σx, Σx² and n ≥ 2: x̄ ± t(n − 1)·s/√n, s² = (Σx² − (Σx)²/n)/(n − 1).</summary>
    /// <returns>The interval; null when n &lt; 2.</returns>
    public static Interval? Mean(double sum, double squares, long count, double confidence = Interval.DefaultConfidence)
    {
        Interval.ValidateConfidence(confidence);
        if (count < 2) return null;
        double mean = sum / count;
        double s2 = Math.Max(0, (squares - sum * sum / count) / (count - 1));
        double half = StudentT.InvCDF(0, 1, count - 1, 1 - (1 - confidence) / 2) * Math.Sqrt(s2 / count);
        return new Interval(mean, mean - half, mean + half, confidence, IntervalMethod.StudentT);
    }

    /// <summary>Net Promoter Score (points, −100..100) from the response counts: NPS ± z·100·√((p + d − (p − d)²)/n), the multinomial
    /// variance of the promoter minus detractor share; bounds clipped to ±100.</summary>
    /// <returns>The interval; null when there are fewer than 2 responses.</returns>
    public static Interval? NetPromoterScore(long promoters, long detractors, long responses, double confidence = Interval.DefaultConfidence)
    {
        Interval.ValidateConfidence(confidence);
        ArgumentOutOfRangeException.ThrowIfNegative(promoters);
        ArgumentOutOfRangeException.ThrowIfNegative(detractors);
        if (promoters + detractors > responses)
            throw new ArgumentOutOfRangeException(nameof(responses), responses, $"must be at least promoters + detractors ({promoters + detractors}).");
        if (responses < 2) return null;
        double p = (double)promoters / responses, d = (double)detractors / responses;
        double nps = 100 * (p - d), half = Z(confidence) * 100 * Math.Sqrt((p + d - (p - d) * (p - d)) / responses);
        return new Interval(nps, Math.Max(-100, nps - half), Math.Min(100, nps + half), confidence, IntervalMethod.DeltaMethod);
    }

    /// <summary>Variance of a total of n sampled values: Σx² − (Σx)²/n (never negative).</summary>
    private static double TotalVariance(double sum, double squares, long count) => Math.Max(0, squares - sum * sum / count);

    private static double Z(double confidence) => Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
}
