using Segmentation.Analytics.Validation;

namespace Segmentation.Notebooks;

public static partial class RichDisplay
{
    /// <summary>
    /// The k-selection table: one row per k with inertia, silhouette (± its standard error when estimated), Calinski-Harabasz,
    /// Davies-Bouldin and gap (± s_k); each index's choice in bold, the recommended k tinted, the explanation below.
    /// </summary>
    public static string KSelection(KSelectionResult result, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool gap = result.Rows.Any(r => r.Gap is not null);
        var t = new HtmlTable(T("k_selection", language))
            .Column(H("k", language), true).Column(H("inertia", language), true).Column(H("silhouette", language), true)
            .Column(H("calinski_harabasz", language), true).Column(H("davies_bouldin", language), true);
        if (gap) t.Column(H("gap", language), true);
        foreach (var r in result.Rows)
        {
            var cells = new List<string>
            {
                r.Clusters.ToString(System.Globalization.CultureInfo.InvariantCulture), HtmlText.Number(r.Inertia),
                HtmlText.Fixed(r.Silhouette, 4) + (r.SilhouetteStandardError > 0 ? " ± " + HtmlText.Fixed(r.SilhouetteStandardError, 4) : ""),
                HtmlText.Fixed(r.CalinskiHarabasz, 1), HtmlText.Fixed(r.DaviesBouldin, 4),
            };
            if (gap) cells.Add(r.Gap is double g ? HtmlText.Fixed(g, 4) + (r.GapStandardError is double s ? " ± " + HtmlText.Fixed(s, 4) : "") : "·");
            int row = t.Row([.. cells]);
            if (r.Clusters == result.BySilhouette) t.Emphasise(row, 2);
            if (r.Clusters == result.ByCalinskiHarabasz) t.Emphasise(row, 3);
            if (r.Clusters == result.ByDaviesBouldin) t.Emphasise(row, 4);
            if (gap && r.Clusters == result.ByGap) t.Emphasise(row, 5);
            if (r.Clusters == result.RecommendedClusters) { t.Highlight(row); t.Emphasise(row, 0); }
        }
        return t.ToHtml(HtmlText.Encode(result.Explanation));
    }

    /// <summary>Bootstrap stability per cluster (size, mean Jaccard, dissolved/recovered counts, level) and the mean adjusted Rand index.</summary>
    public static string Stability(StabilityResult result, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new HtmlTable(T("stability", language))
            .Column(H("cluster", language), true).Column(H("size", language), true).Column(H("mean_jaccard", language), true)
            .Column(H("dissolved", language), true).Column(H("recovered", language), true).Column(H("level", language));
        foreach (var c in result.Clusters)
        {
            int row = t.Row(c.Cluster.ToString(System.Globalization.CultureInfo.InvariantCulture), HtmlText.Count(c.Size), HtmlText.Fixed(c.MeanJaccard, 3),
                $"{c.DissolvedCount}/{c.Runs}", $"{c.RecoveredCount}/{c.Runs}", c.Level.ToString());
            if (c.Level == ClusterStabilityLevel.Dissolved) t.Emphasise(row, 5);
        }
        return t.ToHtml($"{T("mean_ari", language)}: {HtmlText.Fixed(result.MeanAdjustedRand, 3)}");
    }
}
