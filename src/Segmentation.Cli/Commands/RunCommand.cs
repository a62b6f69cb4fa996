using Segmentation.Analytics.Features;
using System.CommandLine;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Serialization;

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
            if (File.Exists(outDir)) throw new UsageException($"--out {outDir} is a file; give a folder for the outputs");
            var options = import.Build(r, CommonOptions.ParseDate(r.GetValue(asOf), "--as-of") ?? DateTime.Today, r.GetValue(key));
            using var ws = CliOutput.Progress("validating " + r.GetValue(data), p => DataWorkspace.Load(r.GetValue(data)!, options, p));
            DataCommands.PrintReport(ws.Report);
            // The run's files are staged beside their targets and renamed into place together at the end: a failure or
            // Ctrl-C leaves the previous run's files as they were, never a new rejects.csv beside an old rfm.csv.
            using var outputs = new OutputSet();
            var rejects = Path.Combine(outDir, "rejects.csv");
            outputs.AddText(rejects, ws.Report.WriteRejects);
            bool noneAccepted = ws.Report.For("transactions") is { RowsAccepted: 0 };
            if (!ws.Report.Reconciles || noneAccepted)
            {
                outputs.Commit();
                CliOutput.Info($"rejects → {rejects}");
                if (noneAccepted && ws.Report.Reconciles)
                    throw new DataFileException(ws.Report.For("transactions")!.File, "no transaction was accepted (every row is in the rejects file): there are no segments to compute");
                return 3;
            }

            var day = CommonOptions.LastTransactionDay(ws);
            var aggregates = ws.Query(RfmAggregateQuery.Render(ws.Dialect, day));
            var model = new RfmScorer(new RfmOptions(Monetary: MonetaryMeasure.NetSpend)).Fit(aggregates);
            var table = model.ScoreFrame(aggregates);
            outputs.AddText(Path.Combine(outDir, "rfm.csv"), w => DataFrameCsv.Write(table, w));
            outputs.AddText(Path.Combine(outDir, "rfm-model.json"), w => w.Write(ModelJson.Serialize(model) + "\n"));
            CliCancellation.Token.ThrowIfCancellationRequested();
            outputs.Commit();
            CliOutput.Info($"rejects → {rejects}");
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
