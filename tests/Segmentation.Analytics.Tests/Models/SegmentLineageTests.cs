using System.Security.Cryptography;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Randomness;
using Segmentation.Analytics.Validation;
using Segmentation.Data;
using Xunit.Abstractions;

namespace Segmentation.Analytics.Tests.Models;

public sealed class SegmentLineageTests(ITestOutputHelper output)
{
    /// <summary>The committed model (fitted at 2025-10-31), the sample's feature table at its snapshot, and the workspace to take later snapshots from.</summary>
    private static readonly Lazy<(SegmentationModel Previous, DataFrame Before, DataWorkspace Workspace)> sample = new(() =>
    {
        var previous = SegmentationModel.Load(RepoPaths.Data("sample", "segmentation-model.json"));
        var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(SampleSegmentation.Snapshot));
        return (previous, CustomerFeatureTable.Build(ws, previous.TrainingSnapshot!.Value.ToDateTime(TimeOnly.MinValue)), ws);
    });

    private static readonly object workspaceLock = new();

    private static DataFrame FeaturesAt(DateTime snapshot)
    {
        if (snapshot == SampleSegmentation.Snapshot) return SampleSegmentation.Features;
        lock (workspaceLock) return CustomerFeatureTable.Build(sample.Value.Workspace, snapshot);
    }

    /// <summary>For each planted segment, the key of the model segment most of its customers are in.</summary>
    private static Dictionary<string, string> PlantedToKey(SegmentationModel model, DataFrame features)
    {
        var assignment = model.Assign(features);
        var keys = assignment.Keys;
        return assignment.CustomerIds!.Select((id, i) => (Planted: SampleSegmentation.Planted[id!], Key: keys[i]))
            .GroupBy(x => x.Planted)
            .ToDictionary(g => g.Key, g => g.GroupBy(x => x.Key).OrderByDescending(k => k.Count()).ThenBy(k => k.Key, StringComparer.Ordinal).First().Key);
    }

    /// <summary>One month after the committed model (the monthly refit the default maximum distance is made for; measured centroid
    /// moves 0.17–0.32 against a default of 0.67), and a year after with a maximum distance set for that gap (moves 0.43–4.5).</summary>
    public static TheoryData<string, double?> LaterSnapshots() => new() { { "2025-11-30", null }, { "2026-10-31", 5.0 } };

    [Theory]
    [MemberData(nameof(LaterSnapshots))]
    public void A_refit_on_a_later_snapshot_of_the_sample_keeps_the_key_of_every_planted_segment(string snapshot, double? maxDistance)
    {
        var (previous, before, _) = sample.Value;
        var after = FeaturesAt(DateTime.Parse(snapshot, System.Globalization.CultureInfo.InvariantCulture));
        // The refit: the committed model's options on the later snapshot, continuing the committed model.
        var refit = new SegmentationModelBuilder(previous.Options).Fit(after).WithLineage(previous, new LineageOptions(maxDistance));
        output.WriteLine(refit.ToString());
        var was = PlantedToKey(previous, before);
        var now = PlantedToKey(refit, after);
        Assert.Equal(6, was.Values.Distinct().Count()); // each planted segment has its own model segment
        foreach (var (planted, key) in was) Assert.Equal(key, now[planted]);
        // Every segment continues one (k = 6 both times): none new, none retired, each within the maximum distance.
        Assert.All(refit.Segments, s => Assert.NotNull(s.MatchedFrom));
        Assert.Empty(refit.RetiredSegments!);
        double max = maxDistance ?? SegmentLineage.DefaultMaxDistance(previous);
        Assert.Equal(max, refit.PreviousModel!.MaxDistance);
        Assert.All(refit.Segments, s => Assert.InRange(s.MatchDistance!.Value, 0, max));
        // Kept keys come with the previous names; the descriptions quote the new numbers.
        foreach (var s in refit.Segments)
        {
            var p = previous.Segments.Single(x => x.Key == s.MatchedFrom);
            Assert.Equal((p.Key, p.NameZh, p.NameEn), (s.Key, s.NameZh, s.NameEn));
        }
        // The previous model is identified by the SHA-256 of its file (what sha256sum prints), its fingerprint and snapshot.
        var bytes = File.ReadAllBytes(RepoPaths.Data("sample", "segmentation-model.json"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), refit.PreviousModel.ModelSha256);
        Assert.Equal(previous.Fingerprint, refit.PreviousModel.Fingerprint);
        Assert.Equal(previous.TrainingSnapshot, refit.PreviousModel.TrainingSnapshot);
    }

    [Fact]
    public void Distances_are_measured_in_the_previous_models_scaled_space()
    {
        var previous = sample.Value.Previous;
        var after = SampleSegmentation.Features;
        var refit = new SegmentationModelBuilder(previous.Options).Fit(after);
        var lineage = SegmentLineage.Compute(previous, refit);
        // Independent computation: the refit's segments are the nearest-centroid cells of the refit (k-means); their rows transformed by
        // the previous model's frozen pipeline and averaged are the refit centroids in the previous space. Equal up to the imputation
        // (3 customers without purchases, imputed with the new medians in one and the old in the other): 1e-3.
        var labels = refit.Assign(after).Segments;
        var x = previous.Transform(after);
        for (int s = 0; s < refit.SegmentCount; s++)
        {
            var rows = Enumerable.Range(0, x.Rows).Where(i => labels[i] == s).ToArray();
            var mean = Enumerable.Range(0, x.Columns).Select(j => rows.Average(i => x.Values[i * x.Columns + j])).ToArray();
            for (int p = 0; p < previous.SegmentCount; p++)
            {
                double d = Math.Sqrt(mean.Select((v, j) => Math.Pow(v - previous.Segments[p].Centroid[j], 2)).Sum());
                Assert.Equal(d, lineage.Distances[s][p], 1e-3);
            }
        }
    }

    /// <summary>Planted blobs of 150 customers on two features: centres (x, y), sd 1, seeded.</summary>
    private static DataFrame Blobs(int seed, params (double X, double Y)[] centres)
    {
        var random = new StreamRandom(seed);
        var ids = new StringDataFrameColumn("customer_id");
        var spend = new DoubleDataFrameColumn("spend");
        var visits = new DoubleDataFrameColumn("visits");
        var planted = new StringDataFrameColumn("planted");
        for (int c = 0; c < centres.Length; c++)
            for (int i = 0; i < 150; i++)
            {
                ids.Append($"S{seed}-{c}-{i:D3}");
                spend.Append(centres[c].X + random.Normal());
                visits.Append(centres[c].Y + random.Normal());
                planted.Append($"blob{c}");
            }
        return new DataFrame(ids, spend, visits, planted);
    }

    private static SegmentationOptions BlobOptions => new(["spend", "visits"], 4, Seed: 7, Restarts: 4, Validation: new ValidationOptions(Bootstraps: 0));

    [Fact]
    public void A_vanished_planted_segment_is_retired_and_a_new_planted_one_is_new()
    {
        // Month 1: four blobs. Month 2: blob 3 (10, 10) is gone, a new blob appears at (25, 25); the other three drift a little.
        var month1 = Blobs(1, (0, 0), (10, 0), (0, 10), (10, 10));
        var month2 = Blobs(2, (0.4, 0.3), (10.2, -0.3), (-0.2, 10.4), (25, 25));
        var previous = new SegmentationModelBuilder(BlobOptions).Fit(month1);
        var refit = new SegmentationModelBuilder(BlobOptions).Fit(month2).WithLineage(previous);
        output.WriteLine(previous.ToString());
        output.WriteLine(refit.ToString());
        string KeyOf(SegmentationModel m, DataFrame f, string blob)
        {
            var keys = m.Assign(f).Keys;
            var rows = Enumerable.Range(0, keys.Length).Where(i => (string)f["planted"][i] == blob).ToArray();
            Assert.Single(rows.Select(i => keys[i]).Distinct()); // well separated: every blob is one segment
            return keys[rows[0]];
        }
        foreach (var blob in new[] { "blob0", "blob1", "blob2" }) Assert.Equal(KeyOf(previous, month1, blob), KeyOf(refit, month2, blob));
        string vanished = KeyOf(previous, month1, "blob3"), appeared = KeyOf(refit, month2, "blob3");
        var retired = Assert.Single(refit.RetiredSegments!);
        Assert.Equal(vanished, retired.Key);
        var fresh = Assert.Single(refit.Segments, s => s.MatchedFrom is null);
        Assert.Equal(appeared, fresh.Key);
        Assert.Null(fresh.MatchDistance);
        // A key always means one lineage: the new segment takes no key or name of the previous model, retired ones included.
        Assert.DoesNotContain(fresh.Key, previous.Segments.Select(s => s.Key));
        Assert.DoesNotContain(fresh.NameEn, previous.Segments.Select(s => s.NameEn));
        Assert.DoesNotContain(fresh.NameZh, previous.Segments.Select(s => s.NameZh));
        Assert.Equal(refit.SegmentCount, refit.Segments.Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public void Lineage_is_written_to_the_model_file_and_read_back_and_a_model_without_it_writes_none()
    {
        var previous = new SegmentationModelBuilder(BlobOptions).Fit(Blobs(1, (0, 0), (10, 0), (0, 10), (10, 10)));
        var refit = new SegmentationModelBuilder(BlobOptions).Fit(Blobs(2, (0, 0), (10, 0), (0, 10), (25, 25))).WithLineage(previous, new LineageOptions(MaxDistance: 0.5));
        var json = refit.ToJson();
        foreach (var field in new[] { "\"previousModel\"", "\"modelSha256\"", "\"matchedFrom\"", "\"matchDistance\"", "\"retiredSegments\"", "\"maxDistance\": 0.5" })
            Assert.Contains(field, json);
        var loaded = SegmentationModel.FromJson(json);
        Assert.Equal(json, loaded.ToJson());
        Assert.Equal(refit.Segments.Select(s => (s.Key, s.MatchedFrom, s.MatchDistance)), loaded.Segments.Select(s => (s.Key, s.MatchedFrom, s.MatchDistance)));
        Assert.Equal(refit.RetiredSegments, loaded.RetiredSegments);
        foreach (var field in new[] { "previousModel", "matchedFrom", "matchDistance", "retiredSegments" })
            Assert.DoesNotContain(field, previous.ToJson());
        // An analyst's override on the refit still wins over the kept name, and keeps the lineage.
        var overridden = refit.WithOverrides([new Segmentation.Analytics.Profiling.NameOverride(0, "核心", "Core")]);
        Assert.Equal("Core", overridden.Segments[0].NameEn);
        Assert.Equal(refit.Segments[0].MatchedFrom, overridden.Segments[0].MatchedFrom);
    }

    [Fact]
    public void A_smaller_maximum_distance_turns_drifted_segments_into_new_and_retired_ones()
    {
        var previous = new SegmentationModelBuilder(BlobOptions).Fit(Blobs(1, (0, 0), (10, 0), (0, 10), (10, 10)));
        var refit = new SegmentationModelBuilder(BlobOptions).Fit(Blobs(2, (0, 0), (10, 0), (0, 10), (10, 10)));
        var loose = SegmentLineage.Compute(previous, refit);
        Assert.All(loose.Matches, m => Assert.True(m.Continued));
        double smallest = loose.Matches.Min(m => m.Distance!.Value);
        var strict = SegmentLineage.Compute(previous, refit, new LineageOptions(MaxDistance: smallest / 2));
        Assert.All(strict.Matches, m => Assert.False(m.Continued));
        Assert.Equal(4, strict.Retired.Count);
    }

    [Fact]
    public void Models_on_other_features_cannot_be_matched_and_the_message_names_them()
    {
        var frame = Blobs(1, (0, 0), (10, 0), (0, 10), (10, 10));
        var previous = new SegmentationModelBuilder(BlobOptions).Fit(frame);
        var other = new SegmentationModelBuilder(BlobOptions with { Features = ["spend"] }).Fit(frame);
        var e = Assert.Throws<ArgumentException>(() => other.WithLineage(previous));
        Assert.Contains("spend, visits", e.Message);
        var logged = new SegmentationModelBuilder(BlobOptions with { LogFeatures = ["visits"] }).Fit(Blobs(3, (1, 1), (10, 1), (1, 10), (10, 10)));
        Assert.Contains("log-transforms", Assert.Throws<ArgumentException>(() => logged.WithLineage(previous)).Message);
        Assert.Equal("MaxDistance", Assert.Throws<ArgumentOutOfRangeException>(() => previous.WithLineage(previous, new LineageOptions(-1))).ParamName);
    }
}
