using Segmentation.Data;
using Segmentation.Synthetic;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Segmenting;

public sealed class PlantedSegmentRecoveryTests
{
    /// <summary>
    /// The whole pipeline on the bundled sample — ingest (with its injected defects), feature table in the engine,
    /// log1p of order value, z-scores, k-means — recovers the planted behavioural segments of ground_truth.json.
    /// </summary>
    [Fact]
    public void Kmeans_on_the_sample_feature_table_recovers_the_planted_segments()
    {
        var snapshot = new DateTime(2026, 10, 31);
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(snapshot));
        var features = CustomerFeatureTable.Build(ws, snapshot);
        var truth = ModelJson.Load<GroundTruth>(RepoPaths.Data("sample", "ground_truth.json"));

        // Customers who bought: recency, frequency, order value (log) and channel mix are the planted behaviours.
        var ids = features["customer_id"].Cast<string>().ToArray();
        var rows = new List<double[]>();
        var planted = new List<string>();
        for (int i = 0; i < ids.Length; i++)
        {
            if (features["recency_days"][i] is null || features["avg_order_value"][i] is null) continue;
            rows.Add([
                Convert.ToDouble(features["recency_days"][i]),
                Convert.ToDouble(features["frequency"][i]),
                Log1pTransform.Log1p(Convert.ToDouble(features["avg_order_value"][i])),
                Convert.ToDouble(features["online_share"][i]),
            ]);
            planted.Add(truth.CustomerSegments[ids[i]]);
        }
        var x = FeatureMatrix.FromRows(rows, ["recency_days", "frequency", "log_aov", "online_share"]);
        var z = new StandardScaler().Fit(x).Transform(x);
        var model = new KMeans(new KMeansOptions(Clusters: 6, Restarts: 10, Seed: 20261)).Fit(z);
        var labels = model.Predict(z);
        var keys = planted.Distinct().Order(StringComparer.Ordinal).ToList();
        var plantedLabels = planted.Select(p => keys.IndexOf(p)).ToArray();

        double ari = AdjustedRandIndex.Compute(labels, plantedLabels);
        Assert.True(ari >= 0.9, $"adjusted Rand index {ari:F3} < 0.9");
        Assert.True(rows.Count >= 4900, $"{rows.Count} buying customers");
    }
}
