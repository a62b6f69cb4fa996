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
    EquatableArray<string> ColumnNames,
    EquatableArray<EquatableArray<double>> MicroCentroids,
    EquatableArray<int> MicroSizes,
    EquatableArray<int> ClusterOfMicro,
    Dendrogram Dendrogram,
    EquatableArray<EquatableArray<double>> Centroids,
    EquatableArray<int> ClusterSizes) : FittedModel<TwoStepModel>, ISegmentAssigner
{
    /// <summary>Number of final clusters.</summary>
    [JsonIgnore] public int SegmentCount => Centroids.Length;

    /// <summary>Cluster of each row via its nearest micro-cluster.</summary>
    public int[] Predict(FeatureMatrix data)
    {
        int d = ColumnNames.Count, m = MicroCentroids.Length;
        var micro = NearestCentroid.Predict(MicroCentroids.Flatten(d), m, data, d);
        var clusterOfMicro = ClusterOfMicro.AsSpan();
        for (int i = 0; i < micro.Length; i++) micro[i] = clusterOfMicro[micro[i]];
        return micro;
    }

    /// <summary>Culture-invariant summary.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"TwoStepModel micro={MicroCentroids.Length} k={SegmentCount} sizes=[{string.Join(", ", ClusterSizes)}]");
}
