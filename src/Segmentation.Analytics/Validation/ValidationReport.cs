using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Validation;

/// <summary>
/// Everything <see cref="SegmentationValidator"/> checks about a segmentation: are the segments compact and apart
/// (internal indices), reproducible (bootstrap stability) and distinguishable (discriminant analysis, feature tests)?
/// </summary>
/// <param name="Rows">Rows validated.</param>
/// <param name="Segments">Number of segments.</param>
/// <param name="Indices">Inertia, silhouette, Calinski-Harabasz, Davies-Bouldin.</param>
/// <param name="Stability">Bootstrap stability, or null when skipped.</param>
/// <param name="Separability">LDA accuracy and the ranked feature tests.</param>
public sealed record ValidationReport(int Rows, int Segments, InternalIndices Indices, StabilitySummary? Stability, SeparabilityResult Separability)
{
    /// <summary>A culture-invariant multi-line summary.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"{Rows} rows, {Segments} segments\n");
        sb.Append(inv, $"inertia {Indices.Inertia:G8} · silhouette {Indices.Silhouette:F4}{(Indices.SilhouetteExact ? "" : $" ± {Indices.SilhouetteStandardError:F4}")} · CH {Indices.CalinskiHarabasz:F1} · DB {Indices.DaviesBouldin:F4}\n");
        if (Stability is { } s)
        {
            sb.Append(inv, $"stability ({s.Bootstraps} bootstraps): mean ARI {s.MeanAdjustedRand:F3}; Jaccard ");
            sb.Append(string.Join(", ", s.Segments.Select(x => string.Create(inv, $"{x.Segment}:{x.MeanJaccard:F2}{(x.Dissolved ? " DISSOLVED" : "")}"))));
            sb.Append('\n');
        }
        sb.Append(inv, $"LDA {Separability.LdaFolds}-fold accuracy {Separability.LdaAccuracy:F4}\n");
        foreach (var f in Separability.Features)
            sb.Append(inv, $"{f.Rank}. {f.Feature}: F {f.Anova.F:G6} (p {f.Anova.PValue:G3}, η² {f.Anova.EtaSquared:F3}); H {f.KruskalWallis.H:G6} (p {f.KruskalWallis.PValue:G3}, ε² {f.KruskalWallis.EpsilonSquared:F3})\n");
        return sb.ToString().TrimEnd('\n');
    }
}
