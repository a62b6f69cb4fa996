using System.Diagnostics;
using System.Globalization;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Benchmarks;

/// <summary>k-means per-iteration time on 1 M × 8, k = 8, from the same initial centres as scikit-learn (run side by side).</summary>
public sealed class KMeansBench : IBench
{
    public string Name => "kmeans";
    public string Description => "k-means 1 M × 8, k = 8: ms per iteration (Hamerly, Elkan, Lloyd) vs scikit-learn Lloyd, same init";

    public void Run(string[] args, TextWriter output)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        bool peer = !args.Contains("--no-peer");
        var x = ClusteringBenchData.Blobs(n, 8, 8, seed: 1);
        var init = Enumerable.Range(0, 8).Select(j => x.Row(j * 7919).ToArray()).ToArray();
        output.WriteLine($"   data: {n:N0} × 8, 8 overlapping Gaussian blobs (seed 1); init = rows 0, 7919, …; tol 1e-4");
        foreach (var algorithm in new[] { KMeansAlgorithm.Hamerly, KMeansAlgorithm.Elkan, KMeansAlgorithm.Lloyd })
        {
            var kmeans = new KMeans(new KMeansOptions(8, Algorithm: algorithm));
            kmeans.Fit(x, init); // warm-up (JIT)
            var sw = Stopwatch.StartNew();
            var model = kmeans.Fit(x, init);
            sw.Stop();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   ours {algorithm,-8}: {sw.Elapsed.TotalMilliseconds / model.Iterations,7:F1} ms/iteration ({model.Iterations} iterations, {sw.Elapsed.TotalSeconds:F2} s, inertia {model.Inertia:R})"));
        }
        var sw2 = Stopwatch.StartNew();
        var full = new KMeans(new KMeansOptions(8, Restarts: 1, Seed: 0)).Fit(x);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ours full fit (k-means++ + Auto, 1 start): {sw2.Elapsed.TotalSeconds:F2} s, {full.Iterations} iterations"));
        if (!peer) return;
        string file = ClusteringBenchData.WriteBinary(x);
        string initFile = ClusteringBenchData.WriteBinary(FeatureMatrix.FromRows(init));
        output.WriteLine("   " + Peer.Python($$"""
            import time, numpy as np
            from sklearn.cluster import KMeans
            X = np.fromfile("{{file}}").reshape(-1, 8); init = np.fromfile("{{initFile}}").reshape(-1, 8)
            KMeans(8, init=init, n_init=1, algorithm="lloyd", max_iter=2).fit(X)
            t = time.perf_counter(); m = KMeans(8, init=init, n_init=1, algorithm="lloyd").fit(X); s = time.perf_counter() - t
            print(f"sklearn lloyd: {1000*s/m.n_iter_:7.1f} ms/iteration ({m.n_iter_} iterations, {s:.2f} s, inertia {m.inertia_!r})")
            """).Trim());
        File.Delete(file);
        File.Delete(initFile);
    }
}

/// <summary>Synthetic data and the Python peer for the clustering benchmarks.</summary>
internal static class ClusteringBenchData
{
    /// <summary>n rows in d dimensions around k Gaussian centres (sd 1, centres uniform in [−4, 4]^d): overlapping clusters.</summary>
    public static FeatureMatrix Blobs(int n, int d, int k, int seed)
    {
        var random = new Random(seed);
        var centres = new double[k * d];
        for (int i = 0; i < centres.Length; i++) centres[i] = random.NextDouble() * 8 - 4;
        var values = new double[(long)n * d];
        for (int i = 0; i < n; i++)
        {
            int c = random.Next(k);
            for (int t = 0; t < d; t++)
                values[i * d + t] = centres[c * d + t] + Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }
        return new FeatureMatrix(values, n, d);
    }

    public static string WriteBinary(FeatureMatrix x)
    {
        string path = Path.Combine(Path.GetTempPath(), $"seg-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.f64");
        var bytes = new byte[x.Values.Length * 8];
        Buffer.BlockCopy(x.Values, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static void WriteLabels(string path, int[] labels)
    {
        var bytes = new byte[labels.Length * 4];
        Buffer.BlockCopy(labels, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }
}
