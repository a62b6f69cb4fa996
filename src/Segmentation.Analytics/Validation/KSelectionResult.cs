using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Validation;

/// <summary>The indices over a range of k, each index's choice, and a recommendation that explains itself.</summary>
/// <param name="Rows">One row per k, ascending.</param>
/// <param name="BySilhouette">k with the largest mean silhouette.</param>
/// <param name="ByCalinskiHarabasz">k with the largest Calinski-Harabasz.</param>
/// <param name="ByDaviesBouldin">k with the smallest Davies-Bouldin.</param>
/// <param name="ByGap">k chosen by the gap rule (may be 1 = no cluster structure), or null when skipped.</param>
/// <param name="RecommendedClusters">The k most indices choose; ties go to the silhouette's choice, then to the smaller k.</param>
/// <param name="Explanation">One sentence, e.g. "k = 4: silhouette and Calinski-Harabasz agree; gap says 5; Davies-Bouldin says 6."</param>
public sealed record KSelectionResult(IReadOnlyList<KSelectionRow> Rows, int BySilhouette, int ByCalinskiHarabasz, int ByDaviesBouldin,
    int? ByGap, int RecommendedClusters, string Explanation)
{
    /// <summary>A culture-invariant table followed by the explanation.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("k  inertia  silhouette  CH  DB  gap\n");
        foreach (var r in Rows)
            sb.Append(CultureInfo.InvariantCulture,
                $"{r.Clusters}  {r.Inertia:G6}  {r.Silhouette:F4}  {r.CalinskiHarabasz:F1}  {r.DaviesBouldin:F4}  {(r.Gap is double g ? g.ToString("F4", CultureInfo.InvariantCulture) : "-")}\n");
        return sb.Append(Explanation).ToString();
    }
}
