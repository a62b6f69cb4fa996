using Npgsql;
using Segmentation.Data;
using Segmentation.Data.ClickHouse;
using Segmentation.Analytics.Engines;

namespace Segmentation.Cli.Tests;

/// <summary><c>--engine duckdb|postgres|clickhouse</c> on <c>seg features</c> and <c>seg rfm</c>: the same files from every engine.</summary>
public sealed class EngineCliTests
{
    private static readonly string Sample = RepoPaths.Data("sample");

    private static string Features(TempDirectory dir, string name, params string[] engine)
    {
        var path = dir.File(name);
        var (code, stdout, stderr) = SegProcess.Run(["features", "--snapshot", "2026-10-31", "--out", path, .. engine]);
        Assert.True(code == 0, stderr + stdout);
        return path;
    }

    private static string Rfm(TempDirectory dir, string name, params string[] engine)
    {
        var path = dir.File(name);
        var (code, stdout, stderr) = SegProcess.Run(["rfm", "--snapshot", "2026-10-31", "--out", path, .. engine]);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("cut points", stdout);
        return path;
    }

    [Trait("Requires", "ClickHouse")]
    [Fact]
    public void Clickhouse_loads_the_data_directory_once_and_then_answers_from_the_cluster()
    {
        using var dir = new TempDirectory();
        var settings = ClickHouseClusterSettings.Parse(ClickHouseCluster.ConnectionString).WithDatabase("t_" + Guid.NewGuid().ToString("N")[..12]);
        string connection = $"Nodes={string.Join(",", settings.Nodes)};Cluster={settings.Cluster};Database={settings.Database}";
        try
        {
            var expected = Features(dir, "duck.csv", "--data", Sample);
            var loaded = Features(dir, "ch.csv", "--data", Sample, "--engine", "clickhouse", "--connection", connection);
            Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(loaded));
            // Without --data the tables loaded above are used.
            var held = Rfm(dir, "rfm-ch.csv", "--engine", "clickhouse", "--connection", connection);
            Assert.Equal(File.ReadAllBytes(Rfm(dir, "rfm-duck.csv", "--data", Sample)), File.ReadAllBytes(held));
        }
        finally
        {
            using var ws = ClickHouseWorkspace.Connect(settings);
            ws.DropDatabases();
        }
    }

    [Trait("Requires", "PostgreSQL")]
    [Fact]
    public void Postgres_validates_the_tables_of_a_schema_and_gives_the_same_features()
    {
        using var dir = new TempDirectory();
        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        var schema = PostgresServer.CreateSchema(admin);
        try
        {
            foreach (var table in DataModel.All)
                if (File.Exists(Path.Combine(Sample, table.Name + ".csv"))) PostgresServer.LoadCsv(admin, schema, table.Name, Path.Combine(Sample, table.Name + ".csv"));
            // The import spec travels with the data: the sample's schema.json is passed to the server run explicitly.
            var fromPg = Features(dir, "pg.csv", "--engine", "postgres", "--connection", PostgresServer.ConnectionString, "--pg-schema", schema, "--schema", Path.Combine(Sample, "schema.json"));
            Assert.Equal(File.ReadAllBytes(Features(dir, "duck.csv", "--data", Sample)), File.ReadAllBytes(fromPg));
        }
        finally
        {
            PostgresServer.DropSchema(admin, schema);
        }
    }

    [Theory]
    [InlineData(1, "Engine 'oracle' is not one of duckdb, postgres, clickhouse.", "--engine", "oracle", "--data", "data/sample")]
    [InlineData(1, "--data DIR is required with --engine duckdb.")]
    [InlineData(1, "--data is not used with --engine postgres", "--engine", "postgres", "--data", "data/sample")]
    [InlineData(4, "ClickHouse connect failed on 127.0.0.1:1", "--engine", "clickhouse", "--connection", "Nodes=127.0.0.1:1;Cluster=two_shards;Database=x")]
    public void Wrong_engine_arguments_fail_with_a_clear_message(int exitCode, string message, params string[] args)
    {
        var (code, stdout, stderr) = SegProcess.Run(["features", "--out", Path.Combine(Path.GetTempPath(), "never.csv"), .. args]);
        Assert.Equal(exitCode, code);
        Assert.Contains(message, stderr + stdout);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary><c>--in-engine-above 0</c> keeps the segments in the engine: the KPIs, before/after windows, comparisons, campaigns,
    /// migration and budget of the JSON equal the in-process run's (every customer gets the same segment); a negative threshold
    /// is a usage error.</summary>
    [Fact]
    public void In_engine_segments_give_the_in_process_numbers()
    {
        using var dir = new TempDirectory();
        string model = dir.File("model.json");
        string[] common = ["evaluate", "--data", Sample, "--month", "2026-10", "--management-start", "2025-11", "--budget", "1000000", "--model", model, "--min-group", "1"];
        var (code, stdout, stderr) = SegProcess.Run([.. common, "--json", dir.File("process.json")]);
        Assert.True(code == 0, stderr + stdout);
        (code, stdout, stderr) = SegProcess.Run([.. common, "--json", dir.File("engine.json"), "--in-engine-above", "0"]);
        Assert.True(code == 0, stderr + stdout);
        var inProcess = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir.File("process.json")))!;
        var inEngine = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir.File("engine.json")))!;
        foreach (var key in new[] { "kpis", "beforeAfterWindows", "periodOverPeriod", "beforeAfter", "campaigns", "segmentMigration", "budgetAllocation" })
        {
            Assert.NotNull(inProcess[key]);
            Assert.Equal(inProcess[key]!.ToJsonString(), inEngine[key]?.ToJsonString());
        }

        (code, stdout, stderr) = SegProcess.Run([.. common, "--in-engine-above", "-1"]);
        Assert.Equal(1, code);  // ExitCodes.Usage
        Assert.Contains("--in-engine-above must not be negative", stderr + stdout);
    }
}
