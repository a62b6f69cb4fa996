using System.Text.Json;

namespace Segmentation.Cli.Tests;

public sealed class CliTests
{
    [Fact]
    public void Clv_fit_prints_the_published_cdnow_parameters_as_json()
    {
        var (code, stdout, stderr) = SegProcess.Run("clv", "fit", "--summary", RepoPaths.Data("real", "cdnow", "cdnow_customers_summary.csv"));
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        Assert.Equal(0.243, json.RootElement.GetProperty("r").GetDouble(), 3);
        Assert.Equal(4.414, json.RootElement.GetProperty("alpha").GetDouble(), 3);
        Assert.Equal(0.793, json.RootElement.GetProperty("a").GetDouble(), 3);
        Assert.Equal(2.426, json.RootElement.GetProperty("b").GetDouble(), 3);
        Assert.Equal(-9582.4, json.RootElement.GetProperty("log_likelihood").GetDouble(), 1);
    }

    [Fact]
    public void Clv_gamma_gamma_prints_the_published_cdnow_parameters_as_json()
    {
        var (code, stdout, stderr) = SegProcess.Run("clv", "gamma-gamma", "--summary", RepoPaths.Data("real", "cdnow", "cdnow_customers_summary_with_transactions.csv"));
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        // Fader, Hardie & Lee (2005, "RFM and CLV"): p = 6.25, q = 3.74, γ = 15.44 (15.45 on the rounded zbar of this file).
        Assert.Equal(6.25, json.RootElement.GetProperty("p").GetDouble(), 2);
        Assert.Equal(3.74, json.RootElement.GetProperty("q").GetDouble(), 2);
        Assert.InRange(json.RootElement.GetProperty("gamma").GetDouble(), 15.435, 15.455);
    }

    [Fact]
    public void Data_check_reports_rejects_and_writes_the_rejects_file()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-05,10\nT2,C1,2026-01-06,abc\nT2,C2,2026-01-07,5\n");
        var rejects = dir.File("out/rejects.csv");
        // One row in three is rejected: more than the default 5 %, so the share allowed is raised.
        var (code, stdout, stderr) = SegProcess.Run("data", "check", "--data", dir.Path, "--as-of", "2026-10-31", "--rejects", rejects, "--max-reject-share", "0.5");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("read 3 = accepted 2 + rejected 1", stdout);
        var lines = File.ReadAllLines(rejects);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",3,amount,type,not a number", lines[1]);
        Assert.EndsWith(",row", lines[1]);
    }

    [Fact]
    public void Data_check_on_the_online_retail_export_shows_the_money_and_exits_5_when_too_much_is_rejected()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = SegProcess.Run("data", "check", "--data", RepoPaths.Data("real", "online_retail"), "--rejects", dir.File("r.csv"));
        Assert.Equal(5, code);
        Assert.Contains("306,268.26", stdout);
        Assert.Contains("of which anonymous (no customer id)", stdout);
        Assert.Contains("25.4 % of the rows and 17.1 % of the money rejected", stderr);
        Assert.Contains("top reasons: missing 5,078 rows", stderr);
        var (relaxed, _, err2) = SegProcess.Run("data", "check", "--data", RepoPaths.Data("real", "online_retail"), "--rejects", dir.File("r2.csv"), "--max-reject-share", "0.3");
        Assert.True(relaxed == 0, err2);
    }

    [Fact]
    public void Data_check_exits_2_naming_file_row_and_column_when_a_required_column_is_missing()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", "transaction_id,customer_id,amount\nT1,C1,10\n");
        var (code, _, stderr) = SegProcess.Run("data", "check", "--data", dir.Path, "--rejects", dir.File("r.csv"));
        Assert.Equal(2, code);
        Assert.Contains("transactions.csv, row 1, column 'timestamp': required column 'timestamp' not found", stderr);
    }

    [Theory]
    [InlineData(new[] { "rfm", "--out", "x.csv" }, "give exactly one of --transactions FILE or --data DIR")]
    [InlineData(new[] { "data", "check", "--data", "data/sample", "--as-of", "31/10/2026" }, "--as-of '31/10/2026' is not a date in yyyy-MM-dd form")]
    [InlineData(new[] { "generate", "--customers", "-5", "--out", "/tmp/x" }, "Customers")]
    public void Wrong_arguments_exit_1_with_a_clear_message(string[] args, string message)
    {
        var (code, stdout, stderr) = SegProcess.Run(args);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr + stdout);
    }

    [Fact]
    public void Missing_required_option_prints_help_and_exits_1()
    {
        var (code, stdout, stderr) = SegProcess.Run("clv", "fit");
        Assert.Equal(1, code);
        Assert.Contains("--summary", stderr + stdout);
    }
}
