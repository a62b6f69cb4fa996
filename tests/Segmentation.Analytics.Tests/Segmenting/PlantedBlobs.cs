using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Tests.Segmenting;

/// <summary>Seeded synthetic data with a known answer: Gaussian blobs with planted labels, and uniform noise.</summary>
public static class PlantedBlobs
{
    /// <summary><paramref name="clusters"/> spherical Gaussian blobs (sd 1) whose centres are ≥ <paramref name="separation"/> apart.</summary>
    public static (FeatureMatrix X, int[] Labels) Gaussian(int clusters, int dims, int perCluster, double separation, int seed)
    {
        var random = new Random(seed);
        var centres = new List<double[]>();
        while (centres.Count < clusters)
        {
            var c = Enumerable.Range(0, dims).Select(_ => (random.NextDouble() * 2 - 1) * separation * clusters).ToArray();
            if (centres.All(o => Math.Sqrt(o.Zip(c, (a, b) => (a - b) * (a - b)).Sum()) >= separation)) centres.Add(c);
        }
        int n = clusters * perCluster;
        var values = new double[n * dims];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % clusters;
            for (int t = 0; t < dims; t++) values[i * dims + t] = centres[labels[i]][t] + Normal(random);
        }
        return (new FeatureMatrix(values, n, dims), labels);
    }

    /// <summary>Rows uniform on [0, 1]^dims.</summary>
    public static FeatureMatrix Uniform(int rows, int dims, int seed)
    {
        var random = new Random(seed);
        var values = new double[rows * dims];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextDouble();
        return new FeatureMatrix(values, rows, dims);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
