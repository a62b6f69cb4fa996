using System.Globalization;
using System.Text.Json;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Tests.Statistics.Tests;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Tests.Validation;

public sealed class SegmentationValidatorTests
{
    private static readonly string[] Spend = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"];

    /// <summary>Wholesale customers: raw spend, ln(1 + spend), and labels (Channel − 1)·3 + (Region − 1).</summary>
    private static (FeatureMatrix Raw, FeatureMatrix Log, int[] Labels) Wholesale()
    {
        var columns = Spend.Select(f => OneWayAnovaAndKruskalWallisTests.Load("wholesale", "channel_region", f)).ToArray();
        var labels = columns[0].Labels;
        int n = labels.Length, d = Spend.Length;
        var raw = new double[n * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) raw[i * d + j] = columns[j].Values[i];
        return (new FeatureMatrix(raw, n, d, Spend), new FeatureMatrix(raw.Select(v => Math.Log(1 + v)).ToArray(), n, d, Spend), labels);
    }

    [Fact]
    public void Internal_indices_match_scikit_learn_on_wholesale_customers()
    {
        var (raw, log, labels) = Wholesale();
        var report = new SegmentationValidator(new ValidationOptions(Bootstraps: 0)).Validate(log, labels, separationFeatures: raw);
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("profiling", "validation_indices.json")));
        var r = doc.RootElement;
        Assert.True(report.Indices.SilhouetteExact);
        AssertRelative(r.GetProperty("inertia").GetDouble(), report.Indices.Inertia);
        AssertRelative(r.GetProperty("silhouette").GetDouble(), report.Indices.Silhouette);
        AssertRelative(r.GetProperty("calinski_harabasz").GetDouble(), report.Indices.CalinskiHarabasz);
        AssertRelative(r.GetProperty("davies_bouldin").GetDouble(), report.Indices.DaviesBouldin);
        Assert.Null(report.Stability);
    }

    [Fact]
    public void Features_are_ranked_by_the_eta_squared_scipy_gives()
    {
        var (raw, log, labels) = Wholesale();
        var report = new SegmentationValidator(new ValidationOptions(Bootstraps: 0)).Validate(log, labels, separationFeatures: raw);
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("profiling", "anova_kruskal.json")));
        var expected = doc.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("dataset").GetString() == "wholesale" && c.GetProperty("grouping").GetString() == "channel_region")
            .OrderByDescending(c => c.GetProperty("eta_squared").GetDouble())
            .Select(c => c.GetProperty("feature").GetString()).ToArray();
        Assert.Equal(expected, report.Separability.Features.Select(f => f.Feature));
        Assert.Equal(Enumerable.Range(1, 6), report.Separability.Features.Select(f => f.Rank));
        // Grocery and Detergents_Paper differ between channels beyond doubt (scipy p < 1e-50); Fresh less so.
        Assert.True(report.Separability.Features.First(f => f.Feature == "Grocery").Significant);
        Assert.InRange(report.Separability.LdaAccuracy, 0.3, 1.0);
        Assert.Equal(6, report.Separability.Confusion.Length);
        Assert.Equal(labels.Length, report.Separability.Confusion.Sum(row => row.Sum()));
    }

    [Fact]
    public void Stability_reports_every_segment_and_is_reproducible()
    {
        var (_, log, _) = Wholesale();
        var options = new KMeansOptions(3, 3, Seed: 5);
        var labels = new KMeans(options).Fit(log).Predict(log);
        var validator = new SegmentationValidator(new ValidationOptions(Bootstraps: 5, Seed: 11));
        ISegmentAssigner Refit(FeatureMatrix x, int run) => new KMeans(options with { Seed = 5 + run }).Fit(x);
        var a = validator.Validate(log, labels, Refit);
        var b = validator.Validate(log, labels, Refit);
        Assert.Equal(3, a.Stability!.Segments.Count);
        Assert.All(a.Stability.Segments, s => Assert.InRange(s.MeanJaccard, 0, 1));
        Assert.All(a.Stability.Segments, s => Assert.Equal(s.MeanJaccard < 0.6, s.Dissolved));
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(labels.Length, a.Stability.Segments.Sum(s => s.Size));
    }

    private static void AssertRelative(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"expected {expected:R}, got {actual:R}"));
}
