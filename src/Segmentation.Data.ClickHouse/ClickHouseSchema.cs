using Segmentation.Analytics.Engines;
namespace Segmentation.Data.ClickHouse;

/// <summary>
/// How the tables of the data model are laid out on the cluster: column types, which tables are sharded by customer and
/// which are copied in full to every shard, and the DDL for both.
/// </summary>
/// <remarks>
/// <para>Tables with a <c>customer_id</c> (transactions, customers, feedback, campaign_assignments) are sharded by
/// <c>cityHash64(customer_id)</c>: all rows of one customer live on one shard, so any per-customer query can run on each shard
/// alone and the shards' results are disjoint. campaigns and market are small dimension tables copied to every shard;
/// in the main database they are a View of the local copy.</para>
/// <para>Types: text → String, integer → Int64, number → Float64 except money (transactions.amount and cost, campaigns.cost,
/// market.market_size) → Decimal(18, 2), boolean → UInt8, date/timestamp/month → DateTime (UTC, 1970–2106); Nullable unless the
/// column is required. Two internal columns: <c>__rec</c> (the source row number) and <c>__batch</c> (the load batch, the
/// partition key: a re-run of an interrupted load replaces its partition and drops every other one).</para>
/// </remarks>
internal static class ClickHouseSchema
{
    /// <summary>Columns stored as Decimal(18, 2) so money sums are exact.</summary>
    public static IReadOnlySet<(string Table, string Column)> MoneyColumns { get; } = new HashSet<(string, string)>
    {
        ("transactions", "amount"), ("transactions", "cost"), ("campaigns", "cost"), ("market", "market_size"),
    };

    /// <summary>True if the table is sharded by customer_id (else copied to every shard).</summary>
    public static bool IsSharded(TableSpec table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Find("customer_id") is not null;
    }

    /// <summary>The ClickHouse type of a column.</summary>
    public static string TypeOf(TableSpec table, ColumnSpec column)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        string t = MoneyColumns.Contains((table.Name, column.Name)) ? "Decimal(18, 2)" : column.Kind switch
        {
            ColumnKind.Text => "String",
            ColumnKind.Integer => "Int64",
            ColumnKind.Number => "Float64",
            ColumnKind.Boolean => "UInt8",
            _ => "DateTime",
        };
        return column.Required ? t : $"Nullable({t})";
    }

    /// <summary>Columns as loaded: the data-model columns, then <c>__rec</c> and <c>__batch</c>.</summary>
    public static IReadOnlyList<(string Name, string Type)> Columns(TableSpec table) =>
        table.Columns.Select(c => (c.Name, TypeOf(table, c))).Append(("__rec", "Int64")).Append(("__batch", "String")).ToArray();

    /// <summary>The statements to run on every node (no ZooKeeper: each node gets its own DDL).</summary>
    public static IReadOnlyList<string> Ddl(TableSpec table, ClickHouseClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(cluster);
        string local = $"{cluster.LocalDatabase}.{Quote(table.Name)}", main = $"{cluster.Database}.{Quote(table.Name)}";
        string columns = string.Join(", ", Columns(table).Select(c => $"{Quote(c.Name)} {c.Type}"));
        string orderBy = IsSharded(table) ? "(customer_id, __rec)" : "__rec";
        var statements = new List<string>
        {
            $"CREATE TABLE IF NOT EXISTS {local} ({columns}) ENGINE = MergeTree() PARTITION BY __batch ORDER BY {orderBy}",
        };
        statements.Add(IsSharded(table)
            ? $"CREATE TABLE IF NOT EXISTS {main} AS {local} ENGINE = Distributed({cluster.Cluster}, {cluster.LocalDatabase}, {Quote(table.Name)}, cityHash64(customer_id))"
            : $"CREATE VIEW IF NOT EXISTS {main} AS SELECT * FROM {local}");
        return statements;
    }

    internal static string Quote(string name) => "`" + name.Replace("`", "\\`") + "`";
}
