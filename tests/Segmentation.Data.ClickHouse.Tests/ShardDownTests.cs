using System.Diagnostics;
using Segmentation.Data;
using Segmentation.Data.ClickHouse;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Features;

namespace Segmentation.Data.ClickHouse.Tests;

/// <summary>Starts a private two-shard cluster on other ports (deploy/clickhouse/cluster.sh), so stopping a shard disturbs no other test.</summary>
[Trait("Requires", "ClickHouse")]
public sealed class ShardDownTests
{
    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "clickhouse", "cluster.sh");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("deploy/clickhouse/cluster.sh not found above the test binaries.");
    }

    private static string Run(string baseDir, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Script());
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SEG_CH_DIR"] = baseDir;
        psi.Environment["SEG_CH_PORTS"] = "8134 9111 9211 8135 9112 9212";
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd(), error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0 && args[0] != "status") throw new InvalidOperationException($"cluster.sh {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
        return output.Trim();
    }

    [Fact]
    public void A_stopped_shard_fails_queries_and_connects_naming_the_shard_and_never_returns_part_of_the_rows()
    {
        _ = ClickHouseCluster.ConnectionString; // the suite requires the ClickHouse test setup; fail loudly without it
        string baseDir = Path.Combine(Path.GetTempPath(), "seg-ch-fault-" + Guid.NewGuid().ToString("N")[..8]);
        string connection = Run(baseDir, "start");
        try
        {
            using var dir = new TempDirectory();
            GeneratedTransactions.Write(dir.File("transactions.csv"), customers: 200, rows: 3_000, seed: 2);
            using var duck = DataWorkspace.Load(dir.Path, new IngestOptions(new DateTime(2026, 10, 31)));
            string sql = CustomerAggregateQuery.Render(ClickHouseDialect.Instance, new DateTime(2026, 10, 31));
            using (var ws = ClickHouseWorkspace.Connect(connection))
            {
                Assert.True(ws.Load(duck).Reconciles);
                Assert.Equal(200, ws.Query(sql).Rows.Count);

                Run(baseDir, "stop", "2");
                var viaCoordinator = Assert.Throws<ClickHouseException>(() => ws.Query(sql));
                Assert.Equal(ClickHouseStage.Query, viaCoordinator.Stage);
                Assert.Contains("9112", viaCoordinator.Message); // the coordinator names the shard it could not reach
                var colocated = Assert.Throws<ClickHouseException>(() => ws.Colocated.Query(sql));
                Assert.Equal("127.0.0.1:8135", colocated.Endpoint);
                var load = Assert.Throws<ClickHouseException>(() => ws.Load(duck));
                Assert.Equal("127.0.0.1:8135", load.Endpoint);
                Assert.Equal(ClickHouseStage.Ddl, load.Stage);
            }
            var connect = Assert.Throws<ClickHouseException>(() => ClickHouseWorkspace.Connect(connection));
            Assert.Equal(ClickHouseStage.Connect, connect.Stage);
            Assert.Equal("127.0.0.1:8135", connect.Endpoint);
        }
        finally
        {
            Run(baseDir, "stop");
            try { Directory.Delete(baseDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
