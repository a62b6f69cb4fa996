using System.Globalization;
using System.Text.Json.Serialization;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// A fitted Ward hierarchy: the full <see cref="Dendrogram"/> of the training rows and its cut into k clusters, whose
/// centroids classify new rows (nearest centroid).
/// </summary>
/// <param name="ColumnNames">Feature names, in order.</param>
/// <param name="Dendrogram">All n − 1 merges (scipy linkage format).</param>
/// <param name="Labels">Cluster (0..k−1, scipy fcluster numbering − 1) of every training row.</param>
/// <param name="Centroids">Mean of each cut cluster.</param>
/// <param name="ClusterSizes">Training rows per cut cluster.</param>
/// <param name="WithinSumOfSquares">Σ ‖x_i − c_{label(i)}‖² of the cut (Ward's objective).</param>
public sealed record WardModel(
    EquatableArray<string> ColumnNames,
    Dendrogram Dendrogram,
    EquatableArray<int> Labels,
    EquatableArray<EquatableArray<double>> Centroids,
    EquatableArray<int> ClusterSizes,
    double WithinSumOfSquares) : FittedModel<WardModel>, ISegmentAssigner
{
    /// <summary>Number of clusters of the cut.</summary>
    [JsonIgnore] public int SegmentCount => Centroids.Length;

    /// <summary>Nearest cut centroid of every row. On the training data this may differ from <see cref="Labels"/> for rows
    /// nearer another cluster's centroid than their own (Ward does not guarantee a Voronoi partition).</summary>
    public int[] Predict(FeatureMatrix data)
    {
        int d = ColumnNames.Count;
        return NearestCentroid.Predict(Centroids.Flatten(d), SegmentCount, data, d);
    }

    /// <summary>The same tree cut into another number of clusters (needs the training data for the centroids).</summary>
    public WardModel Recut(FeatureMatrix trainingData, int clusters)
    {
        ArgumentNullException.ThrowIfNull(trainingData);
        if (trainingData.Rows != Dendrogram.Leaves)
            throw new ArgumentException($"trainingData has {trainingData.Rows} rows; the tree has {Dendrogram.Leaves} leaves.", nameof(trainingData));
        return Cut(trainingData, Dendrogram, clusters);
    }

    internal static WardModel Cut(FeatureMatrix data, Dendrogram tree, int clusters)
    {
        var labels = tree.CutTree(clusters);
        int d = data.Columns;
        var sums = new double[clusters * d];
        var sizes = NearestCentroid.Sizes(labels, clusters);
        for (int i = 0; i < data.Rows; i++) for (int t = 0; t < d; t++) sums[labels[i] * d + t] += data.Values[i * d + t];
        for (int j = 0; j < clusters; j++) for (int t = 0; t < d; t++) sums[j * d + t] /= sizes[j];
        double wss = 0;
        for (int i = 0; i < data.Rows; i++) wss += SquaredEuclidean.Distance(data.Row(i), sums.AsSpan(labels[i] * d, d));
        return new WardModel(data.ColumnNames.ToEquatableArray(), tree, EquatableArray<int>.Own(labels), EquatableArray.Rows(sums, d), sizes, wss);
    }

    /// <summary>Culture-invariant summary.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"WardModel n={Dendrogram.Leaves} k={SegmentCount} within SS={WithinSumOfSquares:G10} top heights=[{string.Join(", ", Dendrogram.Merges.TakeLast(Math.Min(3, Dendrogram.Merges.Length)).Select(m => m.Height.ToString("G6", CultureInfo.InvariantCulture)))}] sizes=[{string.Join(", ", ClusterSizes)}]");
}
