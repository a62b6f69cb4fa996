using System.Globalization;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Validation;

namespace Segmentation.Cli.Commands;

/// <summary>Console tables of segments, validation and profiles (shared by the segmentation commands).</summary>
internal static class SegmentTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Segments(IReadOnlyList<SegmentDefinition> segments, int[]? sizes = null)
    {
        int total = sizes?.Sum() ?? segments.Sum(s => s.Size);
        CliOutput.Table("Segments", ["#", "key", "名称", "name", "customers", "share"],
            segments.Select(s =>
            {
                int size = sizes?[s.Segment] ?? s.Size;
                return (IReadOnlyList<string>)[s.Segment.ToString(Inv), s.Key, s.NameZh, s.NameEn, size.ToString("N0", Inv), total == 0 ? "–" : (100.0 * size / total).ToString("F1", Inv) + " %"];
            }),
            new HashSet<int> { 0, 4, 5 });
    }

    /// <summary>The lineage of a refit: each segment continued (from which key, at what distance) or new, then the retired ones.</summary>
    public static void Lineage(SegmentationModel model, PreviousModelReference previous)
    {
        CliOutput.Table(string.Create(Inv, $"Lineage (previous model sha256 {previous.ModelSha256[..16]}…, {previous.Segments} segments, max distance {previous.MaxDistance:F3})"),
            ["#", "key", "status", "matched from", "distance"],
            model.Segments.Select(s => (IReadOnlyList<string>)[s.Segment.ToString(Inv), s.Key, s.MatchedFrom is null ? "new" : "continued", s.MatchedFrom ?? "–",
                s.MatchDistance?.ToString("F3", Inv) ?? "–"]),
            new HashSet<int> { 0, 4 });
        foreach (var r in model.RetiredSegments ?? [])
            CliOutput.Info(string.Create(Inv, $"retired: {r.Key} ({r.NameZh} / {r.NameEn}, {r.Size:N0} training customers); nearest new centroid at {r.NearestDistance:F3}"));
        int kept = model.Segments.Count(s => s.MatchedFrom is not null);
        CliOutput.Info(string.Create(Inv, $"lineage: {kept} continued, {model.SegmentCount - kept} new, {model.RetiredSegments?.Count ?? 0} retired"));
    }

    public static void Descriptions(IReadOnlyList<SegmentDefinition> segments)
    {
        foreach (var s in segments)
        {
            CliOutput.Info($"{s.Segment} {s.NameZh}：{s.DescriptionZh}");
            CliOutput.Info($"{s.Segment} {s.NameEn}: {s.DescriptionEn}");
        }
    }

    public static void Validation(ValidationReport report, IReadOnlyList<SegmentDefinition> segments)
    {
        var i = report.Indices;
        CliOutput.Table("Internal indices", ["index", "value", "reading"],
        [
            ["inertia (within SS)", i.Inertia.ToString("G8", Inv), "lower is tighter"],
            ["silhouette", i.SilhouetteExact ? i.Silhouette.ToString("F4", Inv) : $"{i.Silhouette.ToString("F4", Inv)} ± {i.SilhouetteStandardError.ToString("F4", Inv)} (95 % CI {i.SilhouetteLower.ToString("F4", Inv)}–{i.SilhouetteUpper.ToString("F4", Inv)})", "−1…1, > 0.5 reasonable structure"],
            ["Calinski-Harabasz", i.CalinskiHarabasz.ToString("F1", Inv), "higher is better"],
            ["Davies-Bouldin", i.DaviesBouldin.ToString("F4", Inv), "lower is better"],
        ], new HashSet<int> { 1 });
        if (report.Stability is { } s)
            CliOutput.Table($"Bootstrap stability ({s.Bootstraps} runs, mean ARI {s.MeanAdjustedRand.ToString("F3", Inv)})", ["#", "segment", "size", "mean Jaccard", "dissolved runs", "level"],
                s.Segments.Select(x => (IReadOnlyList<string>)[x.Segment.ToString(Inv), Name(segments, x.Segment), x.Size.ToString("N0", Inv), x.MeanJaccard.ToString("F3", Inv),
                    $"{x.DissolvedRuns}/{x.Runs}", (x.Dissolved ? "DISSOLVED" : x.Level.ToString()) + (2 * x.DissolvedRuns > x.Runs || segments.Any(d => d.Segment == x.Segment && d.Unstable) ? " · UNSTABLE" : "")]),
                new HashSet<int> { 0, 2, 3, 4 });
        foreach (var d in segments.Where(d => d.Unstable))
            CliOutput.Info($"warning: segment {d.Segment} ({d.NameZh} / {d.NameEn}, {d.Size:N0} customers) is unstable — below the minimum size or dissolved in more than half of the bootstrap runs when fitted; do not act on it alone");
        var sep = report.Separability;
        CliOutput.Info(sep.LdaProblem is null
            ? $"LDA {sep.LdaFolds}-fold cross-validated accuracy: {sep.LdaAccuracy.ToString("F4", Inv)}"
            : $"LDA not fitted: {sep.LdaProblem}");
        if (sep.Confusion.Length > 0)
            CliOutput.Table("LDA confusion (rows: segment, columns: predicted)", ["#", .. sep.Classes.Select(c => c.ToString(Inv))],
                sep.Classes.Select((c, r) => (IReadOnlyList<string>)[c.ToString(Inv), .. sep.Confusion[r].Select(v => v.ToString("N0", Inv))]),
                Enumerable.Range(0, sep.Classes.Length + 1).ToHashSet());
        CliOutput.Table("Features ranked by separation (η²)", ["rank", "feature", "ANOVA F", "p", "η²", "Kruskal-Wallis H", "p", "ε²", "significant"],
            sep.Features.Select(f => f.Constant
                ? (IReadOnlyList<string>)[f.Rank.ToString(Inv), f.Feature, "constant", "–", "–", "–", "–", "–", "no (one value for every customer)"]
                : (IReadOnlyList<string>)[f.Rank.ToString(Inv), f.Feature, f.Anova.F.ToString("G6", Inv), f.Anova.PValue.ToString("G3", Inv), f.Anova.EtaSquared.ToString("F3", Inv),
                f.KruskalWallis.H.ToString("G6", Inv), f.KruskalWallis.PValue.ToString("G3", Inv), f.KruskalWallis.EpsilonSquared.ToString("F3", Inv), f.Significant ? "yes" : "no"]),
            new HashSet<int> { 0, 2, 3, 4, 5, 6, 7 });
    }

    public static void Profiles(SegmentProfiles profiles, IReadOnlyList<SegmentDefinition> segments)
    {
        CliOutput.Table("Segment profiles", ["#", "segment", "customers", "share", "revenue share", "most distinctive (index, z)"],
            profiles.Segments.Select(p => (IReadOnlyList<string>)[p.Segment.ToString(Inv), Name(segments, p.Segment), p.Size.ToString("N0", Inv), (100 * p.Share).ToString("F1", Inv) + " %",
                p.Value.RevenueShare is double r && double.IsFinite(r) ? (100 * r).ToString("F1", Inv) + " %" : "–",
                string.Join("; ", p.TopFeatures.Take(3).Select(f => p.Feature(f)!).Select(f => $"{f.Feature} {f.Index.ToString("F0", Inv)} ({f.ZScore.ToString("+0.00;-0.00", Inv)})"))]),
            new HashSet<int> { 0, 2, 3, 4 });
        var features = profiles.Population.Select(f => f.Feature).ToArray();
        CliOutput.Table("Mean by segment (index vs population, 100 = average)", ["feature", "population", .. profiles.Segments.Select(p => p.Segment.ToString(Inv))],
            features.Select(f => (IReadOnlyList<string>)[f, profiles.Population.First(p => p.Feature == f).Mean.ToString("G4", Inv),
                .. profiles.Segments.Select(p => p.Feature(f) is { } fp && double.IsFinite(fp.Mean) ? $"{fp.Mean.ToString("G4", Inv)} ({(double.IsFinite(fp.Index) ? fp.Index.ToString("F0", Inv) : "–")})" : "–")]),
            Enumerable.Range(1, profiles.Segments.Count + 1).ToHashSet());
    }

    private static string Name(IReadOnlyList<SegmentDefinition> segments, int segment) =>
        segments.FirstOrDefault(s => s.Segment == segment) is { } s ? $"{s.NameZh} / {s.NameEn}" : segment.ToString(Inv);
}
