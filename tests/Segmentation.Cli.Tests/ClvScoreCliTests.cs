using System.Text.Json;

namespace Segmentation.Cli.Tests;

/// <summary><c>seg clv score</c>: the holdout scorecard on the published CDNOW split, as text and JSON, and its usage errors.</summary>
public sealed class ClvScoreCliTests
{
    [Fact]
    public void Clv_score_on_cdnow_prints_the_scorecard_and_its_json_matches_the_scipy_totals()
    {
        var (code, stdout, stderr) = SegProcess.Run("clv", "score", "--data", RealData.CdnowSampleDirectory, "--calibration-end", "1997-09-30",
            "--holdout-end", "1998-06-30", "--draws", "50", "--simulations", "200");
        Assert.True(code == 0, stderr);
        Assert.Contains("CLV holdout scorecard: 2357 calibration customers", stdout);
        Assert.Contains("holdout purchases: actual 1882, predicted 1653.4", stdout);
        Assert.Contains("D10", stdout);
        Assert.Contains("90 % predictive intervals", stdout);

        var (code2, json, stderr2) = SegProcess.Run("clv", "score", "--data", RealData.CdnowSampleDirectory, "--calibration-end", "1997-09-30",
            "--holdout-end", "1998-06-30", "--draws", "50", "--simulations", "200", "--json");
        Assert.True(code2 == 0, stderr2);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "reference", "clv", "cdnow_holdout_reference.json"))).RootElement;
        Assert.True(root.GetProperty("reliable").GetBoolean());
        var all = root.GetProperty("groups")[0];
        Assert.Equal("all", all.GetProperty("group").GetString());
        Assert.Equal(reference.GetProperty("total_holdout").GetDouble(), all.GetProperty("actual_purchases").GetDouble());
        Assert.Equal(reference.GetProperty("total_expected").GetDouble(), all.GetProperty("predicted_purchases").GetDouble(), 0.05);
        Assert.Equal(39, root.GetProperty("tracking").GetArrayLength());
        Assert.Equal(2, root.GetProperty("coverage").GetArrayLength());
    }

    [Fact]
    public void Clv_score_needs_a_calibration_end_before_the_holdout_end()
    {
        var (code, _, stderr) = SegProcess.Run("clv", "score", "--data", RealData.CdnowSampleDirectory);
        Assert.Equal(1, code);
        Assert.Contains("--calibration-end", stderr);
        var (code2, _, stderr2) = SegProcess.Run("clv", "score", "--data", RealData.CdnowSampleDirectory, "--calibration-end", "1998-06-30");
        Assert.Equal(1, code2);
        Assert.Contains("--holdout-end", stderr2);
    }
}
