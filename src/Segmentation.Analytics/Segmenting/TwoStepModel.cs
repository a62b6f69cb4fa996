using Segmentation.Analytics.Serialization;
using System.Globalization;
using System.Text.Json.Serialization;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// A fitted two-step clustering: k-means micro-clusters, a weighted Ward tree over them, and its cut into k clusters.
/// A row goes to its nearest micro-cluster, then to that micro-cluster's cluster.
/// </summary>
/// <param name="ColumnNames">Feature names, in order.</param>
/// <param name="MicroCentroids">Centroids of the (non-empty) micro-clusters.</param>
/// <param name="MicroSizes">Training rows per micro-cluster (the Ward weights).</param>
/// <param name="ClusterOfMicro">Final cluster (0..k−1) of each micro-cluster.</param>
/// <param name="Dendrogram">Weighted Ward tree whose leaves are the micro-clusters.</param>
/// <param name="Centroids">Mean of the training rows of each final cluster.</param>
/// <param name="ClusterSizes">Training rows per final cluster.</param>
public sealed record TwoStepModel(
    IReadOnlyList<string> ColumnNames,
    double[][] MicroCentroids,
    int[] MicroSizes,
    int[] ClusterOfMicro,
    Dendrogram Dendrogram,
    double[][] Centroids,
    int[] ClusterSizes) : ISegmentAssigner
{
    /// <summary>Number of final clusters.</summary>
    [JsonIgnore] public int SegmentCount => Centroids.Length;

    /// <summary>Cluster of each row via its nearest micro-cluster.</summary>
    public int[] Predict(FeatureMatrix data)
    {
        int d = ColumnNames.Count, m = MicroCentroids.Length;
        var flat = new double[m * d];
        for (int j = 0; j < m; j++) MicroCentroids[j].CopyTo(flat, j * d);
        var micro = NearestCentroid.Predict(flat, m, data, d);
        for (int i = 0; i < micro.Length; i++) micro[i] = ClusterOfMicro[micro[i]];
        return micro;
    }

    /// <summary>Deterministic JSON (see <see cref="ModelJson"/>).</summary>
    public string ToJson() => ModelJson.Serialize(this);

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    public static TwoStepModel FromJson(string json) => ModelJson.Deserialize<TwoStepModel>(json);

    /// <summary>Culture-invariant summary.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"TwoStepModel micro={MicroCentroids.Length} k={SegmentCount} sizes=[{string.Join(", ", ClusterSizes)}]");
}
