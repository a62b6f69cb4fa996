using System.Data.Common;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Data.Sql;

namespace Segmentation.Analytics.Data.ClickHouse;

/// <summary>
/// The cluster as an engine for per-customer queries: the SQL runs on every shard over its local tables (sharded by customer_id,
/// dimension tables copied), and the shards' rows are concatenated in shard order (an ORDER BY holds within each shard's part).
/// Exact when every output row belongs to one customer and every join is on customer_id or with a copied table.
/// </summary>
internal sealed class ClickHouseColocatedEngine(ClickHouseWorkspace workspace) : ISqlEngine
{
    public SqlDialect Dialect => SqlDialect.ClickHouse;

    public void Execute(string sql)
    {
        foreach (var statement in ClickHouseWorkspace.SplitStatements(sql))
            foreach (var n in workspace.Nodes) n.Execute(statement, ClickHouseStage.Query, workspace.Settings.LocalDatabase);
    }

    public DataFrame Query(string sql) => workspace.QueryOn(workspace.Nodes, sql, workspace.Settings.LocalDatabase);

    public T Read<T>(string sql, Func<DbDataReader, T> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var table = ClickHouseWorkspace.ToDataTable(Query(sql));
        using var reader = table.CreateDataReader();
        return consume(reader);
    }
}
