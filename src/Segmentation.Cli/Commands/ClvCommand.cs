using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Data;
using Segmentation.Analytics.Statistics;

namespace Segmentation.Cli.Commands;

/// <summary><c>seg clv fit | gamma-gamma | predict</c>: BG/NBD and Gamma-Gamma models and customer lifetime value.</summary>
internal static class ClvCommand
{
    public static Command Create()
    {
        var clv = new Command("clv", "Customer lifetime value: BG/NBD (purchases, P(alive)) and Gamma-Gamma (spend)");
        clv.Subcommands.Add(Fit());
        clv.Subcommands.Add(GammaGamma());
        clv.Subcommands.Add(Predict());
        return clv;
    }

    private static Option<string> SummaryOption() => new("--summary")
    {
        Description = "Per-customer summary CSV: id, frequency, recency, T[, monetary_value] (or the CDNOW form ID, x, t_x, T[, zbar]); time in one unit (e.g. weeks)",
        Required = true,
    };

    private static Command Fit()
    {
        var summary = SummaryOption();
        var model = new Option<string?>("--model") { Description = "Also save the fitted model as JSON (for predict)" };
        var starts = new Option<int>("--starts") { Description = "Optimiser starts", DefaultValueFactory = _ => 3 };
        var cmd = new Command("fit", "Fit BG/NBD (Fader, Hardie & Lee 2005) by maximum likelihood; prints r, alpha, a, b, standard errors and the log-likelihood as JSON") { summary, model, starts };
        cmd.SetAction(r => Program.Run(() =>
        {
            var s = SummaryFile.Read(r.GetValue(summary)!);
            var fitted = new BgNbdFitter(new BgNbdOptions(Starts: r.GetValue(starts))).Fit(s.Frequency, s.Recency, s.Age);
            if (r.GetValue(model) is { } path) fitted.Save(path);
            var json = new JsonObject
            {
                ["r"] = fitted.R, ["alpha"] = fitted.Alpha, ["a"] = fitted.A, ["b"] = fitted.B,
                ["se"] = new JsonObject { ["r"] = fitted.StandardErrors[0], ["alpha"] = fitted.StandardErrors[1], ["a"] = fitted.StandardErrors[2], ["b"] = fitted.StandardErrors[3] },
                ["log_likelihood"] = fitted.LogLikelihood, ["customers"] = fitted.Customers, ["converged"] = fitted.Converged,
            };
            Console.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }));
        return cmd;
    }

    private static Command GammaGamma()
    {
        var summary = SummaryOption();
        var model = new Option<string?>("--model") { Description = "Also save the fitted model as JSON (for predict --spend-model)" };
        var cmd = new Command("gamma-gamma", "Fit the Gamma-Gamma spend model on customers with repeat purchases; prints p, q, gamma, standard errors and the log-likelihood as JSON") { summary, model };
        cmd.SetAction(r => Program.Run(() =>
        {
            var s = SummaryFile.Read(r.GetValue(summary)!);
            if (s.Monetary is null) throw new UsageException("the summary has no monetary_value (or zbar) column, which Gamma-Gamma needs.");
            var repeat = Enumerable.Range(0, s.Ids.Length).Where(i => s.Frequency[i] > 0).ToArray();
            var fitted = new GammaGammaFitter(new GammaGammaOptions()).Fit(repeat.Select(i => s.Frequency[i]).ToArray(), repeat.Select(i => s.Monetary[i]).ToArray());
            if (r.GetValue(model) is { } path) fitted.Save(path);
            var json = new JsonObject
            {
                ["p"] = fitted.P, ["q"] = fitted.Q, ["gamma"] = fitted.Gamma,
                ["se"] = new JsonObject { ["p"] = fitted.StandardErrors[0], ["q"] = fitted.StandardErrors[1], ["gamma"] = fitted.StandardErrors[2] },
                ["log_likelihood"] = fitted.LogLikelihood, ["customers"] = fitted.Customers, ["converged"] = fitted.Converged,
            };
            Console.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }));
        return cmd;
    }

    private static Command Predict()
    {
        var summary = SummaryOption();
        var model = new Option<string>("--model") { Description = "BG/NBD model JSON from 'seg clv fit --model'", Required = true };
        var spendModel = new Option<string?>("--spend-model") { Description = "Gamma-Gamma model JSON from 'seg clv gamma-gamma --model' (needed for CLV)" };
        var horizon = new Option<double>("--horizon") { Description = "Horizon for expected purchases, in the summary's time unit", DefaultValueFactory = _ => 52 };
        var months = new Option<int>("--horizon-months") { Description = "CLV horizon in months", DefaultValueFactory = _ => 12 };
        var discount = new Option<double>("--discount") { Description = "Monthly discount rate", DefaultValueFactory = _ => 0.01 };
        var margin = new Option<double>("--margin") { Description = "Margin share of spend (0..1]", DefaultValueFactory = _ => 1.0 };
        var unitsPerMonth = new Option<double>("--units-per-month") { Description = "Time units per month (4.345 for weeks, 30.44 for days)", DefaultValueFactory = _ => 4.345 };
        var output = new Option<string>("--out") { Description = "Output CSV: customer_id, expected_purchases, p_alive[, expected_spend, clv]", Required = true };
        var cmd = new Command("predict", "Per customer: expected purchases over the horizon, P(alive) and, with a spend model, CLV")
        {
            summary, model, spendModel, horizon, months, discount, margin, unitsPerMonth, output,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            var s = SummaryFile.Read(r.GetValue(summary)!);
            var bg = BgNbdModel.Load(r.GetValue(model)!);
            var expected = bg.ConditionalExpectedPurchases(r.GetValue(horizon), s.Frequency, s.Recency, s.Age);
            var alive = bg.ProbabilityAlive(s.Frequency, s.Recency, s.Age);
            double[]? spend = null, clv = null;
            if (r.GetValue(spendModel) is { } gPath)
            {
                if (s.Monetary is null) throw new UsageException("CLV needs monetary_value (or zbar) in the summary.");
                var gg = GammaGammaModel.Load(gPath);
                spend = gg.ConditionalExpectedAverageSpend(s.Frequency, s.Monetary);
                clv = CustomerLifetimeValue.Compute(bg, gg, s.Frequency, s.Recency, s.Age, s.Monetary,
                    new ClvOptions(r.GetValue(discount), r.GetValue(margin), r.GetValue(months), r.GetValue(unitsPerMonth)));
            }
            var inv = CultureInfo.InvariantCulture;
            var path = r.GetValue(output)!;
            Segmentation.Analytics.Serialization.CsvWriter.WriteFile(path,
                new[] { "customer_id", "expected_purchases", "p_alive" }.Concat(clv is null ? [] : ["expected_spend", "clv"]),
                Enumerable.Range(0, s.Ids.Length).Select(i => new object?[] { s.Ids[i], expected[i], alive[i] }.Concat(clv is null ? [] : [spend![i], clv[i]])));
            CliOutput.Info($"{s.Ids.Length:N0} customers: mean expected purchases {expected.Average():F3}, mean P(alive) {alive.Average():F3}" +
                (clv is null ? "" : $", total CLV {clv.Sum():N2}") + $" → {path}");
            return 0;
        }));
        return cmd;
    }
}
