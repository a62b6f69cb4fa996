using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Two-step clustering for large n (in the spirit of SPSS TwoStep, Chiu et al. 2001): step 1 compresses the rows into
/// a few hundred k-means micro-clusters; step 2 builds the exact Ward tree of the micro-cluster centroids weighted by
/// their sizes and cuts it into k clusters. Time O(n·m·d·iterations + m²·d) for m micro-clusters.
/// </summary>
/// <remarks>
/// Weighted Ward treats a micro-cluster of size w at centroid c as w coincident rows, so with one row per
/// micro-cluster the result is exact Ward. SPSS uses a CF-tree and a log-likelihood distance in step 1; k-means is
/// used here because its micro-clusters minimise exactly the within-SS that Ward then aggregates.
/// </remarks>
public sealed class TwoStepClustering(TwoStepOptions options) : IEstimator<TwoStepModel>
{
    /// <summary>The settings.</summary>
    public TwoStepOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Fits both steps.</summary>
    public TwoStepModel Fit(FeatureMatrix data)
    {
        Options.Validate(data);
        int m = Math.Min(Options.MicroClusters, data.Rows);
        var micro = new KMeans(new KMeansOptions(m, Options.Restarts, Seed: Options.Seed, MaxDegreeOfParallelism: Options.MaxDegreeOfParallelism)).Fit(data);
        var microLabels = micro.Predict(data);
        var sizes = NearestCentroid.Sizes(microLabels, m);
        var kept = Enumerable.Range(0, m).Where(j => sizes[j] > 0).ToArray();
        if (kept.Length < Options.Clusters)
            throw new InvalidOperationException($"Only {kept.Length} distinct micro-clusters for k = {Options.Clusters}: the data have too few distinct rows.");
        var remap = new int[m];
        for (int t = 0; t < kept.Length; t++) remap[kept[t]] = t;
        int d = data.Columns;
        var points = new double[kept.Length * d];
        var weights = new double[kept.Length];
        for (int t = 0; t < kept.Length; t++) { micro.Centroids[kept[t]].CopyTo(points.AsSpan(t * d, d)); weights[t] = sizes[kept[t]]; }
        var tree = WardClustering.Tree(new FeatureMatrix(points, kept.Length, d), weights, Options.MaxDegreeOfParallelism);
        var clusterOfMicro = tree.CutTree(Options.Clusters);
        var labels = new int[data.Rows];
        for (int i = 0; i < data.Rows; i++) labels[i] = clusterOfMicro[remap[microLabels[i]]];
        int k = Options.Clusters;
        var centroids = new double[k * d];
        var clusterSizes = NearestCentroid.Sizes(labels, k);
        for (int i = 0; i < data.Rows; i++) for (int t = 0; t < d; t++) centroids[labels[i] * d + t] += data.Values[i * d + t];
        for (int j = 0; j < k; j++) for (int t = 0; t < d; t++) centroids[j * d + t] /= clusterSizes[j];
        return new TwoStepModel(data.ColumnNames.ToEquatableArray(), EquatableArray.Rows(points, d),
            kept.Select(j => sizes[j]).ToEquatableArray(), clusterOfMicro, tree, EquatableArray.Rows(centroids, d), clusterSizes);
    }
}
