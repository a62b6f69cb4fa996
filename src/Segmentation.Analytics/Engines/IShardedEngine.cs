namespace Segmentation.Analytics.Engines;

/// <summary>
/// An engine whose customer-keyed tables are split across shards by customer (the ClickHouse cluster): all rows of one customer
/// live on one shard, so a per-customer query runs on each shard alone and a table made from one stays split the same way.
/// </summary>
/// <remarks>Engines without shards do not implement it; callers then use the engine itself and a session table.</remarks>
public interface IShardedEngine : ISqlEngine
{
    /// <summary>The same engine answering shard by shard: a query runs on every shard over its own rows and the answers are
    /// concatenated (exact for per-customer rows; sums of per-shard aggregates must be added by the caller).</summary>
    ISqlEngine PerShard { get; }

    /// <summary>Creates (replacing) the table <paramref name="name"/> from <paramref name="query"/> (rows keyed by a
    /// <c>customer_id</c> column, joins on customer_id only) on every shard over that shard's rows, and the table over all shards
    /// under the same name, sharded like the data model's customer tables.</summary>
    void CreateCustomerTable(string name, string query);

    /// <summary>Drops a table made by <see cref="CreateCustomerTable"/> (no-op when it does not exist).</summary>
    void DropCustomerTable(string name);
}
