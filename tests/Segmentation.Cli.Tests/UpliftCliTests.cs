using System.Globalization;
using System.Text.Json;
using Segmentation.Experiments;

namespace Segmentation.Cli.Tests;

public sealed class UpliftCliTests
{
    /// <summary>The first 6 000 Hillstrom customers plus one row with an unknown arm (row 6 002), to keep the process quick.</summary>
    private static string SmallFile(TempDirectory dir)
    {
        var lines = File.ReadLines(RepoPaths.Data("real", "hillstrom", "hillstrom.csv")).Take(6001).ToList();
        lines.Add("3,1) $0 - $100,50.00,1,0,Urban,0,Web,SMS,0,0,0.0");
        return dir.Write("hillstrom-small.csv", string.Join("\n", lines) + "\n");
    }

    private static readonly string[] Common = ["--control", "No E-Mail", "--outcome", "spend,visit,conversion", "--binary", "visit,conversion",
        "--treatments", "Mens E-Mail,Womens E-Mail", "--folds", "2", "--trees", "20"];

    [Fact]
    public void Uplift_prints_effects_segments_and_qini_and_writes_json_that_matches_the_library()
    {
        using var dir = new TempDirectory();
        var input = SmallFile(dir);
        var json = dir.File("out/uplift.json");
        var (code, stdout, stderr) = SegProcess.Run(["uplift", "--input", input, .. Common, "--by", "history_segment", "--cost-per-contact", "0.1", "--margin", "0.3", "--lang", "en", "--json", json]);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("read 6001 = accepted 6000 + rejected 1", stdout);
        Assert.Contains("reject row 6002, column 'treatment': unknown arm", stdout);
        Assert.Contains("Effects vs No E-Mail", stdout);
        Assert.Contains("Holm-adjusted", stdout);
        Assert.Contains("Qini coefficient", stdout);

        var schema = ExperimentSchema.Hillstrom with { FeatureColumns = ["recency", "history", "mens", "womens", "zip_code", "newbie", "channel"] };
        var expected = ExperimentAnalysis.Analyze(ExperimentFile.Read(input, schema), new ExperimentAnalysisOptions(Economics: new EconomicsOptions(0.1, 0.3)));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var effects = doc.RootElement.GetProperty("effects").EnumerateArray().ToArray();
        Assert.Equal(6, effects.Length);
        foreach (var e in effects)
        {
            var lib = expected.Effect(e.GetProperty("arm").GetString()!, e.GetProperty("outcome").GetString()!);
            Assert.Equal(lib.Difference.Estimate, e.GetProperty("difference").GetDouble(), 12);
            Assert.Equal(lib.Difference.PValue, e.GetProperty("p_value").GetDouble(), 12);
            Assert.Equal(lib.Difference.Lower, e.GetProperty("ci_lower").GetDouble(), 12);
        }
        Assert.Equal(3 * 2 * 7, doc.RootElement.GetProperty("segments").GetProperty("rows").GetArrayLength());
        Assert.Equal(2, doc.RootElement.GetProperty("uplift_model").GetProperty("qini").GetArrayLength());
    }

    [Fact]
    public void Uplift_target_writes_a_ranked_list_within_the_budget()
    {
        using var dir = new TempDirectory();
        var input = SmallFile(dir);
        var list = dir.File("list.csv");
        var (code, stdout, stderr) = SegProcess.Run(["uplift", "target", "--input", input, .. Common, "--model-outcome", "spend",
            "--cost-per-contact", "0.1", "--margin", "0.3", "--budget-money", "50", "--out", list]);
        Assert.True(code == 0, stderr + stdout);
        var lines = File.ReadAllLines(list);
        Assert.Equal("rank,row,best_arm,expected_lift,expected_net", lines[0]);
        Assert.InRange(lines.Length - 1, 1, 500); // 50 / 0.10 = 500 contacts at most
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows, r => Assert.Contains(r[2], new[] { "Mens E-Mail", "Womens E-Mail" }));
        var net = rows.Select(r => double.Parse(r[4], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(net, v => Assert.True(v > 0));
        Assert.Equal(net.OrderByDescending(v => v), net);
        Assert.Equal(rows.Length, rows.Select(r => r[1]).Distinct().Count());
        Assert.Contains("contacts chosen", stdout);
    }

    [Theory]
    [InlineData(new[] { "--budget", "10", "--budget-money", "5" }, "give exactly one of --budget N or --budget-money X")]
    [InlineData(new[] { "--budget", "10", "--binary", "clicks" }, "--binary names 'clicks', which is not in --outcome")]
    [InlineData(new[] { "--budget", "10", "--cost-per-contact", "0.1" }, "give both --cost-per-contact and --margin")]
    public void Wrong_uplift_arguments_exit_1_with_a_clear_message(string[] extra, string message)
    {
        var (code, stdout, stderr) = SegProcess.Run(["uplift", "target", "--input", RepoPaths.Data("real", "hillstrom", "hillstrom.csv"), "--control", "No E-Mail",
            "--outcome", "spend,visit", "--out", "/tmp/never.csv", .. extra]);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr + stdout);
    }

    [Fact]
    public void A_missing_outcome_column_exits_2_naming_file_and_column()
    {
        using var dir = new TempDirectory();
        var input = SmallFile(dir);
        var (code, _, stderr) = SegProcess.Run("uplift", "--input", input, "--control", "No E-Mail", "--outcome", "profit", "--no-model");
        Assert.Equal(2, code);
        Assert.Contains("row 1, column 'profit': required column 'profit' not found", stderr);
    }
}
