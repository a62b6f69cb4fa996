namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>Result of <see cref="OneWayAnova.Test"/>.</summary>
/// <param name="F">The F statistic (∞ when every segment is constant).</param>
/// <param name="DegreesOfFreedomBetween">K − 1.</param>
/// <param name="DegreesOfFreedomWithin">n − K.</param>
/// <param name="PValue">P(F(K − 1, n − K) ≥ F).</param>
/// <param name="EtaSquared">η² = SS_between / SS_total ∈ [0, 1]: the share of the feature's variance the segments explain.</param>
/// <param name="Rows">n, rows with a value.</param>
/// <param name="Groups">K, segments with at least one value.</param>
public sealed record AnovaResult(double F, int DegreesOfFreedomBetween, int DegreesOfFreedomWithin, double PValue, double EtaSquared, int Rows, int Groups);
