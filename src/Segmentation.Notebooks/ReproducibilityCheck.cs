using System.Globalization;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Validation;

namespace Segmentation.Notebooks;

/// <summary>
/// A reviewer's check that a saved segmentation model's validation numbers come back when the validation is re-run on its
/// training data: the data fingerprint, the training rows and segment sizes and every count are compared exactly; the
/// indices (inertia, silhouette, Calinski-Harabasz, Davies-Bouldin), the bootstrap ARIs and Jaccards, the LDA accuracy and
/// the per-feature ANOVA / Kruskal-Wallis statistics within a relative tolerance.
/// </summary>
/// <remarks>
/// Relative agreement: |a − b| ≤ tol · max(|a|, |b|) (two NaNs agree). The default tolerance 1e-12 leaves room only for a
/// different summation order of the same numbers (about 10⁴ ulps); any real change of data, options or code shows.
/// </remarks>
/// <param name="Items">Every comparison, stored order.</param>
/// <param name="RelativeTolerance">The tolerance used for the non-integer numbers.</param>
public sealed record ReproducibilityCheck(IReadOnlyList<ReproducibilityItem> Items, double RelativeTolerance)
{
    /// <summary>The default relative tolerance of the indices.</summary>
    public const double DefaultRelativeTolerance = 1e-12;

    /// <summary>True when every item agrees.</summary>
    public bool Passed => Items.All(i => i.Passed);

    /// <summary>The items that disagree.</summary>
    public IReadOnlyList<ReproducibilityItem> Failures => Items.Where(i => !i.Passed).ToArray();

    /// <summary>Compares what <paramref name="model"/> stores with what was recomputed from its training data.</summary>
    /// <param name="model">The saved model (its <see cref="SegmentationModel.Validation"/>, sizes, rows and fingerprint).</param>
    /// <param name="fingerprint">The fingerprint of the data the validation was re-run on (<see cref="DataFingerprint.Compute"/>).</param>
    /// <param name="segmentSizes">Customers the model assigns to each segment in that data.</param>
    /// <param name="validation">The re-run validation (<see cref="SegmentationModel.Validate"/>).</param>
    /// <param name="relativeTolerance">Tolerance of the non-integer numbers (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative or not finite.</exception>
    public static ReproducibilityCheck Compare(SegmentationModel model, string fingerprint, IReadOnlyList<int> segmentSizes, ValidationReport validation,
                                               double relativeTolerance = DefaultRelativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(segmentSizes);
        ArgumentNullException.ThrowIfNull(validation);
        if (!(relativeTolerance >= 0) || !double.IsFinite(relativeTolerance))
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "The tolerance must be finite and ≥ 0.");
        var items = new List<ReproducibilityItem>();
        string tol = "rel " + relativeTolerance.ToString("G3", CultureInfo.InvariantCulture);
        void Exact(string quantity, string stored, string recomputed) => items.Add(new(quantity, stored, recomputed, "exact", stored == recomputed));
        void Count(string quantity, long stored, long recomputed) => Exact(quantity, stored.ToString(CultureInfo.InvariantCulture), recomputed.ToString(CultureInfo.InvariantCulture));
        void Near(string quantity, double stored, double recomputed) =>
            items.Add(new(quantity, R(stored), R(recomputed), tol, Agree(stored, recomputed, relativeTolerance)));

        var stored = model.Validation;
        Exact("fingerprint (sha256)", model.Fingerprint, fingerprint);
        Count("training rows", model.TrainingRows, segmentSizes.Sum());
        Count("validated rows", stored.Rows, validation.Rows);
        Count("segments", stored.Segments, validation.Segments);
        for (int s = 0; s < model.Segments.Count; s++)
            Count($"segment {s} size", model.Segments[s].Size, s < segmentSizes.Count ? segmentSizes[s] : -1);
        Near("inertia", stored.Indices.Inertia, validation.Indices.Inertia);
        Near("silhouette", stored.Indices.Silhouette, validation.Indices.Silhouette);
        Near("Calinski-Harabasz", stored.Indices.CalinskiHarabasz, validation.Indices.CalinskiHarabasz);
        Near("Davies-Bouldin", stored.Indices.DaviesBouldin, validation.Indices.DaviesBouldin);
        if (stored.Stability is { } a && validation.Stability is { } b)
        {
            Count("bootstraps", a.Bootstraps, b.Bootstraps);
            Near("stability mean ARI", a.MeanAdjustedRand, b.MeanAdjustedRand);
            Near("stability min ARI", a.MinAdjustedRand, b.MinAdjustedRand);
            for (int s = 0; s < a.Segments.Count; s++)
            {
                var y = b.Segments.FirstOrDefault(x => x.Segment == a.Segments[s].Segment);
                Near($"segment {a.Segments[s].Segment} mean Jaccard", a.Segments[s].MeanJaccard, y?.MeanJaccard ?? double.NaN);
                Count($"segment {a.Segments[s].Segment} dissolved runs", a.Segments[s].DissolvedRuns, y?.DissolvedRuns ?? -1);
            }
        }
        else Exact("stability", stored.Stability is null ? "none" : "present", validation.Stability is null ? "none" : "present");
        Near("LDA accuracy", stored.Separability.LdaAccuracy, validation.Separability.LdaAccuracy);
        Exact("LDA confusion matrix", Matrix(stored.Separability.Confusion), Matrix(validation.Separability.Confusion));
        Exact("feature ranking", string.Join(",", stored.Separability.Features.Select(f => f.Feature)), string.Join(",", validation.Separability.Features.Select(f => f.Feature)));
        foreach (var f in stored.Separability.Features)
        {
            var g = validation.Separability.Features.FirstOrDefault(x => x.Feature == f.Feature);
            Near($"{f.Feature}: ANOVA F", f.Anova.F, g?.Anova.F ?? double.NaN);
            Near($"{f.Feature}: Kruskal-Wallis H", f.KruskalWallis.H, g?.KruskalWallis.H ?? double.NaN);
        }
        return new ReproducibilityCheck(items, relativeTolerance);
    }

    /// <summary>Throws when an item disagrees, listing every disagreement (so a notebook cell fails with the reasons).</summary>
    /// <exception cref="InvalidDataException">At least one stored number was not reproduced.</exception>
    public void ThrowIfFailed()
    {
        if (Passed) return;
        throw new InvalidDataException($"{Failures.Count} of {Items.Count} stored validation numbers were not reproduced: "
            + string.Join("; ", Failures.Select(f => $"{f.Quantity}: stored {f.Stored}, recomputed {f.Recomputed} ({f.Tolerance})")));
    }

    /// <summary>True when |a − b| ≤ tol · max(|a|, |b|), or both are NaN.</summary>
    public static bool Agree(double a, double b, double relativeTolerance)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b);
        if (a == b) return true;
        return Math.Abs(a - b) <= relativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Matrix(IEnumerable<IEnumerable<int>> m) => string.Join(" | ", m.Select(r => string.Join(" ", r)));

    /// <summary>"n of m reproduced" (invariant).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Items.Count - Failures.Count} of {Items.Count} stored numbers reproduced ({(Passed ? "PASSED" : "FAILED")})");
}
