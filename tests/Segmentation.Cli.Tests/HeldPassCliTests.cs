namespace Segmentation.Cli.Tests;

/// <summary>
/// The monthly evaluation in DuckDB takes the KPI tables' customer × month grain and the churn section's customer summaries from
/// the snapshots' pass (held in process), not from a second pass over the transactions or a summaries table: read from the
/// statement log (<c>SEG_SQL_LOG</c>) of a real run, on the sample and on a real export. The figures themselves are compared with
/// the SQL in the Data tests (CustomerMonthPassTests, SnapshotAggregatePassTests).
/// </summary>
public sealed class HeldPassCliTests
{
    [Theory]
    [InlineData("sample", "2026-10", "2025-11")]
    [InlineData("real/online_retail", "2011-11", null)]
    public void The_evaluation_reads_the_months_and_the_summaries_the_pass_held(string data, string month, string? managementStart)
    {
        using var dir = new TempDirectory();
        var log = dir.File("sql.log");
        string[] args = ["evaluate", "--data", RepoPaths.Data(data.Split('/')), "--month", month, "--model", dir.File("model.json"), "--json", dir.File("e.json")];
        if (managementStart is not null) args = [.. args, "--management-start", managementStart];
        var (code, stdout, stderr) = SegProcess.Run(new Dictionary<string, string> { ["SEG_SQL_LOG"] = log }, args);
        Assert.True(code == 0, stderr + stdout);
        var statements = File.ReadAllText(log);
        Assert.Contains("-- snapshot aggregates counted in process", statements);
        Assert.Contains("-- customer months of the assignment, from the snapshots' pass", statements);
        Assert.Contains("-- customer summaries at two ends, from the snapshots' pass", statements);
        // Neither the KPI tables' own pass (which reads the segments table back, then the transactions) nor the summaries' table.
        Assert.DoesNotContain("SELECT customer_id, segment FROM \"eval_segments\"", statements);
        Assert.DoesNotContain("eval_customer_summaries", statements);
        Assert.DoesNotContain("CREATE TEMP TABLE \"customer_aggregates_days\"", statements);
        Assert.DoesNotContain("-- appended to \"customer_aggregates_days\"", statements);
    }
}
