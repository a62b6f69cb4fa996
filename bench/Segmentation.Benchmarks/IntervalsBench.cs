using System.Diagnostics;
using Segmentation.Analytics.Evaluation;
using Segmentation.Data;
using Segmentation.Analytics.Randomness;
using Segmentation.Analytics.Statistics.Intervals;
using Segmentation.Reports.Monthly;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Benchmarks;

/// <summary>
/// Issue 21, point 5: what the report's intervals cost. On a data directory (default data/sample, 2026-10; the Online Retail export
/// with its schema.json as data/real/online_retail 2011-09): the evaluation once, then <see cref="EstimateIntervals.Compute"/> and the
/// report's view-model (which computes them) and PDF, each the median of 5. Then the bootstrap's worst case at scale: 8 segments of
/// <see cref="BootstrapInterval.LargeSample"/> customers (every one resampled B = 1 000 times, two statistics) and 8 of 125 000
/// (the normal limit). Run from the repository root. Args: [dataDir] [yyyy-MM] [managementStart yyyy-MM]
/// </summary>
public sealed class IntervalsBench : IBench
{
    public string Name => "intervals";

    public string Description => "cost of the report's 95 % intervals (EstimateIntervals) on a data directory and at scale";

    public void Run(string[] args, TextWriter output)
    {
        string dir = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine("data", "sample"));
        var month = args.Length > 1 ? DateOnly.ParseExact(args[1] + "-01", "yyyy-MM-dd") : new DateOnly(2026, 10, 1);
        DateOnly? start = args.Length > 2 ? DateOnly.ParseExact(args[2] + "-01", "yyyy-MM-dd") : new DateOnly(2025, 11, 1);
        var sw = Stopwatch.StartNew();
        var run = MonthlyEvaluation.Run(dir, new MonthlyRunOptions(month, ManagementStart: start, MarketingBudget: 1_000_000m));
        output.WriteLine($"   evaluation of {dir} {month:yyyy-MM}: {sw.Elapsed.TotalSeconds:F2} s ({run.Assignment.Count:N0} customers)");
        // Wall time on a shared machine grows with the load; the process's CPU time (all threads) per run is printed beside it.
        double cpu = 0;
        double Median(Action action)
        {
            var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            var times = new List<double>();
            for (int i = 0; i < 5; i++)
            {
                var t = Stopwatch.StartNew();
                action();
                times.Add(t.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            process.Refresh();
            cpu = (process.TotalProcessorTime - before).TotalMilliseconds / 5;
            return times[2];
        }
        output.WriteLine($"   EstimateIntervals.Compute: {Median(() => EstimateIntervals.Compute(run.Result, run.Assignment)):F0} ms (median of 5), CPU {cpu:F0} ms per run");
        output.WriteLine($"   report view-model (with the intervals): {Median(() => MonthlyReportModel.Create(run, new MonthlyReportOptions(ReportLanguage.Zh))):F0} ms, CPU {cpu:F0} ms");
        output.WriteLine($"   PDF (compose + render): {Median(() => new MonthlyReport(run, ReportLanguage.Zh).Compose().GeneratePdf()):F0} ms");

        foreach (int n in new[] { BootstrapInterval.LargeSample, 125_000 })
        {
            var rng = new StreamRandom(1, 1);
            double[][] groups = [.. Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, n).Select(_ => rng.LogNormal(300, 1)).ToArray())];
            double ms = Median(() => Parallel.For(0, groups.Length, g => BootstrapInterval.Means([groups[g], groups[g]], 0, (ulong)g)));
            output.WriteLine($"   CLV intervals, 8 segments × {n:N0} customers ({(n > BootstrapInterval.LargeSample ? "normal limit" : "BCa bootstrap, B = 1 000")}): {ms:F0} ms, CPU {cpu:F0} ms");
        }
    }
}
