using System.Globalization;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Analytics.Validation;

/// <summary>
/// Chooses the number of k-means clusters: fits k = MinClusters..MaxClusters and tabulates inertia, silhouette,
/// Calinski-Harabasz, Davies-Bouldin and the gap statistic, then recommends the k most indices agree on.
/// </summary>
public static class KSelection
{
    /// <summary>Fits and scores every k; see <see cref="KSelectionResult"/> for the recommendation rule.</summary>
    public static KSelectionResult Evaluate(FeatureMatrix data, KSelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(data.Rows);
        GapStatisticResult? gap = null;
        if (options.GapReferenceSets > 0)
            gap = GapStatistic.Compute(data, new GapStatisticOptions(1, Math.Min(options.MaxClusters + 1, data.Rows), options.GapReferenceSets,
                Restarts: Math.Max(1, options.Restarts / 2), Seed: options.Seed, MaxDegreeOfParallelism: options.MaxDegreeOfParallelism));
        var rows = new List<KSelectionRow>();
        for (int k = options.MinClusters; k <= options.MaxClusters; k++)
        {
            var model = new KMeans(new KMeansOptions(k, options.Restarts, Seed: options.Seed, MaxDegreeOfParallelism: options.MaxDegreeOfParallelism)).Fit(data);
            var labels = model.Predict(data);
            double silhouette, silhouetteSe = 0;
            if (data.Rows <= options.ExactSilhouetteMaxRows) silhouette = Validation.Silhouette.Score(data, labels, options.MaxDegreeOfParallelism);
            else
            {
                var estimate = Validation.Silhouette.Estimate(data, labels, options.SilhouetteSampleSize, options.Seed, maxDegreeOfParallelism: options.MaxDegreeOfParallelism);
                silhouette = estimate.Mean;
                silhouetteSe = estimate.StandardError;
            }
            rows.Add(new KSelectionRow(k, model.Inertia, silhouette, silhouetteSe,
                ClusterIndices.CalinskiHarabasz(data, labels), ClusterIndices.DaviesBouldin(data, labels),
                gap?.GapOf(k), gap is null ? null : gap.StandardError[Array.IndexOf(gap.Clusters, k)]));
        }
        int bySil = rows.MaxBy(r => r.Silhouette)!.Clusters;
        int byCh = rows.MaxBy(r => r.CalinskiHarabasz)!.Clusters;
        int byDb = rows.MinBy(r => r.DaviesBouldin)!.Clusters;
        int? byGap = gap is null ? null : GapChoice(gap, options.MaxClusters);
        var votes = new List<(string Index, int K)> { ("silhouette", bySil), ("Calinski-Harabasz", byCh), ("Davies-Bouldin", byDb) };
        if (byGap is int g) votes.Add(("gap", g));
        var groups = votes.GroupBy(v => v.K).Select(grp => (K: grp.Key, Names: grp.Select(v => v.Index).ToList())).ToList();
        int most = groups.Max(grp => grp.Names.Count);
        var tied = groups.Where(grp => grp.Names.Count == most).Select(grp => grp.K).ToList();
        int recommended = tied.Contains(bySil) ? bySil : tied.Min();
        return new KSelectionResult(rows, bySil, byCh, byDb, byGap, recommended, Explain(recommended, groups));
    }

    /// <summary>The gap rule restricted to k ≤ MaxClusters (Gap(MaxClusters + 1) is computed only to test MaxClusters).</summary>
    private static int GapChoice(GapStatisticResult gap, int maxClusters)
    {
        for (int t = 0; t + 1 < gap.Clusters.Length && gap.Clusters[t] <= maxClusters; t++)
            if (gap.Gap[t] >= gap.Gap[t + 1] - gap.StandardError[t + 1]) return gap.Clusters[t];
        int best = 0;
        for (int t = 1; t < gap.Clusters.Length && gap.Clusters[t] <= maxClusters; t++) if (gap.Gap[t] > gap.Gap[best]) best = t;
        return gap.Clusters[best];
    }

    private static string Explain(int recommended, List<(int K, List<string> Names)> groups)
    {
        var chosen = groups.First(grp => grp.K == recommended).Names;
        string head = chosen.Count == 1
            ? $"k = {recommended}: chosen by {chosen[0]} alone"
            : $"k = {recommended}: {Join(chosen)} agree";
        var others = groups.Where(grp => grp.K != recommended).OrderBy(grp => grp.K)
            .Select(grp => $"{Join(grp.Names)} {(grp.Names.Count == 1 ? "says" : "say")} {(grp.K == 1 ? "1 (no cluster structure)" : grp.K.ToString(CultureInfo.InvariantCulture))}");
        var rest = string.Join("; ", others);
        return rest.Length == 0 ? head + " (all indices agree)." : head + "; " + rest + ".";
    }

    private static string Join(List<string> names) =>
        names.Count <= 2 ? string.Join(" and ", names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
