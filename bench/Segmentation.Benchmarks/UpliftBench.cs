using System.Diagnostics;
using System.Globalization;
using Segmentation.Experiments;

namespace Segmentation.Benchmarks;

/// <summary>
/// The whole <c>seg uplift</c> analysis of the Hillstrom e-mail experiment (64 000 customers): read + validate, arm effects,
/// per-segment effects (history_segment and the project's own R×M segments, Holm), the cross-fitted FastTree T-learner and
/// a targeting list. Args: [outcome = spend] [folds = 5] [parallelism = -1] [file = data/real/hillstrom/hillstrom.csv].
/// </summary>
public sealed class UpliftBench : IBench
{
    public string Name => "uplift";

    public string Description => "seg uplift on Hillstrom (64 000 rows): effects, segments, 5-fold cross-fitted T-learner, targeting (target ≤ 30 s on 2 cores)";

    public void Run(string[] args, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        string outcome = args.Length > 0 ? args[0] : "spend";
        int folds = args.Length > 1 ? int.Parse(args[1], inv) : 5;
        int parallel = args.Length > 2 ? int.Parse(args[2], inv) : -1;
        string file = args.Length > 3 ? args[3] : Path.Combine(FindRoot(), "data", "real", "hillstrom", "hillstrom.csv");
        var economics = new EconomicsOptions(CostPerContact: 0.10, Margin: 0.30, Outcome: "spend");

        var total = Stopwatch.StartNew();
        var sw = Stopwatch.StartNew();
        var data = ExperimentFile.Read(file, ExperimentSchema.Hillstrom);
        output.WriteLine(string.Create(inv, $"   read + validate: {sw.Elapsed.TotalSeconds:F2} s (read {data.RowsRead} = accepted {data.Count} + rejected {data.Rejects.Count})"));

        sw.Restart();
        var analysis = ExperimentAnalysis.Analyze(data, new ExperimentAnalysisOptions(Economics: economics));
        output.WriteLine(string.Create(inv, $"   arm effects: {sw.Elapsed.TotalMilliseconds:F0} ms"));
        foreach (var e in analysis.Effects) output.WriteLine("     " + e);

        sw.Restart();
        var bySegment = SegmentEffects.Compute(data, new SegmentEffectsOptions(Economics: economics));
        var byOwn = SegmentEffects.Compute(data, new SegmentEffectsOptions(ExperimentSegmentation.ByRecencyValue("recency", "history")));
        output.WriteLine(string.Create(inv, $"   segment effects (history_segment + R×M, Holm): {sw.Elapsed.TotalMilliseconds:F0} ms"));
        foreach (var s in bySegment.Statements("en").Concat(byOwn.Statements("en"))) output.WriteLine("     " + s);

        sw.Restart();
        var uplift = new UpliftLearner(new UpliftOptions(Outcome: outcome, Folds: folds, MaxDegreeOfParallelism: parallel)).CrossFit(data);
        output.WriteLine(string.Create(inv, $"   cross-fitted T-learner ({outcome}, {folds} folds × {data.Arms.Count} arms = {folds * data.Arms.Count} FastTree models, parallelism {parallel}): {sw.Elapsed.TotalSeconds:F2} s"));
        foreach (var line in uplift.ToString().Split('\n')) output.WriteLine("     " + line);

        sw.Restart();
        var list = TargetingList.Select(uplift, TargetingBudget.OfContacts(10_000), outcome == "spend" ? economics : null);
        output.WriteLine(string.Create(inv, $"   targeting list (10 000 contacts): {sw.Elapsed.TotalMilliseconds:F0} ms, {list.Customers.Count} chosen, expected lift {list.ExpectedLift:F1}, expected net {list.ExpectedNet:F1}"));
        output.WriteLine(string.Create(inv, $"   TOTAL: {total.Elapsed.TotalSeconds:F2} s on {Environment.ProcessorCount} cores"));
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Segmentation.Analytics.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
