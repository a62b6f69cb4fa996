using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Models;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>seg campaign plan</c>: how big a campaign's treatment and control groups must be to detect a planned lift
/// (<see cref="CampaignPower"/>), or, given the group sizes, the smallest lift they detect — for a conversion rate or for the
/// spend per customer, with the baseline given on the command line or measured for one segment of a data directory.
/// </summary>
internal static class CampaignCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions PrintedJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var campaign = new Command("campaign", "Campaigns: size the treatment and control groups before launch");
        campaign.Subcommands.Add(Plan());
        return campaign;
    }

    private static Command Plan()
    {
        var metric = new Option<string>("--metric") { Description = "conversion (share of customers who buy; pooled two-proportion z-test) | spend (amount per customer; Welch's t-test)", DefaultValueFactory = _ => "conversion" };
        var baselineRate = new Option<double?>("--baseline-rate") { Description = "Conversion of the control group without the campaign, a fraction in (0, 1) (e.g. 0.05); or measure it with --data" };
        var sd = new Option<double?>("--sd") { Description = "Spend: standard deviation of the spend per customer (currency); or measure it with --data" };
        var sdTreatment = new Option<double?>("--sd-treatment") { Description = "Spend: the treatment group's standard deviation, when it differs from --sd" };
        var baselineMean = new Option<double?>("--baseline-mean") { Description = "Spend: mean spend per customer without the campaign (needed for --relative-mde without --data)" };
        var mde = new Option<double?>("--mde") { Description = "The lift to detect, absolute: rate points as a fraction for conversion (0.01 = one point), currency for spend" };
        var relative = new Option<double?>("--relative-mde") { Description = "The lift to detect, relative to the baseline (0.10 = +10 %)" };
        var alpha = new Option<double>("--alpha") { Description = "Significance level", DefaultValueFactory = _ => 0.05 };
        var power = new Option<double>("--power") { Description = "Power wanted for the lift", DefaultValueFactory = _ => 0.80 };
        var ratio = new Option<string>("--ratio") { Description = "treatment:control split of the planned groups (1:1, 9:1 for a 10 % hold-out)", DefaultValueFactory = _ => "1:1" };
        var oneSided = new Option<bool>("--one-sided") { Description = "One-sided test of a lift (default: two-sided)" };
        var treatmentSize = new Option<long?>("--treatment-size") { Description = "Inverse: the treatment group's size (with --control-size): prints the minimum detectable lift" };
        var controlSize = new Option<long?>("--control-size") { Description = "Inverse: the control group's size" };
        var pooled = new Option<bool>("--equal-variances") { Description = "Spend: Student's pooled t-test (df = n_T + n_C − 2) instead of Welch's" };
        var data = CommonOptions.Data(required: false);
        data.Description = "Measure the baseline in this data directory (with --model and --segment): the segment's conversion and spend in --month";
        var model = new Option<string?>("--model") { Description = "With --data: the segmentation model JSON (seg cluster, or the report's --model) that assigns the customers" };
        var segment = new Option<string?>("--segment") { Description = "With --data: the target segment, by key or name (zh or en), or 'all'" };
        var month = new Option<string?>("--month") { Description = "With --data: the baseline month yyyy-MM (default: the last full month of the data)" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (on standard output) instead of text" };
        var import = ImportOptions.Create();
        var engine = EngineOptions.Create();
        var cmd = new Command("plan", "Group sizes for a planned lift (--mde or --relative-mde), or the minimum detectable lift of given sizes (--treatment-size, --control-size): " +
                                      "conversion (two-proportion z-test) or spend (Welch t), baseline from the command line or from a segment of --data")
        {
            metric, baselineRate, sd, sdTreatment, baselineMean, mde, relative, alpha, power, ratio, oneSided, treatmentSize, controlSize, pooled,
            data, model, segment, month, json,
        };
        foreach (var o in import.All.Concat(engine.All)) cmd.Options.Add(o);
        cmd.SetAction(r => Program.Run(() =>
        {
            bool spend = r.GetValue(metric)?.Trim().ToLowerInvariant() switch
            {
                "conversion" => false,
                "spend" => true,
                var other => throw new UsageException($"--metric '{other}' is not one of conversion, spend."),
            };
            bool inverse = (r.GetValue(treatmentSize), r.GetValue(controlSize)) switch
            {
                (null, null) => false,
                ({ } t, { } c) => t >= 1 && c >= 1 ? true : throw new UsageException($"--treatment-size {t} and --control-size {c} must be ≥ 1."),
                _ => throw new UsageException("give both --treatment-size and --control-size (the inverse), or neither (the plan)."),
            };
            if (r.GetValue(mde) is not null && r.GetValue(relative) is not null) throw new UsageException("give --mde or --relative-mde, not both.");
            if (!inverse && r.GetValue(mde) is null && r.GetValue(relative) is null)
                throw new UsageException("give the lift to detect: --mde D (absolute) or --relative-mde R (e.g. 0.10 for +10 %), or the group sizes (--treatment-size N --control-size M) for the minimum detectable lift.");
            if (inverse && r.GetResult(ratio) is { Implicit: false }) throw new UsageException("--ratio plans the split; with --treatment-size and --control-size the sizes give it.");
            if (!spend && (r.GetValue(sd) ?? r.GetValue(sdTreatment) ?? r.GetValue(baselineMean)) is not null)
                throw new UsageException("--sd, --sd-treatment and --baseline-mean are for --metric spend.");
            if (spend && r.GetValue(baselineRate) is not null) throw new UsageException("--baseline-rate is for --metric conversion.");
            if (!spend && r.GetValue(pooled)) throw new UsageException("--equal-variances is for --metric spend.");
            double k;
            try { k = PowerOptions.ParseRatio(r.GetValue(ratio)!); }
            catch (ArgumentException e) { throw new UsageException("--ratio: " + e.Message.Split(" (Parameter")[0]); }
            var options = Validated(new PowerOptions(r.GetValue(alpha), r.GetValue(power), k, r.GetValue(oneSided)));

            // The baseline: from the command line, or measured for a segment of the data.
            bool fromData = r.GetValue(data) is not null || r.GetValue(model) is not null || r.GetValue(segment) is not null || r.GetValue(month) is not null;
            SegmentBaseline? measured = null;
            string? segmentName = null;
            if (fromData)
            {
                if (r.GetValue(baselineRate) is not null || r.GetValue(sd) is not null || r.GetValue(baselineMean) is not null)
                    throw new UsageException("the baseline comes either from --data (with --model, --segment) or from --baseline-rate / --sd / --baseline-mean, not both.");
                (measured, segmentName) = Measure(r, data, model, segment, month, import, engine);
            }
            double? rate = spend ? null : measured is not null ? measured.ConversionRate : r.GetValue(baselineRate);
            double? mean = spend ? measured?.SpendMean ?? r.GetValue(baselineMean) : null;
            double? sdControl = spend ? measured?.SpendStandardDeviation ?? r.GetValue(sd) : null;
            if (!spend && rate is null) throw new UsageException("--metric conversion needs the baseline: --baseline-rate P, or --data DIR --model F --segment S.");
            if (!spend && !(rate > 0 && rate < 1))
                throw new UsageException(measured is null ? $"--baseline-rate {F(rate!.Value)} must be in (0, 1)."
                    : $"the segment's conversion in {measured.Period.Label} is {F(rate!.Value)}: there is no rate in (0, 1) to lift.");
            if (spend && sdControl is null) throw new UsageException("--metric spend needs the standard deviation: --sd S, or --data DIR --model F --segment S.");
            if (spend && !(sdControl > 0)) throw new UsageException(measured is null ? $"--sd {F(sdControl!.Value)} must be > 0." : "the segment's spend does not vary in the month: no standard deviation to plan with.");
            if (r.GetValue(sdTreatment) is { } st && !(st > 0)) throw new UsageException($"--sd-treatment {F(st)} must be > 0.");
            var spread = spend ? new MeanSpread(sdControl!.Value, r.GetValue(sdTreatment), r.GetValue(pooled)) : null;

            // The lift, absolute.
            double? effect = r.GetValue(mde);
            if (effect is { } e0 && !(e0 > 0)) throw new UsageException($"--mde {F(e0)} must be > 0 (a lift).");
            double? reference = spend ? mean : rate;
            if (r.GetValue(relative) is { } rel)
            {
                if (!(rel > 0)) throw new UsageException($"--relative-mde {F(rel)} must be > 0 (a lift).");
                if (reference is not > 0)
                    throw new UsageException(spend ? "--relative-mde with --metric spend needs the mean spend: --baseline-mean M, or --data." : "--relative-mde needs --baseline-rate.");
                effect = rel * reference.Value;
            }
            if (!spend && effect is { } e1 && !(rate!.Value + e1 < 1))
                throw new UsageException($"the lift {F(e1)} takes the conversion from {F(rate!.Value)} to {F(rate.Value + e1)}: it must stay below 1.");

            var result = new JsonObject
            {
                ["metric"] = spend ? "spend" : "conversion",
                ["test"] = spend ? (r.GetValue(pooled) ? "Student's pooled two-sample t-test" : "Welch's t-test") : "pooled two-proportion z-test",
                ["alpha"] = options.Alpha,
                ["power"] = options.Power,
                ["one_sided"] = options.OneSided,
                ["baseline"] = Baseline(measured, segmentName, rate, mean, sdControl, spread?.TreatmentStandardDeviation),
            };
            var lines = new List<string>
            {
                string.Create(Inv, $"{(spend ? "Spend per customer — " + result["test"] : "Conversion — pooled two-proportion z-test")}, {(options.OneSided ? "one" : "two")}-sided α = {options.Alpha:G4}, power {options.Power:P0}"),
            };
            if (measured is not null)
                lines.Add(string.Create(Inv, $"baseline: segment {segmentName} in {measured.Period.Label}: {measured.Customers:N0} customers, conversion {measured.ConversionRate:P2}, spend per customer {measured.SpendMean:N2} (sd {measured.SpendStandardDeviation:N2})"));
            else lines.Add(spend ? $"baseline: spend sd {F(sdControl!.Value)}" + (mean is { } m ? $", mean {F(m)}" : "") : string.Create(Inv, $"baseline: conversion {rate:P2}"));
            if (effect is { } d)
            {
                result["effect"] = new JsonObject { ["absolute"] = d, ["relative"] = reference is > 0 ? d / reference.Value : null };
                lines.Add("lift to detect: " + Lift(d, reference, spend));
            }

            if (!inverse)
            {
                var plan = spend ? CampaignPower.MeanSampleSize(effect!.Value, spread!, options) : CampaignPower.ProportionSampleSize(rate!.Value, effect!.Value, options);
                result["ratio_treatment_per_control"] = options.TreatmentPerControl;
                result["plan"] = new JsonObject
                {
                    ["treatment"] = plan.Treatment, ["control"] = plan.Control, ["total"] = plan.Total,
                    ["treatment_exact"] = plan.TreatmentExact, ["control_exact"] = plan.ControlExact, ["achieved_power"] = plan.AchievedPower,
                };
                lines.Add(string.Create(Inv, $"treatment:control {r.GetValue(ratio)}: treatment {plan.Treatment:N0}, control {plan.Control:N0}, total {plan.Total:N0} ") +
                          string.Create(Inv, $"(exact {plan.TreatmentExact:F2} + {plan.ControlExact:F2}; power at these sizes {plan.AchievedPower:P1})"));
                if (measured is not null)
                {
                    bool fits = plan.Total <= measured.Customers;
                    result["segment_customers"] = measured.Customers;
                    result["fits_segment"] = fits;
                    lines.Add(fits ? string.Create(Inv, $"the segment has {measured.Customers:N0} customers: enough.")
                        : string.Create(Inv, $"the segment has only {measured.Customers:N0} customers: too few for this test (needs {plan.Total:N0}); plan a larger lift or pool segments."));
                }
            }
            else
            {
                long nt = r.GetValue(treatmentSize)!.Value, nc = r.GetValue(controlSize)!.Value;
                if (spend && (nt < 2 || nc < 2)) throw new UsageException("a t-test needs at least 2 customers per group (--treatment-size, --control-size).");
                result["sizes"] = new JsonObject { ["treatment"] = nt, ["control"] = nc };
                double? detectable = spend ? CampaignPower.MeanMinimumDetectableEffect(spread!, nt, nc, options) : CampaignPower.ProportionMinimumDetectableEffect(rate!.Value, nt, nc, options);
                result["minimum_detectable_effect"] = detectable is { } mdeValue
                    ? new JsonObject { ["absolute"] = mdeValue, ["relative"] = reference is > 0 ? mdeValue / reference.Value : null }
                    : null;
                lines.Add(string.Create(Inv, $"sizes: treatment {nt:N0}, control {nc:N0}"));
                lines.Add(detectable is { } dd ? $"minimum detectable lift (power {options.Power.ToString("P0", Inv)}): {Lift(dd, reference, spend)}"
                    : "no lift keeping the conversion below 100 % is detectable with these sizes.");
                if (effect is { } planned)
                {
                    double p = spend ? CampaignPower.MeanPower(planned, spread!, nt, nc, options.Alpha, options.OneSided)
                        : CampaignPower.ProportionPower(rate!.Value, planned, nt, nc, options.Alpha, options.OneSided);
                    result["power_for_effect"] = p;
                    lines.Add(string.Create(Inv, $"power for the planned lift: {p:P1}") + (p < options.Power ? " — too small for it" : ""));
                }
            }
            if (r.GetValue(json)) Console.WriteLine(result.ToJsonString(PrintedJson));
            else foreach (var line in lines) CliOutput.Info(line);
            return 0;
        }));
        return cmd;
    }

    private static PowerOptions Validated(PowerOptions options)
    {
        try { return options.Validate(); }
        catch (ArgumentOutOfRangeException e)
        {
            string option = e.ParamName switch { nameof(PowerOptions.Alpha) => "--alpha", nameof(PowerOptions.Power) => "--power", _ => "--ratio" };
            throw new UsageException($"{option} {F(Convert.ToDouble(e.ActualValue, Inv))}: {e.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0]}");
        }
    }

    private static (SegmentBaseline Baseline, string Name) Measure(ParseResult r, Option<string> data, Option<string?> model, Option<string?> segment, Option<string?> month,
        ImportOptions import, EngineOptions engine)
    {
        if (r.GetValue(model) is not { } modelPath) throw new UsageException("--model F.json is required with --data: it assigns the customers to segments.");
        if (r.GetValue(segment) is not { } wanted) throw new UsageException("--segment is required with --data (a key or name of the model's segments, or 'all').");
        if (!File.Exists(modelPath)) throw new UsageException($"--model {modelPath}: the file does not exist.");
        var frozen = SegmentationModel.Load(modelPath);
        DateTime? requested = r.GetValue(month) is { } m ? CommonOptions.ParseMonth(m, "--month") : null;
        var asOf = requested is { } first ? first.AddMonths(1).AddDays(-1) : DateTime.Today;
        using var session = engine.Open(r, r.GetValue(data), import.Build(r, asOf, null));
        DateOnly baselineMonth;
        if (requested is { } req)
        {
            CommonOptions.RequireTransactionsBy(session.Engine, asOf, "--month");
            baselineMonth = DateOnly.FromDateTime(req);
        }
        else
        {
            // The last full month: a month cut short by the export would understate conversion and spend.
            var last = CommonOptions.LastTransactionDay(session.Engine);
            var lastMonth = new DateTime(last.Year, last.Month, 1);
            baselineMonth = DateOnly.FromDateTime(last.AddDays(1).Month != last.Month ? lastMonth : lastMonth.AddMonths(-1));
        }
        var baselines = CliOutput.Progress($"measuring the segments in {baselineMonth:yyyy-MM}", _ => SegmentBaseline.Measure(session.Engine, frozen, baselineMonth));
        string key = wanted.Trim();
        if (key.Equals("all", StringComparison.OrdinalIgnoreCase)) return (baselines[^1], "all customers");
        // The evaluation's segments: the model's, then the prospects (customers without a purchase yet).
        var definitions = frozen.Segments.Select(s => (Key: s.Key, NameZh: s.NameZh, NameEn: s.NameEn))
            .Append((Key: MonthlyEvaluation.ProspectsKey, NameZh: "潜在客户", NameEn: "Prospects")).ToArray();
        int found = Array.FindIndex(definitions, s => s.Key == key);
        if (found < 0) found = Array.FindIndex(definitions, s => s.NameZh == key || string.Equals(s.NameEn, key, StringComparison.OrdinalIgnoreCase));
        if (found < 0)
            throw new UsageException($"--segment '{key}' is not a segment of {Path.GetFileName(modelPath)}; its segments: " +
                                     string.Join(", ", definitions.Select(s => $"{s.Key} ({s.NameEn})")) + ", or 'all'.");
        var match = definitions[found];
        return (baselines.First(b => b.Segment == match.Key), $"{match.Key} ({match.NameEn})");
    }

    private static JsonObject Baseline(SegmentBaseline? measured, string? segment, double? rate, double? mean, double? sd, double? sdTreatment)
    {
        var o = new JsonObject { ["source"] = measured is null ? "command line" : "data" };
        if (measured is not null)
        {
            o["segment"] = segment;
            o["month"] = measured.Period.Label;
            o["customers"] = measured.Customers;
            o["active_customers"] = measured.ActiveCustomers;
        }
        if (rate is not null) o["conversion"] = rate;
        if (mean is not null) o["spend_mean"] = mean;
        if (sd is not null) o["spend_sd"] = sd;
        if (sdTreatment is not null) o["spend_sd_treatment"] = sdTreatment;
        return o;
    }

    private static string Lift(double d, double? reference, bool spend)
    {
        string absolute = spend ? "+" + d.ToString("N2", Inv) : "+" + (100 * d).ToString("0.###", Inv) + " points";
        return reference is > 0 ? absolute + " (" + "+" + (d / reference.Value).ToString("P1", Inv) + (spend ? $" of {reference.Value.ToString("N2", Inv)})" : $" of {reference.Value.ToString("P2", Inv)})") : absolute;
    }

    private static string F(double v) => v.ToString("G6", Inv);
}
