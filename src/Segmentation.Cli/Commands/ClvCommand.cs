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
