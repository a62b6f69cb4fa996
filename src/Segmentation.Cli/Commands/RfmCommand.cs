using Segmentation.Analytics.Features;
using System.CommandLine;
using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Segmenting;
using Segmentation.Engines;

namespace Segmentation.Cli.Commands;

/// <summary><c>seg rfm</c>: RFM scores, cells and named segments per customer.</summary>
internal static class RfmCommand
{
    public static Command Create()
    {
        var transactions = new Option<string?>("--transactions") { Description = "A transactions file (CSV or Parquet); or use --data" };
        var data = CommonOptions.Data(required: false);
        var snapshot = new Option<string?>("--snapshot") { Description = "Snapshot day yyyy-MM-dd (default: the day of the last transaction)" };
        var output = new Option<string>("--out") { Description = "Output CSV: customer_id, recency_days, frequency, monetary, r, f, m, rfm_cell, segment_key, segment_en, segment_zh", Required = true };
        var model = new Option<string?>("--model") { Description = "Save the fitted cut points and naming table as JSON (re-use with --use-model)" };
        var useModel = new Option<string?>("--use-model") { Description = "Score with the cut points of a saved RFM model instead of fitting new ones" };
        var bins = new Option<int>("--bins") { Description = "Score levels (quantile bins)", DefaultValueFactory = _ => 5 };
        var average = new Option<bool>("--average-spend") { Description = "M = average spend per purchase occasion instead of net spend" };
        var import = ImportOptions.Create();
        var engine = EngineOptions.Create();
        var cmd = new Command("rfm", "RFM scores (1–5 by quintiles; equal values share a score, a level emptied by ties is reported), RFM cell and the named segment (en/zh) of every customer; only returns and net refunds are labelled apart")
        {
            transactions, data, snapshot, output, model, useModel, bins, average,
        };
        foreach (var option in engine.All.Concat(import.All)) cmd.Options.Add(option);
        cmd.SetAction(r => Program.Run(() =>
        {
            var tx = r.GetValue(transactions);
            var dir = r.GetValue(data);
            bool files = string.Equals(r.GetValue(engine.Engine)?.Trim(), "duckdb", StringComparison.OrdinalIgnoreCase);
            if (files && (tx is null) == (dir is null)) throw new UsageException("give exactly one of --transactions FILE or --data DIR.");
            if (!files && tx is not null) throw new UsageException("--transactions reads a file in-process: use --data DIR (or the tables already on the server) with --engine postgres|clickhouse.");
            var snap = CommonOptions.ParseDate(r.GetValue(snapshot), "--snapshot");
            var ingest = import.Build(r, snap ?? DateTime.Today, null);
            using var session = tx is null ? engine.Open(r, dir, ingest) : CliOutput.Progress("reading transactions", p => TransactionsFile(tx, ingest));
            var t = session.Report.For("transactions")!;
            CliOutput.Info($"transactions: read {t.RowsRead:N0} = accepted {t.RowsAccepted:N0} + rejected {t.Rejects.Count:N0}");
            var day = snap ?? CommonOptions.LastTransactionDay(session.Engine);
            CommonOptions.RequireTransactionsBy(session.Engine, day, snap is null ? "transactions" : "--snapshot");
            var aggregates = session.Engine.Query(RfmAggregateQuery.Render(session.Engine.Dialect, day));
            var options = new RfmOptions(Bins: r.GetValue(bins), Monetary: r.GetValue(average) ? MonetaryMeasure.AveragePerOccasion : MonetaryMeasure.NetSpend,
                Rules: r.GetValue(bins) == 5 ? null : BinRules(r.GetValue(bins)));
            var fitted = r.GetValue(useModel) is { } path ? RfmModel.Load(path) : new RfmScorer(options).Fit(aggregates);
            var table = fitted.ScoreFrame(aggregates);
            DataFrameCsv.Write(table, r.GetValue(output)!);
            if (r.GetValue(model) is { } modelPath) fitted.Save(modelPath);
            var inv = CultureInfo.InvariantCulture;
            CliOutput.Info($"snapshot {day:yyyy-MM-dd}; cut points R {Join(fitted.RecencyThresholds)} · F {Join(fitted.FrequencyThresholds)} · M {Join(fitted.MonetaryThresholds)}");
            // No score level is left empty without a word: tied cut points merge a level (stated), and any other empty level is named.
            var empty = fitted.EmptyLevels();
            foreach (var e in empty) CliOutput.Warn(e.ToString());
            var scores = fitted.Score(RfmInput.FromAggregates(aggregates, fitted.Monetary));
            var (rc, fc, mc) = RfmModel.LevelCounts(scores, fitted.Bins);
            foreach (var (dimension, counts) in new[] { ("R", rc), ("F", fc), ("M", mc) })
            {
                CliOutput.Info($"{dimension} customers per level 1..{fitted.Bins}: {string.Join(" / ", counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))}");
                for (int level = 1; level <= fitted.Bins; level++)
                    if (counts[level - 1] == 0 && !empty.Any(e => e.Dimension == dimension && e.Level == level))
                        CliOutput.Warn($"{dimension} level {level} has no customer in this data (its cut points are distinct, but no value falls between them)");
            }
            var keys = table["segment_key"].Cast<string>().ToArray();
            var monetary = table["monetary"].Cast<double?>().Select(v => v ?? 0).ToArray();
            double total = monetary.Sum();
            CliOutput.Table("RFM segments", ["segment", "细分", "customers", "share", "net spend share"],
                fitted.Segments.Select(rule => (rule, n: keys.Count(k => k == rule.Key), v: keys.Select((k, i) => k == rule.Key ? monetary[i] : 0).Sum()))
                    .Where(x => x.n > 0)
                    .Select(x => (IReadOnlyList<string>)[x.rule.NameEn, x.rule.NameZh, x.n.ToString("N0", inv), (100.0 * x.n / keys.Length).ToString("F1", inv) + " %", total == 0 ? "–" : (100 * x.v / total).ToString("F1", inv) + " %"]),
                new HashSet<int> { 2, 3, 4 });
            CliOutput.Info($"{keys.Length:N0} customers written to {r.GetValue(output)}");
            return 0;
        }));
        return cmd;
    }

    private static EngineSession TransactionsFile(string path, IngestOptions ingest)
    {
        var ws = DataWorkspace.Create(ingest);
        try
        {
            if (!File.Exists(path)) throw new DataFileException(path, "file not found");
            ws.Ingest("transactions", path);
            return EngineSession.FromWorkspace(ws, $"duckdb: {path}");
        }
        catch
        {
            ws.Dispose();
            throw;
        }
    }

    private static string Join(IEnumerable<double> v) => string.Join("/", v.Select(x => x.ToString("0.##", CultureInfo.InvariantCulture)));

    /// <summary>For a bin count other than 5, a generic table: top third / middle / bottom by the mean of the scores.</summary>
    private static IReadOnlyList<RfmSegmentRule> BinRules(int bins)
    {
        if (bins < 2) throw new UsageException("--bins must be at least 2.");
        int hi = (int)Math.Ceiling(bins * 2 / 3.0), lo = Math.Max(1, bins / 3);
        return
        [
            new("high", "High value", "高价值客户", hi, bins, hi, bins, hi, bins),
            new("low", "Low value", "低价值客户", 1, lo, 1, bins, 1, bins),
            new("middle", "Middle", "一般客户", 1, bins, 1, bins, 1, bins),
        ];
    }
}
