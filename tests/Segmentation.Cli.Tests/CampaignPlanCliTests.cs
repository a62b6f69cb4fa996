using System.Globalization;
using System.Text.Json;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Models;
using Segmentation.Data;

namespace Segmentation.Cli.Tests;

/// <summary><c>seg campaign plan</c> against the statsmodels/scipy reference (tests/reference/evaluation/campaign_power.py) and
/// against the data it measures; wrong arguments are usage errors (exit 1) naming the option.</summary>
public sealed class CampaignPlanCliTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("evaluation", "campaign_power.json"))).RootElement;

    private static JsonElement Json(params string[] args)
    {
        var (code, stdout, stderr) = SegProcess.Run(["campaign", "plan", .. args, "--json"]);
        Assert.True(code == 0, stderr + stdout);
        return JsonDocument.Parse(stdout).RootElement;
    }

    private static string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void Relative(double expected, double actual, double tolerance = 1e-6) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Plan_for_a_conversion_lift_matches_statsmodels_with_unequal_ratio_and_one_sided()
    {
        foreach (int index in new[] { 0, 3 })
        {
            var c = Reference.GetProperty("proportions")[index];
            var args = new List<string>
            {
                "--baseline-rate", S(c.GetProperty("baseline").GetDouble()), "--mde", S(c.GetProperty("difference").GetDouble()),
                "--alpha", S(c.GetProperty("alpha").GetDouble()), "--power", S(c.GetProperty("power").GetDouble()),
                "--ratio", S(c.GetProperty("ratio").GetDouble()) + ":1",
            };
            if (c.GetProperty("one_sided").GetBoolean()) args.Add("--one-sided");
            var plan = Json([.. args]).GetProperty("plan");
            Relative(c.GetProperty("control_exact").GetDouble(), plan.GetProperty("control_exact").GetDouble());
            Relative(c.GetProperty("treatment_exact").GetDouble(), plan.GetProperty("treatment_exact").GetDouble());
            Assert.Equal((long)Math.Ceiling(c.GetProperty("control_exact").GetDouble()), plan.GetProperty("control").GetInt64());
            Assert.Equal((long)Math.Ceiling(c.GetProperty("treatment_exact").GetDouble()), plan.GetProperty("treatment").GetInt64());
            Assert.Equal(plan.GetProperty("control").GetInt64() + plan.GetProperty("treatment").GetInt64(), plan.GetProperty("total").GetInt64());
        }
        var (code, stdout, _) = SegProcess.Run("campaign", "plan", "--baseline-rate", "0.1", "--mde", "0.02");
        Assert.Equal(0, code);
        Assert.Contains("treatment 3,841, control 3,841, total 7,682", stdout);
    }

    [Fact]
    public void Inverse_gives_the_minimum_detectable_lift_and_the_power_of_the_hillstrom_test()
    {
        var h = Reference.GetProperty("hillstrom_mens_email");
        string[] args = ["--baseline-rate", S(h.GetProperty("control_conversion").GetDouble()), "--relative-mde", "0.1",
            "--treatment-size", S(h.GetProperty("treatment_size").GetDouble()), "--control-size", S(h.GetProperty("control_size").GetDouble())];
        var json = Json(args);
        Relative(h.GetProperty("conversion_mde_as_run").GetDouble(), json.GetProperty("minimum_detectable_effect").GetProperty("absolute").GetDouble());
        Assert.Equal(h.GetProperty("conversion_power_as_run").GetDouble(), json.GetProperty("power_for_effect").GetDouble(), 1e-6);
        var (code, stdout, _) = SegProcess.Run(["campaign", "plan", .. args]);
        Assert.Equal(0, code);
        Assert.Contains("power for the planned lift: 11.9 % — too small for it", stdout);

        var spend = Json("--metric", "spend", "--sd", S(h.GetProperty("control_spend_sd").GetDouble()),
            "--treatment-size", S(h.GetProperty("treatment_size").GetDouble()), "--control-size", S(h.GetProperty("control_size").GetDouble()));
        Relative(h.GetProperty("spend_mde_as_run").GetDouble(), spend.GetProperty("minimum_detectable_effect").GetProperty("absolute").GetDouble());
    }

    [Fact]
    public void Spend_plan_from_data_takes_the_segments_month_from_the_kpi_table()
    {
        const string segment = "online_frequent_young";
        var model = RepoPaths.Data("sample", "segmentation-model.json");
        var json = Json("--metric", "spend", "--data", RepoPaths.Data("sample"), "--model", model, "--segment", "Online, frequent, young",
            "--month", "2026-09", "--relative-mde", "0.1");
        var baseline = json.GetProperty("baseline");
        Assert.Equal("data", baseline.GetProperty("source").GetString());
        Assert.Equal("2026-09", baseline.GetProperty("month").GetString());

        // The same month's KPI row of the segment, computed by the library the monthly report uses.
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(new DateTime(2026, 9, 30)));
        var frozen = SegmentationModel.Load(model);
        var assignment = MonthlyEvaluation.ToEvaluationAssignment(frozen, Segmentation.Analytics.Features.CustomerFeatureTable.Build(ws, new DateTime(2026, 9, 30)));
        var row = KpiCalculator.Compute(ws, assignment, new KpiOptions(new DateOnly(2026, 9, 30), Periods: 1)).Row(segment, 0);
        Assert.Equal(row.Customers, baseline.GetProperty("customers").GetInt64());
        Assert.Equal(row.ActiveCustomers, baseline.GetProperty("active_customers").GetInt64());
        Assert.Equal(row.RevenuePerCustomer!.Value, baseline.GetProperty("spend_mean").GetDouble(), 9);
        // The standard deviation from the KPI sums: √((Σr² − n·r̄²)/(n − 1)).
        double n = row.Customers, mean = row.Counts.Revenue / n;
        double sd = Math.Sqrt((row.Counts.RevenueSquares - n * mean * mean) / (n - 1));
        Assert.Equal(sd, baseline.GetProperty("spend_sd").GetDouble(), 6);
        var expected = CampaignPower.MeanSampleSize(0.1 * mean, new MeanSpread(sd), new PowerOptions());
        Assert.Equal(expected.Control, json.GetProperty("plan").GetProperty("control").GetInt64());
        Assert.Equal(expected.Total > row.Customers ? false : true, json.GetProperty("fits_segment").GetBoolean());
    }

    [Theory]
    [InlineData("--baseline-rate 0.1", "give the lift to detect")]
    [InlineData("--baseline-rate 1.5 --mde 0.01", "--baseline-rate 1.5 must be in (0, 1)")]
    [InlineData("--baseline-rate 0.1 --mde 0.95", "must stay below 1")]
    [InlineData("--baseline-rate 0.1 --mde 0.01 --alpha 0.7", "--alpha 0.7")]
    [InlineData("--baseline-rate 0.1 --mde 0.01 --power 1.2", "--power 1.2")]
    [InlineData("--baseline-rate 0.1 --mde 0.01 --ratio 9:0", "--ratio")]
    [InlineData("--baseline-rate 0.1 --mde 0.01 --treatment-size 100", "give both --treatment-size and --control-size")]
    [InlineData("--metric spend --mde 5", "--metric spend needs the standard deviation")]
    [InlineData("--metric revenue --mde 1", "--metric 'revenue'")]
    [InlineData("--baseline-rate 0.1 --mde -0.01", "--mde -0.01 must be > 0")]
    [InlineData("--baseline-rate 0.1 --mde 0.01 --relative-mde 0.1", "not both")]
    [InlineData("--metric spend --sd 10 --relative-mde 0.1", "needs the mean spend")]
    [InlineData("--baseline-rate 0.1 --mde 0.01 --data data/sample", "not both")]
    [InlineData("--relative-mde 0.1 --data data/sample --segment all", "--model F.json is required")]
    [InlineData("--baseline-rate 0.1 --mde 0.01 --treatment-size 100 --control-size 100 --ratio 2:1", "the sizes give it")]
    public void Wrong_arguments_are_usage_errors_naming_the_option(string args, string message)
    {
        var (code, stdout, stderr) = SegProcess.Run(["campaign", "plan", .. args.Split(' ')]);
        Assert.True(code == 1, $"exit {code}: {stderr}{stdout}");
        Assert.Contains(message, stderr);
    }
}
