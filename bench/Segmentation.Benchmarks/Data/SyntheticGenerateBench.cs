using System.Diagnostics;
using System.Globalization;
using Segmentation.Synthetic;

namespace Segmentation.Benchmarks.Data;

/// <summary>
/// Time to write a synthetic dataset to CSV: <c>synthetic-generate [customers] [months] [outDir]</c>
/// (default 1 000 000 customers × 24 months into a temp folder, deleted afterwards unless a folder is given).
/// </summary>
public sealed class SyntheticGenerateBench : IBench
{
    public string Name => "synthetic-generate";

    public string Description => "SyntheticGenerator.Generate: customers × months → CSV files (rows/s, MB)";

    public void Run(string[] args, TextWriter output)
    {
        int customers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        int months = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 24;
        bool keep = args.Length > 2;
        string dir = keep ? args[2] : Path.Combine(Path.GetTempPath(), "seg-synthetic-bench-" + Environment.ProcessId);
        var options = new SyntheticOptions { Customers = customers, Months = months, Seed = 20261 };
        try
        {
            var sw = Stopwatch.StartNew();
            var truth = SyntheticGenerator.Generate(options, dir);
            sw.Stop();
            long transactions = truth.Segments.Sum(s => s.Purchases + s.Returns);
            double megabytes = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length) / 1048576.0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   customers {customers:N0} × {months} months → {transactions:N0} transactions, {megabytes:F1} MiB on disk"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   Generate: {sw.Elapsed.TotalSeconds:F2} s ({transactions / sw.Elapsed.TotalSeconds / 1e6:F2} M transactions/s, {Environment.ProcessorCount} threads)"));
        }
        finally
        {
            if (!keep && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
