using System.CommandLine;
using System.Globalization;
using Segmentation.Analytics.Evaluation;
using Segmentation.Reports.Monthly;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Cli.Commands;

/// <summary><c>seg report monthly</c> and <c>seg evaluate</c>: the monthly effect evaluation, as a PDF or as a table/JSON.</summary>
internal static class ReportCommands
{
    private sealed record RunOptions(Option<string> Data, EngineOptions Engine, Option<string> Month, Option<string> Cycle, Option<string?> Model, Option<string?> ManagementStart,
        Option<decimal> Budget, Option<int> Seed, ImportOptions Import, Option<string?> Key, Option<bool> AllowLookahead, Option<long> InEngineAbove, Option<int?> Sample)
    {
        public IEnumerable<Option> All => [Data, .. Engine.All, Month, Cycle, Model, ManagementStart, Budget, Seed, .. Import.All, Key, AllowLookahead, InEngineAbove, Sample];

        public static RunOptions Create() => new(
            CommonOptions.Data(required: false),
            EngineOptions.Create(),
            new Option<string>("--month") { Description = "Report month yyyy-MM (the period closes at its last day)", Required = true },
            new Option<string>("--cycle") { Description = "monthly | quarterly | yearly", DefaultValueFactory = _ => "monthly" },
            new Option<string?>("--model") { Description = "Segmentation model JSON (seg cluster); fitted and saved there if the file does not exist" },
            new Option<string?>("--management-start") { Description = "First month of segment-based management yyyy-MM (before/after windows)" },
            new Option<decimal>("--budget") { Description = "Next period's marketing budget to allocate across segments (0 = none)", DefaultValueFactory = _ => 0m },
            new Option<int>("--seed") { Description = "Seed of every random choice (model fit, bootstraps)", DefaultValueFactory = _ => 20261 },
            ImportOptions.Create(),
            CommonOptions.KeyFile(),
            new Option<bool>("--allow-lookahead") { Description = "Use a --model fitted on data after the report month anyway (refused otherwise: look-ahead); the report's cover says so" },
            new Option<long>("--in-engine-above")
            {
                Description = "Above this many customers the segments stay in the engine: the model is fitted on 100 000 buyers sampled there, every customer is assigned in SQL (0 = always)",
                DefaultValueFactory = _ => MonthlyRunOptions.DefaultInEngineAbove,
            },
            new Option<int?>("--sample")
            {
                Description = "Buyers a model fitted here is fitted on when there are more [default: 100 000]; with the segments in the engine also the customers the drift check and the churn models are measured on",
            });

        /// <summary>The currency of the amounts: the schema's <c>currency</c> (given with --schema, or schema.json in --data).</summary>
        public string? SchemaCurrency(ParseResult r)
        {
            if (r.GetValue(Import.Schema) is { } schema) return Segmentation.Data.SchemaMapping.Load(schema).Currency;
            if (r.GetValue(Data) is { } data && File.Exists(Path.Combine(data, "schema.json")))
                return Segmentation.Data.SchemaMapping.Load(Path.Combine(data, "schema.json")).Currency;
            return null;
        }

        public MonthlyEvaluation Run(ParseResult r)
        {
            var month = CommonOptions.ParseMonth(r.GetValue(Month)!, "--month");
            var cycle = r.GetValue(Cycle) switch
            {
                "monthly" => ReportingCycle.Monthly,
                "quarterly" => ReportingCycle.Quarterly,
                "yearly" => ReportingCycle.Yearly,
                var other => throw new UsageException($"--cycle '{other}' is not one of monthly, quarterly, yearly."),
            };
            DateOnly? start = r.GetValue(ManagementStart) is { } s ? DateOnly.FromDateTime(CommonOptions.ParseMonth(s, "--management-start")) : null;
            if (r.GetValue(Budget) < 0) throw new UsageException("--budget must not be negative.");
            if (r.GetValue(InEngineAbove) < 0) throw new UsageException("--in-engine-above must not be negative.");
            if (r.GetValue(Sample) is < 100) throw new UsageException("--sample must be at least 100.");
            var options = new MonthlyRunOptions(DateOnly.FromDateTime(month), cycle, start, r.GetValue(Budget), r.GetValue(Model), Seed: r.GetValue(Seed))
            {
                AllowLookahead = r.GetValue(AllowLookahead),
                InEngineAbove = r.GetValue(InEngineAbove),
            };
            if (r.GetValue(Sample) is { } sample) options = options with { TrainingSampleSize = sample };
            var ingest = Import.Build(r, options.MonthEnd.ToDateTime(TimeOnly.MinValue), r.GetValue(Key));
            using var session = Engine.Open(r, r.GetValue(Data), ingest);
            CommonOptions.RequireTransactionsBy(session.Engine, options.MonthEnd.ToDateTime(TimeOnly.MinValue), "--month");
            var result = CliOutput.Progress($"evaluating {month:yyyy-MM}", p => MonthlyEvaluation.Run(session.Engine, session.Report, options, p));
            if (result.ModelFitted && options.ModelPath is { } path) CliOutput.Info($"model fitted at {result.Model.TrainingSnapshot:yyyy-MM-dd} and saved to {path}");
            if (result.Lookahead) CliOutput.Info($"warning: the model was fitted on data up to {result.Model.TrainingSnapshot:yyyy-MM-dd}, after {month:yyyy-MM} (--allow-lookahead)");
            return result;
        }
    }

