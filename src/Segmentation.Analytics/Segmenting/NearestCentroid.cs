using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Assignment of rows to the nearest of a set of centres, shared by every centroid-based model.</summary>
internal static class NearestCentroid
{
    public static void CheckColumns(FeatureMatrix data, int dims)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != dims)
            throw new ArgumentException($"data has {data.Columns} columns; the model was fitted on {dims}.", nameof(data));
    }

    public static int[] Predict(double[] centres, int k, FeatureMatrix data, int dims, int maxDegreeOfParallelism = -1)
    {
        CheckColumns(data, dims);
        int n = data.Rows;
        var labels = new int[n];
        var x = data.Values;
        var block = new CentreBlock(centres, k, dims);
        RowChunks.For(n, RowChunks.Options(maxDegreeOfParallelism), (_, start, end) =>
        {
            for (int i = start; i < end; i++) labels[i] = block.Nearest(ref x[i * dims], out double _);
        });
        return labels;
    }

    public static int[] Sizes(int[] labels, int k)
    {
        var sizes = new int[k];
        foreach (int l in labels) sizes[l]++;
        return sizes;
    }
}
