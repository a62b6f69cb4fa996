using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Exact Ward (1963) agglomerative clustering: each step merges the two clusters whose union increases the
/// within-cluster sum of squares least (by d(A, B)²/2); the result equals scipy <c>linkage(X, "ward")</c>.
/// </summary>
/// <remarks>
/// Nearest-neighbour chain on centroids and sizes (no distance matrix): memory O(n·d), time O(n²·d); 20 000 rows of
/// 8 features take under a second on one core (docs/bench-issue18.md). For much larger n use <see cref="TwoStepClustering"/>.
/// Deterministic and independent of the thread count.
/// </remarks>
public sealed class WardClustering(WardOptions options) : IEstimator<WardModel>
{
    /// <summary>The settings.</summary>
    public WardOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Builds the full tree and cuts it into <see cref="WardOptions.Clusters"/> clusters.</summary>
    public WardModel Fit(FeatureMatrix data)
    {
        Options.Validate(data);
        var weights = new double[data.Rows];
        Array.Fill(weights, 1.0);
        var tree = WardChain.Run(data.Values, weights, data.Rows, data.Columns, RowChunks.Options(Options.MaxDegreeOfParallelism));
        return WardModel.Cut(data, tree, Options.Clusters);
    }

    /// <summary>
    /// The Ward tree of weighted points (e.g. micro-cluster centroids with their sizes): a point of weight w counts as w
    /// coincident rows. Heights are √(2·w_A·w_B/(w_A + w_B))·‖c_A − c_B‖.
    /// </summary>
    /// <exception cref="ArgumentException">A weight is not finite and positive, or the length differs from the row count.</exception>
    public static Dendrogram Tree(FeatureMatrix points, double[] weights, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != points.Rows)
            throw new ArgumentException($"weights has {weights.Length} values; points has {points.Rows} rows.", nameof(weights));
        for (int i = 0; i < weights.Length; i++)
            if (!(weights[i] > 0) || double.IsInfinity(weights[i]))
                throw new ArgumentException($"weights[{i}] = {weights[i]}; weights must be finite and > 0.", nameof(weights));
        return WardChain.Run(points.Values, weights, points.Rows, points.Columns, RowChunks.Options(maxDegreeOfParallelism));
    }
}
