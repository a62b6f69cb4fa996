using System.Data.Common;
using Microsoft.Data.Analysis;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// The cluster as an engine for per-customer queries: the SQL runs on every shard over its local tables (sharded by customer_id,
/// dimension tables copied), and the shards' rows are concatenated in shard order (an ORDER BY holds within each shard's part).
/// Exact when every output row belongs to one customer and every join is on customer_id or with a copied table.
/// </summary>
internal sealed class ClickHouseColocatedEngine(ClickHouseWorkspace workspace) : ISqlEngine
{
    public SqlDialect Dialect => ClickHouseDialect.Instance;

    public void Execute(string sql)
    {
        foreach (var statement in ClickHouseWorkspace.SplitStatements(sql))
            foreach (var n in workspace.Nodes) n.Execute(statement, ClickHouseStage.Query, workspace.Settings.LocalDatabase);
    }

    public bool HasTable(string table) =>
        workspace.Nodes[0].Text($"SELECT count() FROM system.tables WHERE database = {Dialect.Str(workspace.Settings.LocalDatabase)} AND name = {Dialect.Str(table)}", ClickHouseStage.Query).Trim() == "1";

    public IReadOnlyList<string> Describe(string table) =>
        HasTable(table)
            ? workspace.Nodes[0].Text($"SELECT name FROM system.columns WHERE database = {Dialect.Str(workspace.Settings.LocalDatabase)} AND table = {Dialect.Str(table)}", ClickHouseStage.Query)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : [];

    public void CreateTextTable(string name, IReadOnlyList<string> columns, int rows, Func<int, int, string> cell) =>
        BatchedInsert.CreateTextTable(this, name, columns, rows, cell);

    public void Cancel() => workspace.Cancel();

    public DataFrame Query(string sql) => workspace.QueryOn(workspace.Nodes, sql, workspace.Settings.LocalDatabase);

    public T Read<T>(string sql, Func<DbDataReader, T> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var reader = new DataFrameDataReader(Query(sql));
        return consume(reader);
    }
}
