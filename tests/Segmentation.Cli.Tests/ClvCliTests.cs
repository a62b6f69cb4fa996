using System.Globalization;
using System.Text.Json;

namespace Segmentation.Cli.Tests;

/// <summary><c>seg clv</c> from transactions (<c>--data</c>) and from summary files: published estimates, boundary fits, T = 0 rows.</summary>
public sealed class ClvCliTests
{
    private static JsonElement OnlineRetailReference() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "reference", "clv", "online_retail_clv_reference.json"))).RootElement;

    private static JsonElement Json(string stdout)
    {
        // System.Text.Json rejects NaN and ±Infinity tokens: parsing is the check that none was written.
        Assert.DoesNotContain("Infinity", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Clv_fit_from_cdnow_transactions_reproduces_the_published_estimates_and_the_summary_file_path()
    {
        // CDNOW_sample.txt as transactions, calibration end 1997-09-30, weeks: the 2 357 customers of Fader, Hardie & Lee
        // (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, ℓ = −9582.4 (published rounding: half a unit of the last digit).
        var (code, stdout, stderr) = SegProcess.Run("clv", "fit", "--data", RealData.CdnowSampleDirectory, "--calibration-end", "1997-09-30", "--time-unit", "weeks");
        Assert.True(code == 0, stderr);
        var data = Json(stdout);
        Assert.Equal(0.243, data.GetProperty("r").GetDouble(), 0.0005);
        Assert.Equal(4.414, data.GetProperty("alpha").GetDouble(), 0.0005);
        Assert.Equal(0.793, data.GetProperty("a").GetDouble(), 0.0005);
        Assert.Equal(2.426, data.GetProperty("b").GetDouble(), 0.0005);
        Assert.Equal(-9582.4, data.GetProperty("log_likelihood").GetDouble(), 0.05);
        Assert.Equal(2357, data.GetProperty("customers").GetDouble());
        Assert.True(data.GetProperty("diagnostics").GetProperty("identified").GetBoolean());
        Assert.Equal(0, data.GetProperty("data").GetProperty("skipped_zero_age").GetInt32());
        Assert.Contains("2,357 customers", stderr);

        // The summary file rounds t_x and T to 2 decimals (±0.005 weeks); the estimates agree to 2e-4 relative.
        var (code2, stdout2, stderr2) = SegProcess.Run("clv", "fit", "--summary", RepoPaths.Data("real", "cdnow", "cdnow_customers_summary.csv"));
        Assert.True(code2 == 0, stderr2);
        var file = Json(stdout2);
        foreach (var p in new[] { "r", "alpha", "a", "b" })
            Assert.Equal(file.GetProperty(p).GetDouble(), data.GetProperty(p).GetDouble(), 2e-4 * file.GetProperty(p).GetDouble());
        foreach (var p in new[] { "r", "alpha", "a", "b" })
            Assert.Equal(file.GetProperty("se").GetProperty(p).GetDouble(), data.GetProperty("se").GetProperty(p).GetDouble(), 1e-3 * file.GetProperty("se").GetProperty(p).GetDouble());
    }

    [Fact]
    public void Clv_fit_on_online_retail_returns_the_boundary_estimates_with_diagnostics_and_exit_0()
    {
        // Line items summed per invoice by data/real/online_retail/schema.json; nobody is seen to drop out, so the
        // likelihood's supremum is the no-drop-out (NBD) limit fitted by scipy (reference script): ℓ within 1e-4,
        // r and α within 1e-4 relative; a → 0 and b → ∞ reported, standard errors null, no infinity anywhere.
        var (code, stdout, stderr) = SegProcess.Run("clv", "fit", "--data", RepoPaths.Data("real", "online_retail"));
        Assert.True(code == 0, stderr);
        var fit = Json(stdout);
        var nbd = OnlineRetailReference().GetProperty("nbdLimit");
        Assert.Equal(nbd.GetProperty("logLikelihood").GetDouble(), fit.GetProperty("log_likelihood").GetDouble(), 1e-4);
        Assert.Equal(nbd.GetProperty("r").GetDouble(), fit.GetProperty("r").GetDouble(), 1e-4 * nbd.GetProperty("r").GetDouble());
        Assert.Equal(nbd.GetProperty("alpha").GetDouble(), fit.GetProperty("alpha").GetDouble(), 1e-4 * nbd.GetProperty("alpha").GetDouble());
        foreach (var se in fit.GetProperty("se").EnumerateObject()) Assert.Equal(JsonValueKind.Null, se.Value.ValueKind);
        var d = fit.GetProperty("diagnostics");
        Assert.False(d.GetProperty("identified").GetBoolean());
        var bounds = d.GetProperty("bounds").EnumerateArray().Select(b => b.GetProperty("parameter").GetString() + "→" + b.GetProperty("limit").GetString()).ToArray();
        Assert.Contains("a→0", bounds);
        Assert.Contains("b→infinity", bounds);
        Assert.Contains("no drop-out identified", d.GetProperty("meaning").GetString());
        Assert.Contains("P(alive) is not informative", d.GetProperty("meaning").GetString());
        Assert.Equal("2011-12-09", fit.GetProperty("data").GetProperty("calibration_end").GetString());
        Assert.Equal(OnlineRetailReference().GetProperty("zeroAgeSkipped").GetInt32(), fit.GetProperty("data").GetProperty("skipped_zero_age").GetInt32());
        Assert.Equal(OnlineRetailReference().GetProperty("customers").GetInt32(), fit.GetProperty("customers").GetDouble());
        Assert.Contains("T = 0", stderr);
        Assert.Contains("warning: the fit is not identified", stderr);
    }

    [Fact]
    public void Clv_gamma_gamma_and_predict_from_online_retail_transactions()
    {
        // Gamma-Gamma on the 1 565 repeat customers: scipy's p, q, γ to 1e-5 relative. predict with the boundary BG/NBD model
        // leaves P(alive) empty (and says why) but writes expected purchases and CLV for every customer, keyed by CustomerID.
        using var dir = new TempDirectory();
        var data = RepoPaths.Data("real", "online_retail");
        var (code, stdout, stderr) = SegProcess.Run("clv", "gamma-gamma", "--data", data, "--model", dir.File("gg.json"));
        Assert.True(code == 0, stderr);
        var gg = Json(stdout);
        var reference = OnlineRetailReference().GetProperty("gammaGamma");
        foreach (var p in new[] { "p", "q", "gamma" })
            Assert.Equal(reference.GetProperty(p).GetDouble(), gg.GetProperty(p).GetDouble(), 1e-5 * reference.GetProperty(p).GetDouble());
        Assert.Equal(reference.GetProperty("customers").GetInt32(), gg.GetProperty("customers").GetInt32());

        var (fitCode, _, fitErr) = SegProcess.Run("clv", "fit", "--data", data, "--model", dir.File("bg.json"));
        Assert.True(fitCode == 0, fitErr);
        var (predictCode, predictOut, predictErr) = SegProcess.Run("clv", "predict", "--data", data, "--model", dir.File("bg.json"), "--spend-model", dir.File("gg.json"), "--out", dir.File("clv.csv"));
        Assert.True(predictCode == 0, predictErr);
        Assert.Contains("P(alive) left empty", predictErr);
        Assert.Contains("P(alive) not informative", predictOut);
        var lines = File.ReadAllLines(dir.File("clv.csv"));
        Assert.Equal("customer_id,expected_purchases,p_alive,expected_spend,clv", lines[0]);
        Assert.Equal(OnlineRetailReference().GetProperty("customers").GetInt32(), lines.Length - 1);
        var first = lines[1].Split(',');
        Assert.Equal("12347", first[0]); // rows in ordinal order of CustomerID: the smallest in the export
        Assert.Equal("", first[2]);
        Assert.All(lines.Skip(1), l => Assert.True(double.IsFinite(double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)), l));
    }

    [Fact]
    public void T_zero_rows_are_skipped_with_a_count_in_summary_files_and_transactions()
    {
        using var dir = new TempDirectory();
        // Summary file: customer 3 has T = 0 (first purchase at the calibration end): skipped, the others fitted.
        var rows = new List<string> { "customer_id,frequency,recency,T" };
        var (x, tx, t) = CdnowRows();
        for (int i = 0; i < x.Length; i++) rows.Add(string.Create(CultureInfo.InvariantCulture, $"C{i},{x[i]},{tx[i]},{t[i]}"));
        rows.Insert(4, "C-new,0,0,0");
        File.WriteAllLines(dir.File("summary.csv"), rows);
        var (code, stdout, stderr) = SegProcess.Run("clv", "fit", "--summary", dir.File("summary.csv"));
        Assert.True(code == 0, stderr);
        var fit = Json(stdout);
        Assert.Equal(1, fit.GetProperty("data").GetProperty("skipped_zero_age").GetInt32());
        Assert.Equal(x.Length, fit.GetProperty("customers").GetDouble());
        Assert.Contains("1 customer(s) with T = 0", stderr);

        // Transactions: C3 buys only on the calibration end day (and after it); skipped and counted, not an error.
        Directory.CreateDirectory(dir.File("data"));
        dir.Write("data/transactions.csv", """
            transaction_id,customer_id,timestamp,amount
            T1,C1,2026-01-05,10
            T2,C1,2026-02-10,12
            T3,C2,2026-01-20,7
            T4,C2,2026-03-02,9
            T5,C2,2026-03-20,4
            T6,C3,2026-03-31,30
            T7,C3,2026-04-15,30
            T8,C4,2026-02-01,5
            """.Replace("\r\n", "\n") + "\n");
        var (dataCode, dataOut, dataErr) = SegProcess.Run("clv", "fit", "--data", dir.File("data"), "--calibration-end", "2026-03-31", "--time-unit", "days");
        Assert.True(dataCode == 0, dataErr);
        var dataFit = Json(dataOut);
        Assert.Equal(1, dataFit.GetProperty("data").GetProperty("skipped_zero_age").GetInt32());
        Assert.Equal(3, dataFit.GetProperty("customers").GetDouble());
        Assert.Equal("days", dataFit.GetProperty("data").GetProperty("time_unit").GetString());
    }

    [Theory]
    [InlineData(new[] { "clv", "fit" }, "give exactly one of --summary FILE or --data DIR")]
    [InlineData(new[] { "clv", "fit", "--data", "data/sample", "--time-unit", "months" }, "--time-unit 'months' is not one of weeks, days")]
    [InlineData(new[] { "clv", "fit", "--summary", "data/real/cdnow/cdnow_customers_summary.csv", "--calibration-end", "1997-09-30" }, "--calibration-end is used with --data only")]
    public void Wrong_clv_arguments_exit_1_with_a_clear_message(string[] args, string message)
    {
        var (code, stdout, stderr) = SegProcess.Run(args);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr + stdout);
    }

    private static (int[] X, double[] Tx, double[] T) CdnowRows()
    {
        var lines = File.ReadAllLines(RepoPaths.Data("real", "cdnow", "cdnow_customers_summary.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return (lines.Select(l => int.Parse(l[1], CultureInfo.InvariantCulture)).ToArray(),
                lines.Select(l => double.Parse(l[2], CultureInfo.InvariantCulture)).ToArray(),
                lines.Select(l => double.Parse(l[3], CultureInfo.InvariantCulture)).ToArray());
    }
}
