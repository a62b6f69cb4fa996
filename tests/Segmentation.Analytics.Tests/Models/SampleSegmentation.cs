using System.Text.Json;
using Microsoft.Data.Analysis;
using Segmentation.Data;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Models;

/// <summary>The synthetic sample (data/sample) as a feature table, its planted segments, and one shared k = 6 fit (read-only after creation).</summary>
public static class SampleSegmentation
{
    public static DateTime Snapshot { get; } = new(2026, 10, 31);

    /// <summary>The behavioural features the sample's README says recover the planted segments (ARI ≥ 0.94).</summary>
    public static SegmentationOptions Options { get; } = new(
        ["recency_days", "frequency", "avg_order_value", "online_share"], 6,
        LogFeatures: ["avg_order_value"], Seed: 20261, Restarts: 4,
        Validation: new ValidationOptions(Bootstraps: 3));

    private static readonly Lazy<DataFrame> features = new(() =>
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(Snapshot));
        return CustomerFeatureTable.Build(ws, Snapshot);
    });

    private static readonly Lazy<Dictionary<string, string>> planted = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("sample", "ground_truth.json")));
        return doc.RootElement.GetProperty("customerSegments").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    });

    private static readonly Lazy<(SegmentationModel Model, int[] Labels)> fit = new(() => new SegmentationModelBuilder(Options).FitWithLabels(Features));

    /// <summary>One row per customer, the columns of <see cref="FeatureCatalog"/>.</summary>
    public static DataFrame Features => features.Value;

    /// <summary>Planted segment key by customer id.</summary>
    public static IReadOnlyDictionary<string, string> Planted => planted.Value;

    /// <summary>The shared fit of <see cref="Options"/> on <see cref="Features"/>.</summary>
    public static (SegmentationModel Model, int[] Labels) Fit => fit.Value;

    /// <summary>Customer ids in frame order.</summary>
    public static string[] Ids => Features["customer_id"].Cast<string>().ToArray();
}
