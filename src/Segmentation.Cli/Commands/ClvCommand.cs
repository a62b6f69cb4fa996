using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Analytics.Statistics;
using Segmentation.Data;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>seg clv fit | gamma-gamma | predict</c>: BG/NBD and Gamma-Gamma models and customer lifetime value, from a per-customer
/// summary file (<c>--summary</c>) or from the transactions of a data directory (<c>--data</c>, any import spec), summarised
/// by <see cref="CustomerSummary.FromTransactions(Segmentation.Analytics.Engines.ISqlEngine, DateOnly, double, DateOnly?)"/>.
/// The JSON printed never holds a non-finite number: an undefined standard error or condition number is <c>null</c>.
/// </summary>
internal static class ClvCommand
{
    public static Command Create()
    {
        var clv = new Command("clv", "Customer lifetime value: BG/NBD (purchases, P(alive)) and Gamma-Gamma (spend), from transactions (--data) or a summary file (--summary)");
        clv.Subcommands.Add(Fit());
        clv.Subcommands.Add(GammaGamma());
        clv.Subcommands.Add(Predict());
        clv.Subcommands.Add(Score());
        return clv;
    }

    /// <summary>The options that say where the per-customer summary comes from.</summary>
    private sealed record SourceOptions(Option<string?> Summary, Option<string> Data, Option<string?> CalibrationEnd, Option<string> TimeUnit,
                                        ImportOptions Import, EngineOptions Engine)
    {
        public static SourceOptions Create() => new(
            new Option<string?>("--summary")
            {
                Description = "Per-customer summary CSV: id, frequency, recency, T[, monetary_value] (or the CDNOW form ID, x, t_x, T[, zbar]) with x = REPEAT purchases, " +
                              "t_x = time from first to last purchase, T = time since the first purchase, in one unit (e.g. weeks); or use --data",
            },
            CommonOptions.Data(required: false),
            new Option<string?>("--calibration-end") { Description = "With --data: last day (yyyy-MM-dd, inclusive) of the calibration period; T is measured to it (default: the day of the last transaction)" },
            new Option<string>("--time-unit") { Description = "With --data: weeks (as Fader, Hardie & Lee) | days", DefaultValueFactory = _ => "weeks" },
            ImportOptions.Create(),
            EngineOptions.Create());

        public IEnumerable<Option> All => new Option[] { Summary, Data, CalibrationEnd, TimeUnit }.Concat(Import.All).Concat(Engine.All);

        public double UnitDays(ParseResult r) => r.GetValue(TimeUnit)?.Trim().ToLowerInvariant() switch
        {
            "weeks" or "week" => 7,
            "days" or "day" => 1,
            var other => throw new UsageException($"--time-unit '{other}' is not one of weeks, days."),
        };

        /// <summary>Reads the summary (file or data directory), skipping T = 0 rows with a count on stderr.</summary>
        public ClvInput Read(ParseResult r)
        {
            double unit = UnitDays(r);
            var file = r.GetValue(Summary);
            var dir = r.GetValue(Data);
            bool files = string.Equals(r.GetValue(Engine.Engine)?.Trim(), "duckdb", StringComparison.OrdinalIgnoreCase);
            if (files && (file is null) == (dir is null)) throw new UsageException("give exactly one of --summary FILE or --data DIR.");
            if (file is not null)
            {
                if (r.GetValue(CalibrationEnd) is not null) throw new UsageException("--calibration-end is used with --data only: a summary file already has T.");
                var s = SummaryFile.Read(file);
                if (s.ZeroAgeSkipped > 0)
                    Console.Error.WriteLine($"{s.ZeroAgeSkipped:N0} customer(s) with T = 0 (first purchase at the calibration end) skipped: they say nothing about repeat buying.");
                return new ClvInput(s.Ids, s.Frequency, s.Recency, s.Age, s.Monetary, s.ZeroAgeSkipped, null, unit);
            }
            var end = CommonOptions.ParseDate(r.GetValue(CalibrationEnd), "--calibration-end");
            var ingest = Import.Build(r, DateTime.Today, null);
            using var session = Engine.Open(r, dir, ingest);
            if (session.Report.For("transactions") is { } t)
                Console.Error.WriteLine($"transactions: read {t.RowsRead:N0} = accepted {t.RowsAccepted:N0} + rejected {t.Rejects.Count:N0}");
            var day = DateOnly.FromDateTime(end ?? CommonOptions.LastTransactionDay(session.Engine));
            var summary = CustomerSummary.FromTransactions(session.Engine, day, unit);
            string unitName = unit == 7 ? "weeks" : "days";
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"calibration end {day:yyyy-MM-dd}, time unit {unitName}: {summary.Count:N0} customers (x = repeat purchase days, t_x and T from the first purchase); " +
                $"{summary.Frequency.Count(x => x > 0):N0} with a repeat purchase"));
            if (summary.ZeroAgeCustomersSkipped > 0)
                Console.Error.WriteLine($"{summary.ZeroAgeCustomersSkipped:N0} customer(s) whose first purchase is on the calibration end day (T = 0) skipped: they say nothing about repeat buying.");
            if (summary.Count == 0) throw new DataFileException(dir ?? "transactions", $"no customer with a purchase before the calibration end {day:yyyy-MM-dd}");
            return new ClvInput(summary.CustomerKeys!.ToArray(), summary.Frequency, summary.Recency, summary.Age, summary.MonetaryValue,
                summary.ZeroAgeCustomersSkipped, day, unit);
        }
    }

    /// <summary>A summary ready to fit: ids and (x, t_x, T[, mean repeat spend]) in the time unit.</summary>
    private sealed record ClvInput(string[] Ids, int[] Frequency, double[] Recency, double[] Age, double[]? Monetary, int ZeroAgeSkipped,
                                   DateOnly? CalibrationEnd, double UnitDays)
    {
        public JsonObject Context() => new()
        {
            ["calibration_end"] = CalibrationEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["time_unit"] = CalibrationEnd is null ? "as in the summary file" : UnitDays == 7 ? "weeks" : "days",
            ["skipped_zero_age"] = ZeroAgeSkipped,
        };
    }

    private static Command Fit()
    {
        var source = SourceOptions.Create();
        var model = new Option<string?>("--model") { Description = "Also save the fitted model as JSON (for predict)" };
        var starts = new Option<int>("--starts") { Description = "Optimiser starts", DefaultValueFactory = _ => 3 };
        var cmd = new Command("fit", "Fit BG/NBD (Fader, Hardie & Lee 2005) by maximum likelihood; prints r, alpha, a, b, standard errors (null when not identified), " +
                                     "the log-likelihood and the fit's diagnostics as JSON") { model, starts };
        foreach (var option in source.All) cmd.Options.Add(option);
        cmd.SetAction(r => Program.Run(() =>
        {
            var s = source.Read(r);
            var fitted = new BgNbdFitter(new BgNbdOptions(Starts: r.GetValue(starts))).Fit(s.Frequency, s.Recency, s.Age);
            if (r.GetValue(model) is { } path) fitted.Save(path);
            var json = new JsonObject
            {
                ["r"] = Number(fitted.R), ["alpha"] = Number(fitted.Alpha), ["a"] = Number(fitted.A), ["b"] = Number(fitted.B),
                ["se"] = new JsonObject { ["r"] = Number(fitted.StandardErrors[0]), ["alpha"] = Number(fitted.StandardErrors[1]), ["a"] = Number(fitted.StandardErrors[2]), ["b"] = Number(fitted.StandardErrors[3]) },
                ["log_likelihood"] = Number(fitted.LogLikelihood), ["customers"] = Number(fitted.Customers), ["converged"] = fitted.Converged,
                ["diagnostics"] = Diagnostics(fitted.Diagnostics),
                ["data"] = s.Context(),
            };
            Console.WriteLine(json.ToJsonString(PrintedJson));
            if (!fitted.ProbabilityAliveIsInformative) Console.Error.WriteLine($"warning: the fit is not identified: {fitted.Diagnostics!.Meaning}.");
            return 0;
        }));
        return cmd;
    }

    private static Command GammaGamma()
    {
        var source = SourceOptions.Create();
        var model = new Option<string?>("--model") { Description = "Also save the fitted model as JSON (for predict --spend-model)" };
        var cmd = new Command("gamma-gamma", "Fit the Gamma-Gamma spend model on customers with repeat purchases; prints p, q, gamma, standard errors (null when not identified), " +
                                             "the log-likelihood and the fit's diagnostics as JSON") { model };
        foreach (var option in source.All) cmd.Options.Add(option);
        cmd.SetAction(r => Program.Run(() =>
        {
            var s = source.Read(r);
            if (s.Monetary is null) throw new UsageException("the summary has no monetary_value (or zbar) column, which Gamma-Gamma needs.");
            var repeat = Enumerable.Range(0, s.Ids.Length).Where(i => s.Frequency[i] > 0).ToArray();
            var positive = repeat.Where(i => s.Monetary[i] > 0).ToArray();
            if (positive.Length < repeat.Length)
                Console.Error.WriteLine($"{repeat.Length - positive.Length:N0} repeat customer(s) with a mean repeat spend ≤ 0 left out: the Gamma-Gamma model needs positive values.");
            if (positive.Length == 0) throw new UsageException("no customer has a repeat purchase with a positive amount: the Gamma-Gamma model cannot be fitted.");
            var fitted = new GammaGammaFitter(new GammaGammaOptions()).Fit(positive.Select(i => s.Frequency[i]).ToArray(), positive.Select(i => s.Monetary[i]).ToArray());
            if (r.GetValue(model) is { } path) fitted.Save(path);
            var json = new JsonObject
            {
                ["p"] = Number(fitted.P), ["q"] = Number(fitted.Q), ["gamma"] = Number(fitted.Gamma),
                ["se"] = new JsonObject { ["p"] = Number(fitted.StandardErrors[0]), ["q"] = Number(fitted.StandardErrors[1]), ["gamma"] = Number(fitted.StandardErrors[2]) },
                ["log_likelihood"] = Number(fitted.LogLikelihood), ["customers"] = fitted.Customers, ["converged"] = fitted.Converged,
                ["diagnostics"] = Diagnostics(fitted.Diagnostics),
                ["data"] = s.Context(),
            };
            Console.WriteLine(json.ToJsonString(PrintedJson));
            if (fitted.Diagnostics is { Identified: false } d) Console.Error.WriteLine($"warning: the fit is not identified: {d.Meaning}.");
            return 0;
        }));
        return cmd;
    }

    private static Command Predict()
    {
        var source = SourceOptions.Create();
        var model = new Option<string>("--model") { Description = "BG/NBD model JSON from 'seg clv fit --model' (fitted on data in the same time unit)", Required = true };
        var spendModel = new Option<string?>("--spend-model") { Description = "Gamma-Gamma model JSON from 'seg clv gamma-gamma --model' (needed for CLV)" };
        var horizon = new Option<double?>("--horizon") { Description = "Horizon for expected purchases, in the summary's time unit (default: 52 weeks, or 364 with --time-unit days)" };
        var months = new Option<int>("--horizon-months") { Description = "CLV horizon in months", DefaultValueFactory = _ => 12 };
        var discount = new Option<double>("--discount") { Description = "Monthly discount rate", DefaultValueFactory = _ => 0.01 };
        var margin = new Option<double>("--margin") { Description = "Margin share of spend (0..1]", DefaultValueFactory = _ => 1.0 };
        var unitsPerMonth = new Option<double?>("--units-per-month") { Description = "Time units per month (default: 4.345 for weeks, 30.44 for days)" };
        var output = new Option<string>("--out") { Description = "Output CSV: customer_id, expected_purchases, p_alive[, expected_spend, clv] (p_alive empty when the fit is not identified)", Required = true };
        var cmd = new Command("predict", "Per customer: expected purchases over the horizon, P(alive) and, with a spend model, CLV")
        {
            model, spendModel, horizon, months, discount, margin, unitsPerMonth, output,
        };
        foreach (var option in source.All) cmd.Options.Add(option);
        cmd.SetAction(r => Program.Run(() =>
        {
            var s = source.Read(r);
            bool weeks = s.UnitDays == 7;
            var bg = BgNbdModel.Load(r.GetValue(model)!);
            var expected = bg.ConditionalExpectedPurchases(r.GetValue(horizon) ?? (weeks ? 52 : 364), s.Frequency, s.Recency, s.Age);
            double[]? alive = bg.ProbabilityAliveIsInformative ? bg.ProbabilityAlive(s.Frequency, s.Recency, s.Age) : null;
            if (alive is null) Console.Error.WriteLine($"warning: P(alive) left empty: the model's fit is not identified: {bg.Diagnostics!.Meaning}.");
            double[]? spend = null, clv = null;
            if (r.GetValue(spendModel) is { } gPath)
            {
                if (s.Monetary is null) throw new UsageException("CLV needs monetary_value (or zbar) in the summary.");
                var gg = GammaGammaModel.Load(gPath);
                spend = gg.ConditionalExpectedAverageSpend(s.Frequency, s.Monetary);
                clv = CustomerLifetimeValue.Compute(bg, gg, s.Frequency, s.Recency, s.Age, s.Monetary,
                    new ClvOptions(r.GetValue(discount), r.GetValue(margin), r.GetValue(months), r.GetValue(unitsPerMonth) ?? (weeks ? 4.345 : 30.44)));
            }
            var path = r.GetValue(output)!;
            Segmentation.Analytics.Serialization.CsvWriter.WriteFile(path,
                new[] { "customer_id", "expected_purchases", "p_alive" }.Concat(clv is null ? [] : ["expected_spend", "clv"]),
                Enumerable.Range(0, s.Ids.Length).Select(i => new object?[] { s.Ids[i], expected[i], alive is null ? null : alive[i] }
                    .Concat(clv is null ? [] : [spend![i], clv[i]])));
            CliOutput.Info($"{s.Ids.Length:N0} customers: mean expected purchases {expected.Average():F3}" +
                (alive is null ? ", P(alive) not informative" : $", mean P(alive) {alive.Average():F3}") +
                (clv is null ? "" : $", total CLV {clv.Sum():N2}") + $" → {path}");
            return 0;
        }));
        return cmd;
    }

    private static Command Score()
    {
        var source = SourceOptions.Create();
        var holdoutEnd = new Option<string?>("--holdout-end") { Description = "Last day (yyyy-MM-dd, inclusive) of the holdout period (default: the day of the last transaction)" };
        var segments = new Option<string?>("--segments") { Description = "CSV with customer_id and segment_key (or segment), e.g. the --labels file of 'seg cluster': adds the segment-mean baseline and per-segment rows" };
        var json = new Option<bool>("--json") { Description = "Print the scorecard as JSON instead of text" };
        var draws = new Option<int>("--draws") { Description = "Parameter draws from the fits' sampling distribution (inverse Hessian, log scale)", DefaultValueFactory = _ => 200 };
        var simulations = new Option<int>("--simulations") { Description = "Predictive simulations per customer", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the draws and simulations", DefaultValueFactory = _ => 0 };
        var cmd = new Command("score", "Holdout scorecard: fit BG/NBD + Gamma-Gamma up to --calibration-end, predict the holdout to --holdout-end and score against the actuals " +
                                       "and naive baselines (MAE, RMSE, bias by decile and segment, tracking curve, churn AUC/Brier/calibration, interval coverage)")
        {
            holdoutEnd, segments, json, draws, simulations, seed,
        };
        foreach (var option in source.All) cmd.Options.Add(option);
        cmd.SetAction(r => Program.Run(() =>
        {
            if (r.GetValue(source.Summary) is not null) throw new UsageException("score needs the transactions (--data DIR): a summary file has no holdout.");
            var end = CommonOptions.ParseDate(r.GetValue(source.CalibrationEnd), "--calibration-end")
                      ?? throw new UsageException("--calibration-end is required: the scorecard fits up to it and tests on what follows.");
            double unit = source.UnitDays(r);
            var dir = r.GetValue(source.Data);
            var ingest = source.Import.Build(r, DateTime.Today, null);
            using var session = source.Engine.Open(r, dir, ingest);
            if (session.Report.For("transactions") is { } t)
                Console.Error.WriteLine($"transactions: read {t.RowsRead:N0} = accepted {t.RowsAccepted:N0} + rejected {t.Rejects.Count:N0}");
            var calibrationEnd = DateOnly.FromDateTime(end);
            var last = DateOnly.FromDateTime(CommonOptions.LastTransactionDay(session.Engine));
            var holdout = CommonOptions.ParseDate(r.GetValue(holdoutEnd), "--holdout-end") is { } h ? DateOnly.FromDateTime(h) : last;
            if (holdout <= calibrationEnd)
                throw new UsageException($"--holdout-end {holdout:yyyy-MM-dd} must be after --calibration-end {calibrationEnd:yyyy-MM-dd}" +
                                         (r.GetValue(holdoutEnd) is null ? $" (the last transaction is on {last:yyyy-MM-dd})." : "."));
            var data = ClvHoldoutData.FromTransactions(session.Engine, calibrationEnd, holdout, unit);
            if (data.Calibration.Count == 0) throw new DataFileException(dir ?? "transactions", $"no customer with a purchase before the calibration end {calibrationEnd:yyyy-MM-dd}");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"calibration to {calibrationEnd:yyyy-MM-dd} ({data.Calibration.Count:N0} customers), holdout to {holdout:yyyy-MM-dd} ({data.HoldoutDays} days, {data.HoldoutPurchases.Sum():N0} purchase occasions)"));
            IReadOnlyList<string?>? labels = null;
            if (r.GetValue(segments) is { } segmentFile)
            {
                var map = ReadSegments(segmentFile);
                labels = data.Calibration.CustomerKeys!.Select(k => map.GetValueOrDefault(k)).ToArray();
                int missing = labels.Count(l => l is null);
                if (missing > 0) Console.Error.WriteLine($"{missing:N0} calibration customer(s) not in {segmentFile}: in no segment row.");
            }
            var card = ClvScorecard.Score(data, labels, new ClvScorecardOptions(r.GetValue(draws), r.GetValue(simulations), r.GetValue(seed)));
            Console.WriteLine(r.GetValue(json) ? ScorecardJson(card, calibrationEnd, holdout, unit).ToJsonString(PrintedJson) : card.ToString());
            if (!card.Reliable) Console.Error.WriteLine("warning: " + card.Note);
            return 0;
        }));
        return cmd;
    }

    /// <summary>customer_id → segment from a CSV with a customer_id column and a segment_key (or segment) column, read as
    /// <see cref="FeatureFile"/> reads feature files (DuckDB's CSV reader; the id stays text).</summary>
    private static Dictionary<string, string> ReadSegments(string path)
    {
        var frame = FeatureFile.Read(path);
        var names = frame.Columns.Select(c => c.Name).ToArray();
        string? Find(string name) => names.FirstOrDefault(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        var id = Find("customer_id")
                 ?? throw new DataFileException(path, $"required column 'customer_id' not found; headers are: {string.Join(", ", names)}", row: 1, column: "customer_id");
        var seg = Find("segment_key") ?? Find("segment")
                  ?? throw new DataFileException(path, $"required column 'segment_key' (or segment) not found; headers are: {string.Join(", ", names)}", row: 1, column: "segment_key");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            string customer = Convert.ToString(frame[id][r], System.Globalization.CultureInfo.InvariantCulture) ?? "";
            string segment = Convert.ToString(frame[seg][r], System.Globalization.CultureInfo.InvariantCulture) ?? "";
            if (!map.TryAdd(customer, segment)) throw new DataFileException(path, "customer_id appears twice", r + 2, "customer_id");
        }
        return map;
    }

    private static JsonObject ScorecardJson(ClvScorecard card, DateOnly calibrationEnd, DateOnly holdoutEnd, double unit)
    {
        JsonNode Errors(ForecastErrors e) => new JsonObject
        {
            ["predictor"] = e.Predictor,
            ["purchases"] = new JsonObject { ["mae"] = Number(e.MaePurchases), ["rmse"] = Number(e.RmsePurchases), ["bias"] = Number(e.BiasPurchases) },
            ["spend"] = new JsonObject { ["mae"] = Number(e.MaeSpend), ["rmse"] = Number(e.RmseSpend), ["bias"] = Number(e.BiasSpend) },
        };
        return new JsonObject
        {
            ["calibration_end"] = calibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["holdout_end"] = holdoutEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["time_unit"] = unit == 7 ? "weeks" : "days",
            ["holdout_duration"] = Number(card.HoldoutDuration),
            ["customers"] = card.Customers,
            ["reliable"] = card.Reliable,
            ["notes"] = new JsonArray(card.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["bgnbd"] = new JsonObject { ["r"] = Number(card.Purchases.R), ["alpha"] = Number(card.Purchases.Alpha), ["a"] = Number(card.Purchases.A), ["b"] = Number(card.Purchases.B),
                                         ["diagnostics"] = Diagnostics(card.Purchases.Diagnostics) },
            ["gamma_gamma"] = card.Spend is { } g ? new JsonObject { ["p"] = Number(g.P), ["q"] = Number(g.Q), ["gamma"] = Number(g.Gamma), ["diagnostics"] = Diagnostics(g.Diagnostics) } : null,
            ["groups"] = new JsonArray(card.Groups.Select(x => (JsonNode)new JsonObject
            {
                ["group"] = x.Group, ["customers"] = x.Customers,
                ["actual_purchases"] = Number(x.ActualPurchases), ["predicted_purchases"] = Number(x.PredictedPurchases),
                ["actual_spend"] = Number(x.ActualSpend), ["predicted_spend"] = Number(x.PredictedSpend),
                ["errors"] = new JsonArray(x.Errors.Select(Errors).ToArray()),
                ["intervals"] = new JsonArray(x.Intervals.Select(v => (JsonNode)new JsonObject
                    { ["level"] = v.Level, ["lower"] = Number(v.Lower), ["upper"] = Number(v.Upper), ["covers"] = v.Covers }).ToArray()),
            }).ToArray()),
            ["tracking"] = new JsonArray(card.Tracking.Select(p => (JsonNode)new JsonObject
                { ["week"] = p.Week, ["day"] = p.Day, ["actual"] = Number(p.Actual), ["predicted"] = Number(p.Predicted) }).ToArray()),
            ["churn"] = new JsonObject
            {
                ["auc_p_alive"] = Number(card.Churn.AucProbabilityAlive), ["auc_p_purchase"] = Number(card.Churn.AucPurchaseProbability),
                ["brier"] = Number(card.Churn.Brier), ["brier_base_rate"] = Number(card.Churn.BrierBaseRate),
                ["calibration"] = new JsonArray(card.Churn.Calibration.Select(b => (JsonNode)new JsonObject
                    { ["bin"] = b.Bin, ["customers"] = b.Customers, ["mean_predicted"] = Number(b.MeanPredicted), ["observed_rate"] = Number(b.ObservedRate) }).ToArray()),
            },
            ["coverage"] = new JsonArray(card.Coverage.Select(c => (JsonNode)new JsonObject
                { ["level"] = c.Level, ["customers"] = Number(c.Customers), ["groups_covered"] = c.Groups, ["groups"] = c.GroupCount }).ToArray()),
        };
    }

    /// <summary>A JSON number, or null when it is not finite (JSON has no NaN or infinity).</summary>
    /// <summary>Indented, with text as written (→, —, + stay readable instead of \uXXXX escapes): the JSON is printed for a person.</summary>
    private static readonly JsonSerializerOptions PrintedJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static JsonObject? Diagnostics(FitDiagnostics? d) => d is null ? null : new JsonObject
    {
        ["identified"] = d.Identified,
        ["bounds"] = new JsonArray(d.Bounds.Select(b => (JsonNode)new JsonObject
        {
            ["parameter"] = b.Name, ["limit"] = b.Limit == ParameterLimit.Zero ? "0" : "infinity", ["value"] = Number(b.Value),
        }).ToArray()),
        ["positive_definite"] = d.PositiveDefinite,
        ["condition_number"] = d.ConditionNumber is { } c ? Number(c) : null,
        ["meaning"] = d.Meaning,
    };
}
