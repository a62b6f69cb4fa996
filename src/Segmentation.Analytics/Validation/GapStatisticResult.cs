using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Validation;

/// <summary>The gap statistic for a range of k and the k it chooses.</summary>
/// <param name="Clusters">The k values, ascending.</param>
/// <param name="LogWithinDispersion">log W_k of the data (W_k = within-cluster sum of squares of the k-means fit).</param>
/// <param name="ExpectedLogWithinDispersion">(1/B) Σ_b log W*_kb over the reference sets.</param>
/// <param name="Gap">Gap(k) = (1/B) Σ_b log W*_kb − log W_k.</param>
/// <param name="StandardError">s_k = sd_k·√(1 + 1/B), sd_k the (1/B) standard deviation of log W*_kb.</param>
/// <param name="ChosenClusters">Smallest k with Gap(k) ≥ Gap(k+1) − s_{k+1}; if no k in range qualifies, the k with the largest gap.</param>
/// <param name="RuleSatisfied">False when the fallback (largest gap) was used.</param>
public sealed record GapStatisticResult(int[] Clusters, double[] LogWithinDispersion, double[] ExpectedLogWithinDispersion,
    double[] Gap, double[] StandardError, int ChosenClusters, bool RuleSatisfied)
{
    /// <summary>The gap of a given k.</summary>
    public double GapOf(int clusters) => Gap[Array.IndexOf(Clusters, clusters)];

    /// <summary>A culture-invariant table.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("k  log W  E*log W  gap  s_k\n");
        for (int i = 0; i < Clusters.Length; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{Clusters[i]}  {LogWithinDispersion[i]:F4}  {ExpectedLogWithinDispersion[i]:F4}  {Gap[i]:F4}  {StandardError[i]:F4}\n");
        sb.Append(CultureInfo.InvariantCulture, $"chosen k = {ChosenClusters}{(RuleSatisfied ? "" : " (largest gap; the 1-SE rule chose none)")}");
        return sb.ToString();
    }
}
