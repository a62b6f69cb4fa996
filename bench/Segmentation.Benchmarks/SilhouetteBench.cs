using System.Diagnostics;
using System.Globalization;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Benchmarks;

/// <summary>Exact silhouette on 20 000 × 8 vs scikit-learn, and the sampled estimate on 1 M rows.</summary>
public sealed class SilhouetteBench : IBench
{
    public string Name => "silhouette";
    public string Description => "exact silhouette 20 000 × 8 vs scikit-learn silhouette_score; sampled silhouette (500 rows, 95 % CI) on 1 M × 8";

    public void Run(string[] args, TextWriter output)
    {
        bool peer = !args.Contains("--no-peer");
        var x = ClusteringBenchData.Blobs(20_000, 8, 8, seed: 4);
        var labels = new KMeans(new KMeansOptions(8, Restarts: 1)).Fit(x).Predict(x);
        Silhouette.Score(ClusteringBenchData.Blobs(2000, 8, 8, seed: 5), labels.AsSpan(0, 2000)); // warm-up
        var sw = Stopwatch.StartNew();
        double exact = Silhouette.Score(x, labels);
        sw.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ours exact 20 000 × 8: {sw.Elapsed.TotalSeconds:F2} s, silhouette {exact:R}"));
        if (peer)
        {
            string file = ClusteringBenchData.WriteBinary(x);
            string labelsFile = file + ".labels";
            ClusteringBenchData.WriteLabels(labelsFile, labels);
            output.WriteLine("   " + Peer.Python($$"""
                import time, numpy as np
                from sklearn.metrics import silhouette_score
                X = np.fromfile("{{file}}").reshape(-1, 8); y = np.fromfile("{{labelsFile}}", dtype=np.int32)
                t = time.perf_counter(); s = silhouette_score(X, y); e = time.perf_counter() - t
                print(f"sklearn exact 20 000 x 8: {e:.2f} s, silhouette {s!r} (relative difference {abs(s - {{exact.ToString("R", CultureInfo.InvariantCulture)}}) / abs(s):.1e})")
                """).Trim());
            File.Delete(file);
            File.Delete(labelsFile);
        }
        var big = ClusteringBenchData.Blobs(1_000_000, 8, 8, seed: 6);
        var bigLabels = new KMeans(new KMeansOptions(8, Restarts: 1)).Fit(big).Predict(big);
        sw.Restart();
        var estimate = Silhouette.Estimate(big, bigLabels, sampleSize: 500, seed: 1);
        sw.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ours sampled 1 M × 8 (500 rows, each exact against all 1 M): {sw.Elapsed.TotalSeconds:F2} s, {estimate}"));
    }
}
