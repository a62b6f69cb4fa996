using System.Diagnostics;
using System.Globalization;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;

namespace Segmentation.Benchmarks;

/// <summary>Exact Ward on 20 000 × 8 vs scikit-learn AgglomerativeClustering(ward) on the same data.</summary>
public sealed class WardBench : IBench
{
    public string Name => "ward";
    public string Description => "exact Ward 20 000 × 8 (NN-chain on centroids) vs scikit-learn AgglomerativeClustering(linkage=ward)";

    public void Run(string[] args, TextWriter output)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        bool peer = !args.Contains("--no-peer");
        var x = ClusteringBenchData.Blobs(n, 8, 8, seed: 2);
        new WardClustering(new WardOptions(8)).Fit(ClusteringBenchData.Blobs(2000, 8, 8, seed: 3)); // warm-up
        var sw = Stopwatch.StartNew();
        var model = new WardClustering(new WardOptions(8)).Fit(x);
        sw.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ours: {sw.Elapsed.TotalSeconds:F2} s for {n:N0} × 8 (top height {model.Dendrogram.Merges[^1].Height:R})"));
        if (!peer) return;
        string file = ClusteringBenchData.WriteBinary(x);
        string labelsFile = file + ".labels";
        ClusteringBenchData.WriteLabels(labelsFile, model.Labels.ToArray());
        output.WriteLine("   " + Peer.Python($$"""
            import time, numpy as np
            from sklearn.cluster import AgglomerativeClustering
            from sklearn.metrics import adjusted_rand_score
            X = np.fromfile("{{file}}").reshape(-1, 8); ours = np.fromfile("{{labelsFile}}", dtype=np.int32)
            t = time.perf_counter(); m = AgglomerativeClustering(8, linkage="ward").fit(X); s = time.perf_counter() - t
            print(f"sklearn: {s:.2f} s; ARI(ours, sklearn) = {adjusted_rand_score(ours, m.labels_):.12f}")
            """).Trim());
        File.Delete(file);
        File.Delete(labelsFile);
    }
}
