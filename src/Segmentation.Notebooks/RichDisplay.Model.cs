using System.Globalization;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Validation;

namespace Segmentation.Notebooks;

public static partial class RichDisplay
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A validation report: the internal indices, bootstrap stability per segment (mean Jaccard, dissolved runs, level),
    /// LDA accuracy with its confusion matrix, and every variable's ANOVA / Kruskal-Wallis separation, ranked by η².
    /// </summary>
    public static string ValidationReport(ValidationReport report, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(report);
        var i = report.Indices;
        var indices = new HtmlTable($"{T("validation_report", language)} · {HtmlText.Count(report.Rows)} {T("rows_unit", language)} · {report.Segments} {T("segments_unit", language)}")
            .Column(H("metric", language)).Column(H("value", language), true);
        indices.Row(DisplayLabels.Text("inertia", language), HtmlText.Fixed(i.Inertia, 2));
        indices.Row(DisplayLabels.Text("silhouette", language), HtmlText.Fixed(i.Silhouette, 4) + (i.SilhouetteExact ? "" : $" ± {HtmlText.Fixed(i.SilhouetteStandardError, 4)}"));
        indices.Row(DisplayLabels.Text("calinski_harabasz", language), HtmlText.Fixed(i.CalinskiHarabasz, 1));
        indices.Row(DisplayLabels.Text("davies_bouldin", language), HtmlText.Fixed(i.DaviesBouldin, 4));
        if (report.Stability is { } st) indices.Row(DisplayLabels.Text("mean_ari", language), $"{HtmlText.Fixed(st.MeanAdjustedRand, 4)} (min {HtmlText.Fixed(st.MinAdjustedRand, 4)})");
        var sep = report.Separability;
        indices.Row(DisplayLabels.Text("lda_accuracy", language) + $" ({sep.LdaFolds}-fold)", double.IsNaN(sep.LdaAccuracy) ? "– " + (sep.LdaProblem ?? "") : HtmlText.Percent(sep.LdaAccuracy));
        var html = indices.ToHtml();

        if (report.Stability is { } s)
        {
            var stability = new HtmlTable($"{T("stability", language)} · B = {s.Bootstraps}")
                .Column(H("segment", language), true).Column(H("size", language), true).Column(H("mean_jaccard", language), true)
                .Column(H("dissolved", language), true).Column(H("level", language));
            foreach (var x in s.Segments)
            {
                int row = stability.Row(x.Segment.ToString(Inv), HtmlText.Count(x.Size), HtmlText.Fixed(x.MeanJaccard, 3), $"{x.DissolvedRuns}/{x.Runs}", x.Level.ToString());
                if (x.Dissolved) stability.Emphasise(row, 4);
            }
            html += stability.ToHtml($"{T("mean_ari", language)}: {HtmlText.Fixed(s.MeanAdjustedRand, 3)} · Jaccard ≥ 0.75 stable, &lt; 0.6 dissolved (Hennig 2007).");
        }

        if (sep.Confusion.Length > 0)
        {
            var confusion = new HtmlTable(T("confusion", language)).Column(H("segment", language), true);
            foreach (var c in sep.Classes) confusion.Column(c.ToString(Inv), true);
            for (int r = 0; r < sep.Classes.Length; r++)
            {
                int row = confusion.Row([sep.Classes[r].ToString(Inv), .. sep.Confusion[r].Select(v => HtmlText.Count(v))]);
                confusion.Emphasise(row, r + 1);
            }
            html += confusion.ToHtml();
        }

        var features = new HtmlTable(T("separation", language))
            .Column(H("rank", language), true).Column(H("variable", language)).Column(H("anova_f", language), true).Column(H("eta2", language), true)
            .Column(H("kw_h", language), true).Column(H("epsilon2", language), true).Column(H("p_value", language), true).Column(H("significant", language));
        foreach (var f in sep.Features)
            features.Row(f.Rank.ToString(Inv), f.Feature, HtmlText.Number(f.Anova.F), HtmlText.Fixed(f.Anova.EtaSquared, 3), HtmlText.Number(f.KruskalWallis.H),
                HtmlText.Fixed(f.KruskalWallis.EpsilonSquared, 3), PValue(Math.Max(f.Anova.PValue, f.KruskalWallis.PValue)), YesNo(f.Significant, language));
        return html + features.ToHtml("p = max(p_ANOVA, p_Kruskal-Wallis); η² = SS_between / SS_total, ε² = H / (n − 1).");
    }

    /// <summary>
    /// Segment profiles, one column per segment: size, share and revenue share, then per numeric feature the segment mean
    /// with its index (100 × segment mean / population mean; ≥ 120 or ≤ 80 in bold) next to the population mean, and the
    /// segment's most distinctive features last.
    /// </summary>
    /// <param name="profiles">The profiles.</param>
    /// <param name="features">Features to show (default: every profiled numeric feature).</param>
    /// <param name="segmentNames">Display names by segment index (default: the index).</param>
    /// <param name="language">Header language.</param>
    public static string SegmentProfiles(SegmentProfiles profiles, IReadOnlyList<string>? features = null, IReadOnlyList<string>? segmentNames = null,
                                         DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var names = features ?? profiles.Population.Select(p => p.Feature).ToArray();
        var segments = profiles.Segments;
        var t = new HtmlTable($"{T("profiles", language)} · {HtmlText.Count(profiles.Rows)} {T("customers", language)}").Column(H("variable", language));
        foreach (var p in segments)
            t.Column(HtmlText.Encode(segmentNames is not null && p.Segment < segmentNames.Count ? segmentNames[p.Segment] : $"{DisplayLabels.Text("segment", language)} {p.Segment}"), true);
        t.Column(H("total", language), true);
        t.Row([DisplayLabels.Text("size", language), .. segments.Select(p => HtmlText.Count(p.Size)), HtmlText.Count(profiles.Rows)]);
        t.Row([DisplayLabels.Text("share", language), .. segments.Select(p => HtmlText.Percent(p.Share)), "100.0%"]);
        t.Row([DisplayLabels.Text("revenue_share", language), .. segments.Select(p => p.Value.RevenueShare is double r ? HtmlText.Percent(r) : "·"), "100.0%"]);
        foreach (var f in names)
        {
            var population = profiles.Population.FirstOrDefault(x => x.Feature == f);
            int row = t.Row([f, .. segments.Select(p => p.Feature(f) is { } x ? $"{Mean(x.Mean)} ({(double.IsFinite(x.Index) ? x.Index.ToString("0", Inv) : "·")})" : "·"),
                population is null ? "·" : Mean(population.Mean)]);
            for (int s = 0; s < segments.Count; s++)
                if (segments[s].Feature(f) is { } x && double.IsFinite(x.Index) && (x.Index >= 120 || x.Index <= 80)) t.Emphasise(row, s + 1);
        }
        t.Row([DisplayLabels.Text("top_features", language), .. segments.Select(p => string.Join(", ", p.TopFeatures)), ""]);
        return t.ToHtml("mean (index = 100 × segment mean / population mean; 100 = average); bold: index ≥ 120 or ≤ 80.");

        static string Mean(double v) => double.IsFinite(v) ? HtmlText.Number(Math.Round(v, Math.Abs(v) >= 100 ? 0 : 2)) : "·";
    }

    /// <summary>
    /// A segmentation model: method, k, training rows, clustering space and fingerprint, then one row per segment with its
    /// key, Chinese and English names, description, size and share (analyst-named segments marked); for a refit with lineage also the
    /// previous key each segment continues (or "new") and the centroid distance, and below the table the previous model and the retired segments.
    /// </summary>
    public static string SegmentationModel(SegmentationModel model, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(model);
        var overridden = model.Overrides.Select(o => o.Segment).ToHashSet();
        var caption = $"{T("model", language)} · {model.Clustering.Method} k = {model.SegmentCount} · {HtmlText.Count(model.TrainingRows)} {T("rows_unit", language)} · "
                      + $"[{HtmlText.Encode(string.Join(", ", model.ModelColumns))}] · seed {model.Options.Seed}";
        var t = new HtmlTable(caption)
            .Column(H("segment", language), true).Column(H("key", language)).Column(H("name", language)).Column(H("description", language))
            .Column(H("size", language), true).Column(H("share", language), true).Column(H("overridden", language));
        bool lineage = model.PreviousModel is not null;
        if (lineage) t.Column(H("lineage", language)).Column(H("match_distance", language), true);
        foreach (var s in model.Segments)
        {
            string name = language switch { DisplayLanguage.Chinese => s.NameZh, DisplayLanguage.English => s.NameEn, _ => $"{s.NameZh} / {s.NameEn}" };
            string description = language switch { DisplayLanguage.Chinese => s.DescriptionZh, DisplayLanguage.English => s.DescriptionEn, _ => $"{s.DescriptionZh} {s.DescriptionEn}" };
            string[] cells = [s.Segment.ToString(Inv), s.Key, name, description, HtmlText.Count(s.Size), HtmlText.Percent(s.Share), overridden.Contains(s.Segment) ? "✓" : ""];
            int row = lineage
                ? t.Row([.. cells, s.MatchedFrom ?? DisplayLabels.Text("new_segment", language), s.MatchDistance is double d ? HtmlText.Fixed(d, 3) : "·"])
                : t.Row(cells);
            if (lineage && s.MatchedFrom is null) t.Highlight(row);
        }
        var note = $"{T("fingerprint", language)}: sha256 {HtmlText.Encode(model.Fingerprint)} · within SS {HtmlText.Fixed(model.Clustering.WithinSumOfSquares, 4)}";
        if (model.PreviousModel is { } previous)
        {
            note += $" · {T("previous_model", language)}: sha256 {HtmlText.Encode(previous.ModelSha256[..16])}… ({previous.TrainingSnapshot?.ToString("yyyy-MM-dd", Inv) ?? "·"}, k = {previous.Segments}), "
                    + $"{T("max_distance", language)} {HtmlText.Fixed(previous.MaxDistance, 3)}";
            foreach (var r in model.RetiredSegments ?? [])
                note += $" · {T("retired", language)}: {HtmlText.Encode(r.Key)} ({HtmlText.Count(r.Size)}; {HtmlText.Fixed(r.NearestDistance, 3)})";
        }
        return t.ToHtml(note);
    }

    /// <summary>Generated (or overridden) segment names: key, Chinese and English names, the descriptions, the traits used.</summary>
    public static string SegmentNames(IEnumerable<SegmentName> names, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(names);
        var t = new HtmlTable(T("segment_names", language))
            .Column(H("segment", language), true).Column(H("key", language)).Column("中文").Column("English").Column(H("description", language)).Column(H("overridden", language));
        foreach (var n in names)
        {
            string description = language switch { DisplayLanguage.Chinese => n.DescriptionZh, DisplayLanguage.English => n.DescriptionEn, _ => $"{n.DescriptionZh} {n.DescriptionEn}" };
            int row = t.Row(n.Segment.ToString(Inv), n.Key, n.Zh, n.En, description, n.Overridden ? "✓" : "");
            if (n.Overridden) t.Highlight(row);
        }
        return t.ToHtml();
    }

    /// <summary>A reviewer re-run: every stored number with its recomputed value, the tolerance and whether it agrees (failures tinted).</summary>
    public static string Reproducibility(ReproducibilityCheck check, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(check);
        var t = new HtmlTable($"{T("rerun_check", language)} · {HtmlText.Encode(check.ToString())}")
            .Column(H("quantity", language)).Column(H("stored", language), true).Column(H("recomputed", language), true).Column(H("tolerance", language))
            .Column(H("passed", language));
        foreach (var i in check.Items)
        {
            int row = t.Row(i.Quantity, Short(i.Stored), Short(i.Recomputed), i.Tolerance, YesNo(i.Passed, language));
            if (!i.Passed) { t.Highlight(row); t.Emphasise(row, 4); }
        }
        return t.ToHtml("Counts, sizes and the fingerprint must match exactly; indices within the relative tolerance |a − b| ≤ tol · max(|a|, |b|).");

        static string Short(string s) => s.Length > 80 ? s[..77] + "…" : s;
    }

    private static string PValue(double p) => double.IsNaN(p) ? "·" : p < 1e-4 ? "< 0.0001" : HtmlText.Fixed(p, 4);
}
