namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>Result of <see cref="KruskalWallis.Test"/>.</summary>
/// <param name="H">The tie-corrected H statistic.</param>
/// <param name="DegreesOfFreedom">K − 1.</param>
/// <param name="PValue">P(χ²_{K−1} ≥ H).</param>
/// <param name="EpsilonSquared">ε² = H / (n − 1) ∈ [0, 1]: rank-based effect size.</param>
/// <param name="Rows">n, rows with a value.</param>
/// <param name="Groups">K, segments with at least one value.</param>
public sealed record KruskalWallisResult(double H, int DegreesOfFreedom, double PValue, double EpsilonSquared, int Rows, int Groups);
