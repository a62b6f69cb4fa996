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

    /// <summary>Timed fits per side; the median per-iteration time is reported (the machine is shared, single runs are noisy).</summary>
    private const int Repeats = 3;

    public void Run(string[] args, TextWriter output)
    {
        int n = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        bool peer = !args.Contains("--no-peer");
        var x = ClusteringBenchData.Blobs(n, 8, 8, seed: 1);
        var init = Enumerable.Range(0, 8).Select(j => x.Row(j * 7919).ToArray()).ToArray();
        output.WriteLine($"   data: {n:N0} × 8, 8 overlapping Gaussian blobs (seed 1); init = rows 0, 7919, …; tol 1e-4; median of {Repeats} timed fits per side after one warm-up");
        double hamerly = double.NaN;
        foreach (var algorithm in new[] { KMeansAlgorithm.Hamerly, KMeansAlgorithm.Elkan, KMeansAlgorithm.Lloyd })
        {
            var kmeans = new KMeans(new KMeansOptions(8, Algorithm: algorithm));
            kmeans.Fit(x, init); // warm-up (JIT)
            var times = new double[Repeats];
            KMeansModel model = null!;
            for (int r = 0; r < Repeats; r++)
            {
                var sw = Stopwatch.StartNew();
                model = kmeans.Fit(x, init);
                times[r] = sw.Elapsed.TotalMilliseconds / model.Iterations;
            }
            double median = times.Order().ElementAt(Repeats / 2);
            if (algorithm == KMeansAlgorithm.Hamerly) hamerly = median;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   ours {algorithm,-8}: {median,7:F1} ms/iteration ({model.Iterations} iterations; runs {string.Join(" / ", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))}; inertia {model.Inertia:R})"));
        }
        var sw2 = Stopwatch.StartNew();
        var full = new KMeans(new KMeansOptions(8, Restarts: 1, Seed: 0)).Fit(x);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ours full fit (k-means++ + Auto, 1 start): {sw2.Elapsed.TotalSeconds:F2} s, {full.Iterations} iterations"));
        if (!peer) return;
        string file = ClusteringBenchData.WriteBinary(x);
        string initFile = ClusteringBenchData.WriteBinary(FeatureMatrix.FromRows(init));
        string result = Peer.Python($$"""
            import time, numpy as np
            from sklearn.cluster import KMeans
            X = np.fromfile("{{file}}").reshape(-1, 8); init = np.fromfile("{{initFile}}").reshape(-1, 8)
            KMeans(8, init=init, n_init=1, algorithm="lloyd", max_iter=2).fit(X)
            times = []
            for _ in range({{Repeats}}):
                t = time.perf_counter(); m = KMeans(8, init=init, n_init=1, algorithm="lloyd").fit(X); s = time.perf_counter() - t
                times.append(1000 * s / m.n_iter_)
            med = sorted(times)[len(times) // 2]
            print(f"sklearn lloyd: {med:7.1f} ms/iteration ({m.n_iter_} iterations; runs {' / '.join(f'{t:.1f}' for t in times)}; inertia {m.inertia_!r})")
            print(f"MEDIAN {med!r}")
            """);
        File.Delete(file);
        File.Delete(initFile);
        var lines = result.Trim().Split('\n');
        foreach (var line in lines.Where(l => !l.StartsWith("MEDIAN ", StringComparison.Ordinal))) output.WriteLine("   " + line);
        var medianLine = lines.FirstOrDefault(l => l.StartsWith("MEDIAN ", StringComparison.Ordinal));
        if (medianLine is not null)
        {
            double sklearn = double.Parse(medianLine["MEDIAN ".Length..], CultureInfo.InvariantCulture);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ratio Hamerly / sklearn lloyd: {hamerly / sklearn:F3} (target ≤ 0.33)"));
        }
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
