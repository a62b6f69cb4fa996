using Segmentation.Analytics.Features;
using System.CommandLine;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>seg run</c>: the main job on a data directory — validate and reconcile every table (rejects file), then score and
/// name every customer by RFM at the last transaction day. Outputs go to one folder.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => "reports" };
        var asOf = CommonOptions.AsOf();
        var import = ImportOptions.Create();
        var key = CommonOptions.KeyFile();
        var cmd = new Command("run", "The main job: data check (rejects.csv) + RFM segments (rfm.csv, rfm-model.json) for a data directory")
        {
            data, output, asOf, key,
        };
        foreach (var option in import.All) cmd.Options.Add(option);
        cmd.SetAction(r => Program.Run(() =>
        {
            var outDir = r.GetValue(output)!;
            Directory.CreateDirectory(outDir);
            var options = import.Build(r, CommonOptions.ParseDate(r.GetValue(asOf), "--as-of") ?? DateTime.Today, r.GetValue(key));
            using var ws = CliOutput.Progress("validating " + r.GetValue(data), p => DataWorkspace.Load(r.GetValue(data)!, options, p));
            DataCommands.PrintReport(ws.Report);
            var rejects = Path.Combine(outDir, "rejects.csv");
            ws.Report.WriteRejects(rejects);
            CliOutput.Info($"rejects → {rejects}");
            if (!ws.Report.Reconciles) return 3;

            var day = ws.Scalar<DateTime>("SELECT max(\"timestamp\") FROM transactions").Date;
            var aggregates = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, day));
            var model = new RfmScorer(new RfmOptions(Monetary: MonetaryMeasure.NetSpend)).Fit(aggregates);
            var table = model.ScoreFrame(aggregates);
            DataFrameCsv.Write(table, Path.Combine(outDir, "rfm.csv"));
            model.Save(Path.Combine(outDir, "rfm-model.json"));
            var keys = table["segment_key"].Cast<string>().ToArray();
            CliOutput.Table($"RFM segments at {day:yyyy-MM-dd}", ["segment", "细分", "customers"],
                model.Rules.Select(rule => (rule, n: keys.Count(k => k == rule.Key))).Where(x => x.n > 0)
                    .Select(x => (IReadOnlyList<string>)[x.rule.NameEn, x.rule.NameZh, x.n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)]),
                new HashSet<int> { 2 });
            CliOutput.Info($"RFM table → {Path.Combine(outDir, "rfm.csv")}; model → {Path.Combine(outDir, "rfm-model.json")}");
            return 0;
        }));
        return cmd;
    }
}
