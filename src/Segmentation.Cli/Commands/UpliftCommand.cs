using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Experiments;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Cli.Commands;

/// <summary><c>seg uplift</c>: effects of a randomised campaign experiment (per arm, per segment), the cross-fitted uplift
/// model, and <c>seg uplift target</c>: whom to contact next within a budget.</summary>
internal static class UpliftCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record Common(Option<string> Input, Option<string> Treatment, Option<string> Control, Option<string> Outcome, Option<string?> Binary,
        Option<string?> Treatments, Option<string?> Features, Option<string?> Segment, Option<double?> Cost, Option<double?> Margin,
        Option<string?> ModelOutcome, Option<int> Folds, Option<int> Seed, Option<int> Trees);

    public static Command Create()
    {
        var c = CommonOptions();
        var by = new Option<string?>("--by") { Description = "Per-segment effects by: a column (e.g. history_segment), 'value-tier:COLUMN' (ABC tiers of a value column) or 'rfm:RECENCY,VALUE' (R×M tercile scores)" };
        var correction = new Option<string>("--correction") { Description = "Multiplicity correction of the segment tests: holm | bh | none", DefaultValueFactory = _ => "holm" };
        var small = new Option<int>("--small") { Description = "Flag segments with an arm smaller than this", DefaultValueFactory = _ => 500 };
        var lang = new Option<string>("--lang") { Description = "Language of the statements: zh | en", DefaultValueFactory = _ => "zh" };
        var json = new Option<string?>("--json") { Description = "Also write every figure as JSON to this file" };
        var noModel = new Option<bool>("--no-model") { Description = "Skip the cross-fitted uplift model" };
        var cmd = new Command("uplift", "Campaign experiment: effect of every arm vs control on every outcome (CI, p, lift, per 1000, ROI), per segment with Holm/BH, and a cross-fitted T-learner uplift model with Qini curves")
        {
            c.Input, c.Treatment, c.Control, c.Outcome, c.Binary, c.Treatments, c.Features, c.Segment, c.Cost, c.Margin, c.ModelOutcome, c.Folds, c.Seed, c.Trees,
            by, correction, small, lang, json, noModel,
        };
        cmd.Subcommands.Add(Target());
        cmd.SetAction(r => Program.Run(() =>
        {
            var (data, economics) = Load(r, c, r.GetValue(by));
            string language = r.GetValue(lang) is "zh" or "en" ? r.GetValue(lang)! : throw new UsageException($"--lang '{r.GetValue(lang)}' must be zh or en.");
            var analysis = ExperimentAnalysis.Analyze(data, new ExperimentAnalysisOptions(Economics: economics));
            CliOutput.Info($"{Path.GetFileName(data.File)}: read {data.RowsRead} = accepted {data.Count} + rejected {data.Rejects.Count}; arms " +
                string.Join(", ", data.Arms.Select((a, i) => $"{a} {analysis.ArmCounts[i]}")));
            foreach (var rej in data.Rejects.Take(10)) CliOutput.Info($"  reject row {rej.Row}, column '{rej.Column}': {rej.Reason}");
            PrintEffects("Effects vs " + data.Control, analysis.Effects, null);
            SegmentEffects? segments = null;
            if (r.GetValue(by) is { } byValue)
            {
                var corr = r.GetValue(correction) switch
                {
                    "holm" => MultiplicityCorrection.Holm, "bh" => MultiplicityCorrection.BenjaminiHochberg, "none" => MultiplicityCorrection.None,
                    var v => throw new UsageException($"--correction '{v}' must be holm, bh or none."),
                };
                segments = SegmentEffects.Compute(data, new SegmentEffectsOptions(ParseBy(byValue, data.Schema), corr, SmallArmSize: r.GetValue(small), Economics: economics));
                PrintSegments(segments);
                foreach (var s in segments.Statements(language)) CliOutput.Info(s);
            }
            UpliftPredictions? uplift = null;
            if (!r.GetValue(noModel))
            {
                uplift = Learner(r, c).CrossFit(data);
                PrintQini(uplift);
            }
            if (r.GetValue(json) is { } jsonPath) WriteJson(jsonPath, data, analysis, segments, uplift);
            return 0;
        }));
        return cmd;
    }

    private static Command Target()
    {
        var c = CommonOptions();
        var budget = new Option<long?>("--budget") { Description = "Contacts allowed" };
        var money = new Option<double?>("--budget-money") { Description = "Money available (needs --cost-per-contact)" };
        var output = new Option<string>("--out") { Description = "Output CSV: rank, row, best_arm, expected_lift, expected_net", Required = true };
        var cmd = new Command("target", "Whom to contact next: customers ranked by the expected incremental margin of their best arm (cross-fitted T-learner), within a budget")
        {
            c.Input, c.Treatment, c.Control, c.Outcome, c.Binary, c.Treatments, c.Features, c.Segment, c.Cost, c.Margin, c.ModelOutcome, c.Folds, c.Seed, c.Trees,
            budget, money, output,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            var b = (r.GetValue(budget), r.GetValue(money)) switch
            {
                ({ } n, null) => TargetingBudget.OfContacts(n),
                (null, { } m) => TargetingBudget.OfMoney(m),
                _ => throw new UsageException("give exactly one of --budget N or --budget-money X."),
            };
            var (data, economics) = Load(r, c, null);
            var uplift = Learner(r, c).CrossFit(data);
            PrintQini(uplift);
            var useEconomics = economics is not null && (economics.Outcome ?? data.Schema.Outcomes[0].Column) == uplift.Outcome ? economics : null;
            if (b.Money is not null && useEconomics is null) throw new UsageException("--budget-money needs --cost-per-contact and --margin for the modelled outcome.");
            var list = TargetingList.Select(uplift, b, useEconomics);
            list.WriteCsv(r.GetValue(output)!);
            CliOutput.Info(string.Create(Inv, $"{list.Customers.Count} of {list.ContactsAllowed} contacts chosen (customers with a positive expected value); expected extra {uplift.Outcome} {list.ExpectedLift:F2}") +
                (useEconomics is null ? "" : string.Create(Inv, $", expected net {list.ExpectedNet:F2}")) + $" → {r.GetValue(output)}");
            foreach (var g in list.Customers.GroupBy(x => x.BestArm).OrderBy(g => g.Key, StringComparer.Ordinal))
                CliOutput.Info($"  {g.Key}: {g.Count()}");
            return 0;
        }));
        return cmd;
    }

    private static Common CommonOptions() => new(
        new Option<string>("--input") { Description = "Experiment export (CSV or Parquet), one row per customer", Required = true },
        new Option<string>("--treatment-column") { Description = "Column holding the arm", DefaultValueFactory = _ => "treatment" },
        new Option<string>("--control") { Description = "Label of the control arm", Required = true },
        new Option<string>("--outcome") { Description = "Outcome columns, comma-separated (the first is the value outcome for ROI and the model)", Required = true },
        new Option<string?>("--binary") { Description = "Outcomes that are 0/1 (the others are continuous), comma-separated" },
        new Option<string?>("--treatments") { Description = "Treatment arm labels, comma-separated (others are rejected); default: every label found" },
        new Option<string?>("--features") { Description = "Pre-treatment feature columns for the model and own segments, comma-separated; default: every other column" },
        new Option<string?>("--segment-column") { Description = "Segment column read from the file (default: the --by column when it is a plain column)" },
        new Option<double?>("--cost-per-contact") { Description = "Cost of one contact (money), for ROI and targeting" },
        new Option<double?>("--margin") { Description = "Margin per unit of the value outcome (share of spend, or money per conversion)" },
        new Option<string?>("--model-outcome") { Description = "Outcome of the uplift model (default: the first outcome)" },
        new Option<int>("--folds") { Description = "Cross-fitting folds", DefaultValueFactory = _ => 5 },
        new Option<int>("--seed") { Description = "Seed of the folds and the trees", DefaultValueFactory = _ => 0 },
        new Option<int>("--trees") { Description = "Boosted trees per FastTree model", DefaultValueFactory = _ => 100 });

    private static (ExperimentData Data, EconomicsOptions? Economics) Load(ParseResult r, Common c, string? by)
    {
        static string[] List(string? s) => s is null ? [] : s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string input = r.GetValue(c.Input)!;
        var outcomes = List(r.GetValue(c.Outcome));
        var binary = List(r.GetValue(c.Binary));
        var unknownBinary = binary.FirstOrDefault(b => !outcomes.Contains(b));
        if (unknownBinary is not null) throw new UsageException($"--binary names '{unknownBinary}', which is not in --outcome.");
        string treatment = r.GetValue(c.Treatment)!;
        string? segment = r.GetValue(c.Segment) ?? (by is not null && !by.Contains(':') ? by : null);
        string[] features = r.GetValue(c.Features) is { } f ? List(f)
            : ExperimentFile.ReadHeader(input).Where(h => h != treatment && !outcomes.Contains(h) && h != segment).ToArray();
        var treatments = r.GetValue(c.Treatments) is { } t ? List(t) : null;
        var schema = new ExperimentSchema(treatment, r.GetValue(c.Control)!,
            outcomes.Select(o => new ExperimentOutcome(o, binary.Contains(o) ? OutcomeKind.Binary : OutcomeKind.Continuous)).ToArray(),
            segment, features, treatments);
        EconomicsOptions? economics = (r.GetValue(c.Cost), r.GetValue(c.Margin)) switch
        {
            ({ } cost, { } margin) => new EconomicsOptions(cost, margin),
            (null, null) => null,
            _ => throw new UsageException("give both --cost-per-contact and --margin, or neither."),
        };
        economics?.Validate();
        var data = CliOutput.Progress("reading " + Path.GetFileName(input), _ => ExperimentFile.Read(input, schema));
        return (data, economics);
    }

    private static UpliftLearner Learner(ParseResult r, Common c) =>
        new(new UpliftOptions(Outcome: r.GetValue(c.ModelOutcome), Folds: r.GetValue(c.Folds), Seed: r.GetValue(c.Seed), Trees: r.GetValue(c.Trees)));

    private static ExperimentSegmentation ParseBy(string by, ExperimentSchema schema)
    {
        if (by.StartsWith("value-tier:", StringComparison.Ordinal)) return ExperimentSegmentation.ByValueTier(by["value-tier:".Length..]);
        if (by.StartsWith("rfm:", StringComparison.Ordinal))
        {
            var parts = by["rfm:".Length..].Split(',');
            if (parts.Length != 2) throw new UsageException($"--by '{by}' must be rfm:RECENCY_COLUMN,VALUE_COLUMN.");
            return ExperimentSegmentation.ByRecencyValue(parts[0], parts[1]);
        }
        return ExperimentSegmentation.ByColumn(by);
    }

    private static string F(double v, string format = "G4") => double.IsFinite(v) ? v.ToString(format, Inv) : "–";

    private static string P(double p) => double.IsNaN(p) ? "–" : p < 1e-4 ? p.ToString("0.0E+0", Inv) : p.ToString("F4", Inv);

    private static void PrintEffects(string title, IEnumerable<ArmEffect> effects, string? segmentHeader)
    {
        var list = effects.ToArray();
        bool roi = list.Any(e => e.Return is not null);
        var headers = new List<string> { "arm", "outcome", "n arm", "n control", "mean arm", "mean control", "diff", "95% CI", "p", "lift", "per 1000" };
        if (roi) headers.Add("ROI [CI]");
        CliOutput.Table(title, headers, list.Select(e =>
        {
            var row = new List<string>
            {
                e.Arm, e.Outcome, e.CountArm.ToString(Inv), e.CountControl.ToString(Inv), F(e.MeanArm), F(e.MeanControl), F(e.Difference.Estimate),
                $"[{F(e.Difference.Lower)}, {F(e.Difference.Upper)}]", P(e.Difference.PValue), e.RelativeLift is { } l ? l.ToString("P1", Inv) : "–", F(e.IncrementalPer1000, "F2"),
            };
            if (roi) row.Add(e.Return is { } rr ? $"{rr.Roi.ToString("P0", Inv)} [{rr.RoiLower.ToString("P0", Inv)}, {rr.RoiUpper.ToString("P0", Inv)}]" : "");
            return (IReadOnlyList<string>)row;
        }), new HashSet<int> { 2, 3, 4, 5, 6, 8, 9, 10 });
    }

    private static void PrintSegments(SegmentEffects s)
    {
        CliOutput.Table($"Per segment ({s.Grouping}), {s.Options.Correction}-adjusted p", ["segment", "arm", "outcome", "n arm", "n control", "diff", "95% CI", "p", "adj. p", "verdict", "small"],
            s.Rows.Select(r => (IReadOnlyList<string>)[r.Segment, r.Effect.Arm, r.Effect.Outcome, r.Effect.CountArm.ToString(Inv), r.Effect.CountControl.ToString(Inv),
                F(r.Effect.Difference.Estimate), $"[{F(r.Effect.Difference.Lower)}, {F(r.Effect.Difference.Upper)}]", P(r.Effect.Difference.PValue), P(r.AdjustedPValue),
                r.Response.ToString(), r.IsSmall ? "small" : ""]), new HashSet<int> { 3, 4, 5, 7, 8 });
    }

    private static void PrintQini(UpliftPredictions u)
    {
        CliOutput.Table($"Uplift model: T-learner (FastTree), outcome {u.Outcome}, {u.Options.Folds}-fold cross-fitted (held-out), seed {u.Options.Seed}",
            ["arm", "Qini area", "random", "Qini coefficient", "target everyone", "gain top 10%", "top 30%", "top 50%"],
            Enumerable.Range(1, u.Arms.Count - 1).Select(a =>
            {
                var q = u.Qini[a - 1];
                return (IReadOnlyList<string>)[u.Arms[a], F(q.Area, "F2"), F(q.RandomArea, "F2"), F(q.Coefficient, "F2"), F(q.TargetEveryone, "F2"),
                    F(q.GainAt(0.1), "F2"), F(q.GainAt(0.3), "F2"), F(q.GainAt(0.5), "F2")];
            }), new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 });
    }

    private static void WriteJson(string path, ExperimentData data, ExperimentAnalysis analysis, SegmentEffects? segments, UpliftPredictions? uplift)
    {
        static JsonObject Effect(ArmEffect e) => new()
        {
            ["arm"] = e.Arm, ["outcome"] = e.Outcome, ["kind"] = e.Kind.ToString(), ["n_arm"] = e.CountArm, ["n_control"] = e.CountControl,
            ["mean_arm"] = Num(e.MeanArm), ["mean_control"] = Num(e.MeanControl), ["difference"] = Num(e.Difference.Estimate),
            ["standard_error"] = Num(e.Difference.StandardError), ["ci_lower"] = Num(e.Difference.Lower), ["ci_upper"] = Num(e.Difference.Upper),
            ["p_value"] = Num(e.Difference.PValue), ["test"] = e.Difference.Test.ToString(), ["relative_lift"] = e.RelativeLift is { } l ? Num(l) : null,
            ["incremental_per_1000"] = Num(e.IncrementalPer1000),
            ["roi"] = e.Return is { } r ? new JsonObject { ["roi"] = Num(r.Roi), ["roi_lower"] = Num(r.RoiLower), ["roi_upper"] = Num(r.RoiUpper), ["net_per_1000"] = Num(r.NetPer1000) } : null,
        };
        var root = new JsonObject
        {
            ["file"] = data.File, ["rows_read"] = data.RowsRead, ["rows_accepted"] = data.Count, ["rows_rejected"] = data.Rejects.Count,
            ["arms"] = new JsonArray(data.Arms.Select((a, i) => (JsonNode)new JsonObject { ["label"] = a, ["customers"] = analysis.ArmCounts[i], ["control"] = i == 0 }).ToArray()),
            ["effects"] = new JsonArray(analysis.Effects.Select(e => (JsonNode)Effect(e)).ToArray()),
        };
        if (segments is not null)
            root["segments"] = new JsonObject
            {
                ["grouping"] = segments.Grouping, ["correction"] = segments.Options.Correction.ToString(), ["alpha"] = segments.Options.Alpha,
                ["rows"] = new JsonArray(segments.Rows.Select(r =>
                {
                    var o = Effect(r.Effect);
                    o["segment"] = r.Segment; o["adjusted_p_value"] = Num(r.AdjustedPValue); o["small"] = r.IsSmall; o["response"] = r.Response.ToString();
                    return (JsonNode)o;
                }).ToArray()),
                ["statements_zh"] = new JsonArray(segments.Statements("zh").Select(s => (JsonNode)s).ToArray()),
                ["statements_en"] = new JsonArray(segments.Statements("en").Select(s => (JsonNode)s).ToArray()),
            };
        if (uplift is not null)
            root["uplift_model"] = new JsonObject
            {
                ["outcome"] = uplift.Outcome, ["folds"] = uplift.Options.Folds, ["seed"] = uplift.Options.Seed, ["trees"] = uplift.Options.Trees,
                ["qini"] = new JsonArray(Enumerable.Range(1, uplift.Arms.Count - 1).Select(a => (JsonNode)new JsonObject
                {
                    ["arm"] = uplift.Arms[a], ["area"] = uplift.Qini[a - 1].Area, ["random_area"] = uplift.Qini[a - 1].RandomArea,
                    ["coefficient"] = uplift.Qini[a - 1].Coefficient, ["target_everyone"] = uplift.Qini[a - 1].TargetEveryone,
                }).ToArray()),
            };
        Segmentation.Analytics.Serialization.AtomicFile.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
