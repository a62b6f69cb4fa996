using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Validation;

/// <summary>
/// Labels re-coded to 0..K−1 in order of the distinct label values (as scikit-learn's LabelEncoder), with
/// cluster sizes and centroids. Labels that no row carries do not count as clusters.
/// </summary>
internal sealed class LabelPartition
{
    public int[] Codes { get; }
    public int Clusters { get; }
    public int[] Sizes { get; }

    public LabelPartition(ReadOnlySpan<int> labels, int rows, string parameterName = "labels")
    {
        if (labels.Length != rows)
            throw new ArgumentException($"{parameterName} has {labels.Length} values; data has {rows} rows.", parameterName);
        int max = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) throw new ArgumentException($"{parameterName}[{i}] = {labels[i]}; labels must be ≥ 0.", parameterName);
            if (labels[i] > max) max = labels[i];
        }
        var map = new int[max + 1];
        Array.Fill(map, -1);
        foreach (int l in labels) map[l] = 0;
        int k = 0;
        for (int v = 0; v <= max; v++) if (map[v] == 0) map[v] = k++;
        Clusters = k;
        Codes = new int[labels.Length];
        Sizes = new int[k];
        for (int i = 0; i < labels.Length; i++) { Codes[i] = map[labels[i]]; Sizes[Codes[i]]++; }
    }

    /// <summary>Throws unless 2 ≤ K ≤ n − 1 (the range where silhouette, Calinski-Harabasz and Davies-Bouldin are defined).</summary>
    public void RequireScorable(int rows)
    {
        if (Clusters < 2 || Clusters > rows - 1)
            throw new ArgumentException($"The labels form {Clusters} clusters; the index needs between 2 and n − 1 = {rows - 1}.", "labels");
    }

    /// <summary>Cluster means, row-major K × d (sums in row order).</summary>
    public double[] Centroids(FeatureMatrix data)
    {
        int d = data.Columns;
        var c = new double[Clusters * d];
        var x = data.Values;
        for (int i = 0; i < data.Rows; i++)
        {
            int o = Codes[i] * d;
            for (int t = 0; t < d; t++) c[o + t] += x[i * d + t];
        }
        for (int j = 0; j < Clusters; j++) for (int t = 0; t < d; t++) c[j * d + t] /= Sizes[j];
        return c;
    }
}
