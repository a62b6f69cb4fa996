namespace Segmentation.Analytics.Statistics;

/// <summary>Churn warning flags per customer (same order as the input).</summary>
/// <param name="ProbabilityAlive">BG/NBD P(alive | x, t_x, T).</param>
/// <param name="LowProbabilityAlive">P(alive) below the threshold.</param>
/// <param name="BrokenRhythm">Time since the last purchase (T − t_x) greater than k × the customer's mean inter-purchase interval t_x / x.</param>
/// <param name="AtRisk">Either flag.</param>
public sealed record ChurnAssessment(double[] ProbabilityAlive, bool[] LowProbabilityAlive, bool[] BrokenRhythm, bool[] AtRisk)
{
    /// <summary>Number of customers flagged at risk.</summary>
    public int AtRiskCount => AtRisk.Count(f => f);
}