    public static Command Report()
    {
        var o = RunOptions.Create();
        var lang = new Option<string>("--lang") { Description = "zh (default) or en", DefaultValueFactory = _ => "zh" };
        var output = new Option<string>("--out") { Description = "Output PDF", Required = true };
        var minGroup = new Option<int>("--min-group") { Description = "Groups smaller than this are suppressed (printed as <N)", DefaultValueFactory = _ => 10 };
        var currency = new Option<string?>("--currency") { Description = "Currency of the amounts (ISO code: GBP → £, CNY → ¥, USD, EUR); default: the schema's \"currency\"" };
        var experiment = new Option<string?>("--experiment") { Description = "Add a section on a randomised experiment export in the Hillstrom layout (treatment, spend/visit/conversion, history_segment), e.g. data/real/hillstrom/hillstrom.csv" };
        var monthly = new Command("monthly", "The monthly effect-evaluation PDF for management (客户细分管理效果评估报告)");
        foreach (var option in o.All) monthly.Options.Add(option);
        monthly.Options.Add(lang);
        monthly.Options.Add(output);
        monthly.Options.Add(minGroup);
        monthly.Options.Add(currency);
        monthly.Options.Add(experiment);
        monthly.SetAction(r => Program.Run(() =>
        {
            var language = r.GetValue(lang) switch { "zh" => ReportLanguage.Zh, "en" => ReportLanguage.En, var x => throw new UsageException($"--lang '{x}' is not zh or en.") };
            if (r.GetValue(minGroup) < 1) throw new UsageException("--min-group must be at least 1.");
            var run = o.Run(r);
            var path = r.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var section = r.GetValue(experiment) is { } file
                ? CliOutput.Progress("analysing the experiment " + file, _ => ExperimentSection.Analyze(file, Segmentation.Experiments.ExperimentSchema.Hillstrom))
                : null;
            var reportOptions = new MonthlyReportOptions(language, new ReportFormat(r.GetValue(minGroup)), section)
            {
                Currency = r.GetValue(currency) ?? o.SchemaCurrency(r),
                Pseudonymised = Segmentation.Data.Pseudonymizer.FromEnvironmentOrFile(r.GetValue(o.Key)) is not null,
            };
            new MonthlyReport(Segmentation.Reports.Monthly.ViewModel.MonthlyReportModel.Create(run, reportOptions)).GeneratePdf(path);
            PrintKpis(run, r.GetValue(minGroup));
            CliOutput.Info($"report → {path} ({new FileInfo(path).Length / 1024.0:N0} KiB)");
            return 0;
        }));
        return new Command("report", "Reports for management") { monthly };
    }

    public static Command Evaluate()
    {
        var o = RunOptions.Create();
        var json = new Option<string?>("--json") { Description = "Also write the KPI table, comparisons, campaigns, migration, drift, churn, the intervals and next month's forecast as JSON (small groups null)" };
        var minGroup = new Option<int>("--min-group") { Description = "Counts under this (and complements that would give them away) are null in the JSON", DefaultValueFactory = _ => 10 };
        var cmd = new Command("evaluate", "Monthly KPIs per segment, before/after, campaign uplift, migration, drift and churn warning (the numbers of the monthly report)");
        foreach (var option in o.All) cmd.Options.Add(option);
        cmd.Options.Add(json);
        cmd.Options.Add(minGroup);
        cmd.SetAction(r => Program.Run(() =>
        {
            var run = o.Run(r);
            PrintKpis(run, r.GetValue(minGroup));
            if (r.GetValue(json) is { } path)
            {
                if (r.GetValue(minGroup) < 1) throw new UsageException("--min-group must be at least 1.");
                // The same suppression as the PDF: small groups and their complements are null, unmeasured KPIs null.
                Segmentation.Analytics.Serialization.AtomicFile.WriteAllText(path, Segmentation.Analytics.Serialization.ModelJson.Serialize(
                    EvaluationExport.Create(run, new ReportFormat(r.GetValue(minGroup)))) + "\n");
                CliOutput.Info($"JSON → {path}");
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>The report month's KPIs as the JSON has them: small groups (and their complements) and unmeasured KPIs as "–".</summary>
    private static void PrintKpis(MonthlyEvaluation run, int minimumGroup = 10)
    {
        var inv = CultureInfo.InvariantCulture;
        var export = EvaluationExport.Create(run, new ReportFormat(minimumGroup));
        string Name(string key) => key == KpiRow.AllCustomers ? "All customers / 全部客户" : run.Result.Segments.FirstOrDefault(s => s.Key == key) is { } d ? $"{d.NameEn} / {d.NameZh}" : key;
        string N(double? v) => v is { } x ? x.ToString("N0", inv) : ReportFormat.Dash;
        CliOutput.Table($"KPIs {export.Month}",
            ["segment", "customers", "active", "revenue", "profit", "repeat rate", "CSAT", "NPS"],
            export.Kpis.Select(r => (IReadOnlyList<string>)[Name(r.Segment), N(r.Customers), N(r.ActiveCustomers), N(r.Revenue), N(r.Profit),
                ReportFormat.Percent(r.RepeatPurchaseRate), ReportFormat.Number(r.MeanCsat), ReportFormat.Number(r.Nps, 1)]),
            new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 });
        foreach (var (kpi, reason) in export.NotMeasured) CliOutput.Info($"{kpi}: n/a — {reason}");
    }
}
