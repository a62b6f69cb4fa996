using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Analytics.Validation;

/// <summary>Internal validity indices of a partition computed from centroids: inertia, Calinski-Harabasz, Davies-Bouldin.</summary>
/// <remarks>Defined as in scikit-learn 1.2 (<c>metrics/cluster/_unsupervised.py</c>); labels are any non-negative integers.</remarks>
public static class ClusterIndices
{
    /// <summary>Within-cluster sum of squares W = Σ_k Σ_{i∈k} ‖x_i − x̄_k‖² (the k-means objective with the cluster means as centres).</summary>
    public static double Inertia(FeatureMatrix data, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = new LabelPartition(labels, data.Rows);
        var c = p.Centroids(data);
        double s = 0;
        int d = data.Columns;
        for (int i = 0; i < data.Rows; i++) s += SquaredEuclidean.Distance(data.Row(i), c.AsSpan(p.Codes[i] * d, d));
        return s;
    }

    /// <summary>
    /// Calinski-Harabasz (1974) variance ratio CH = [B / (K − 1)] / [W / (n − K)], with B = Σ_k n_k‖x̄_k − x̄‖² and
    /// W the within-cluster sum of squares. Higher is better; 1 when W = 0 (as scikit-learn).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 or more than n − 1 clusters.</exception>
    public static double CalinskiHarabasz(FeatureMatrix data, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = new LabelPartition(labels, data.Rows);
        p.RequireScorable(data.Rows);
        int n = data.Rows, d = data.Columns, k = p.Clusters;
        var c = p.Centroids(data);
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int t = 0; t < d; t++) mean[t] += data.Values[i * d + t];
        for (int t = 0; t < d; t++) mean[t] /= n;
        double between = 0, within = 0;
        for (int j = 0; j < k; j++) between += p.Sizes[j] * SquaredEuclidean.Distance(c.AsSpan(j * d, d), mean);
        for (int i = 0; i < n; i++) within += SquaredEuclidean.Distance(data.Row(i), c.AsSpan(p.Codes[i] * d, d));
        return within == 0 ? 1.0 : between * (n - k) / (within * (k - 1.0));
    }

    /// <summary>
    /// Davies-Bouldin (1979) index DB = (1/K) Σ_i max_{j≠i} (S_i + S_j) / ‖x̄_i − x̄_j‖, with S_i the mean Euclidean
    /// distance of cluster i's rows to its centroid. Lower is better; 0 when all S_i or all centroid distances are 0
    /// (to 1e-8, as scikit-learn's <c>allclose</c>).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 or more than n − 1 clusters.</exception>
    public static double DaviesBouldin(FeatureMatrix data, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = new LabelPartition(labels, data.Rows);
        p.RequireScorable(data.Rows);
        int n = data.Rows, d = data.Columns, k = p.Clusters;
        var c = p.Centroids(data);
        var scatter = new double[k];
        for (int i = 0; i < n; i++) scatter[p.Codes[i]] += Math.Sqrt(SquaredEuclidean.Distance(data.Row(i), c.AsSpan(p.Codes[i] * d, d)));
        for (int j = 0; j < k; j++) scatter[j] /= p.Sizes[j];
        var between = new double[k * k];
        bool allScatterZero = true, allCentresEqual = true;
        for (int j = 0; j < k; j++)
        {
            if (Math.Abs(scatter[j]) > 1e-8) allScatterZero = false;
            for (int l = 0; l < k; l++)
            {
                between[j * k + l] = Math.Sqrt(SquaredEuclidean.Distance(c.AsSpan(j * d, d), c.AsSpan(l * d, d)));
                if (between[j * k + l] > 1e-8) allCentresEqual = false;
            }
        }
        if (allScatterZero || allCentresEqual) return 0.0;
        double total = 0;
        for (int j = 0; j < k; j++)
        {
            double worst = double.NegativeInfinity;
            for (int l = 0; l < k; l++)
            {
                if (l == j) continue;
                double dist = between[j * k + l];
                double ratio = dist == 0 ? 0 : (scatter[j] + scatter[l]) / dist;
                if (ratio > worst) worst = ratio;
            }
            total += worst;
        }
        return total / k;
    }
}
