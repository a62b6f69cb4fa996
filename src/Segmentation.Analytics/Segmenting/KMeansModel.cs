using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>A fitted k-means partition: k centroids; a row belongs to its nearest centroid (Euclidean).</summary>
/// <param name="ColumnNames">Feature names the model was fitted on, in order.</param>
/// <param name="Centroids">Centroids, one array of <c>ColumnNames.Count</c> coordinates per cluster.</param>
/// <param name="Inertia">Within-cluster sum of squares Σ_i w_i‖x_i − c_{label(i)}‖² on the training data (weights 1 unless given).</param>
/// <param name="Iterations">Lloyd iterations of the kept start.</param>
/// <param name="Converged">True when the kept start stopped on unchanged labels or on the centre-shift tolerance before the iteration limit.</param>
/// <param name="ClusterSizes">Training rows per cluster.</param>
public sealed record KMeansModel(
    EquatableArray<string> ColumnNames,
    EquatableArray<EquatableArray<double>> Centroids,
    double Inertia,
    int Iterations,
    bool Converged,
    EquatableArray<int> ClusterSizes) : FittedModel<KMeansModel>, ISegmentAssigner, IFeatureTransformer
{
    /// <summary>Number of clusters k.</summary>
    [JsonIgnore] public int SegmentCount => Centroids.Length;

    /// <summary>Number of features.</summary>
    [JsonIgnore] public int Dimensions => ColumnNames.Count;

    /// <summary>Nearest centroid of every row (lowest cluster index on exact ties).</summary>
    /// <exception cref="ArgumentException">The column count differs from the model's.</exception>
    public int[] Predict(FeatureMatrix data) => NearestCentroid.Predict(Flatten(), SegmentCount, data, Dimensions);

    /// <summary>Euclidean distance of every row to every centroid: an n × k matrix (scikit-learn's <c>transform</c>).</summary>
    public FeatureMatrix Transform(FeatureMatrix data)
    {
        NearestCentroid.CheckColumns(data, Dimensions);
        int n = data.Rows, k = SegmentCount, d = Dimensions;
        var flat = Flatten();
        var result = new double[n * k];
        var x = data.Values;
        RowChunks.For(n, RowChunks.Options(-1), (_, start, end) =>
        {
            for (int i = start; i < end; i++)
                for (int j = 0; j < k; j++)
                    result[i * k + j] = Math.Sqrt(SquaredEuclidean.Distance(ref x[i * d], ref flat[j * d], d));
        });
        return new FeatureMatrix(result, n, k, Enumerable.Range(0, k).Select(j => $"distance_{j}").ToArray());
    }

    /// <summary>The centroids as one new row-major k × d array.</summary>
    public double[] Flatten() => Centroids.Flatten(Dimensions);

    /// <summary>A culture-invariant summary: k, inertia, iterations, sizes.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"KMeansModel k={SegmentCount} d={Dimensions} inertia={Inertia:G10} iterations={Iterations} converged={Converged}");
        sb.Append(" sizes=[").Append(string.Join(", ", ClusterSizes)).Append(']');
        return sb.ToString();
    }
}
