namespace Segmentation.Analytics.Statistics;

/// <summary>Churn warning flags per customer (same order as the input).</summary>
/// <param name="ProbabilityAlive">BG/NBD P(alive | x, t_x, T); NaN when <see cref="UsesProbabilityAlive"/> is false.</param>
/// <param name="LowProbabilityAlive">P(alive) below the threshold.</param>
/// <param name="BrokenRhythm">Time since the last purchase (T − t_x) greater than k × the customer's mean inter-purchase interval t_x / x.</param>
/// <param name="AtRisk">Either flag.</param>
public sealed record ChurnAssessment(double[] ProbabilityAlive, bool[] LowProbabilityAlive, bool[] BrokenRhythm, bool[] AtRisk)
{
    /// <summary>
    /// False when the BG/NBD fit was not identified and the customers were flagged by the recency rule alone
    /// (<see cref="ChurnWarning.AssessByRecency(ReadOnlySpan{int}, ReadOnlySpan{double}, ReadOnlySpan{double}, ChurnWarningOptions?)"/>).
    /// </summary>
    public bool UsesProbabilityAlive { get; init; } = true;

    /// <summary>The recency rule's gap for customers without a rhythm of their own (median t_x / x of the others, in the summary's time unit); null when not used.</summary>
    public double? PopulationGap { get; init; }

    /// <summary>Number of customers flagged at risk.</summary>
    public int AtRiskCount => AtRisk.Count(f => f);
}
