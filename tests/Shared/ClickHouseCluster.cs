using Segmentation.Data.ClickHouse;

namespace Segmentation.Testing;

/// <summary>The test cluster (deploy/clickhouse/cluster.sh start prints its connection string); each test uses its own database.</summary>
public static class ClickHouseCluster
{
    public const string Variable = "SEG_TEST_CLICKHOUSE";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: start the test cluster with `deploy/clickhouse/cluster.sh start` and export {Variable}=<the connection string it prints>.");

    /// <summary>A workspace on a fresh database of the test cluster; dispose it with <see cref="Drop"/>.</summary>
    public static ClickHouseWorkspace Open() =>
        ClickHouseWorkspace.Connect(ClickHouseClusterSettings.Parse(ConnectionString).WithDatabase("t_" + Guid.NewGuid().ToString("N")[..12]));

    public static void Drop(ClickHouseWorkspace ws)
    {
        try { ws.DropDatabases(); } finally { ws.Dispose(); }
    }
}
