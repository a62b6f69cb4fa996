using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Models;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The monthly job's segments kept inside the engine, for customer counts beyond one analysis machine
/// (<see cref="MonthlyRunOptions.InEngineAbove"/>): the frozen model assigns every customer in SQL into an engine table
/// (<see cref="SegmentationModelSql"/>; on a sharded cluster a table split by customer like the data, so its joins stay per shard),
/// the model is fitted on a deterministic sample of buyers drawn in the engine, and migration is counted there.
/// Only sample rows and counts come back.
/// </summary>
/// <remarks>The sample is the <c>size</c> buyers with the smallest <see cref="SqlDialect.SampleKey"/> of their customer id (ties by
/// id): the same customers in every engine and at every snapshot where they are buyers, with no seed to keep.</remarks>
public static class InEngineSegments
{
    /// <summary>The engine table of the month end's segments (customer_id, segment).</summary>
    public const string MonthEnd = "eval_segments_month_end";

    /// <summary>The engine table of the previous period end's segments (customer_id, segment).</summary>
    public const string PreviousEnd = "eval_segments_previous_end";

    /// <summary>Name of the sampling key column in <see cref="RenderSample"/>'s rows.</summary>
    public const string SampleKeyColumn = "sample_key";

    /// <summary>The engine answering shard by shard when it is sharded (<see cref="IShardedEngine.PerShard"/>), else itself.</summary>
    public static ISqlEngine PerShard(ISqlEngine engine) => ShardedEngines.PerShard(engine);

    /// <summary>Customers (rows) and buyers (rows with a <c>recency_days</c>) of a feature-table query, counted in the engine.</summary>
    public static (long Customers, long Buyers) Count(ISqlEngine engine, string featuresSql)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(featuresSql);
        var d = engine.Dialect;
        var frame = PerShard(engine).Query($"SELECT {d.ToBigInt("count(*)")} AS customers, {d.ToBigInt("count(recency_days)")} AS buyers FROM ({featuresSql}) f");
        long customers = 0, buyers = 0;
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            customers += Convert.ToInt64(frame.Columns["customers"][i], CultureInfo.InvariantCulture);
            buyers += Convert.ToInt64(frame.Columns["buyers"][i], CultureInfo.InvariantCulture);
        }
        return (customers, buyers);
    }

    /// <summary>The rows of the <paramref name="size"/> buyers of <paramref name="featuresSql"/> with the smallest sampling key
    /// (every column of the query, then <see cref="SampleKeyColumn"/>), ordered by the key.</summary>
    public static string RenderSample(SqlDialect dialect, string featuresSql, int size)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrWhiteSpace(featuresSql);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return $"SELECT * FROM (SELECT *, {dialect.SampleKey("customer_id")} AS {SampleKeyColumn} FROM ({featuresSql}) f WHERE recency_days IS NOT NULL) s "
            + $"ORDER BY {SampleKeyColumn}, customer_id LIMIT {size.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The engine table of the buyers sampled by <see cref="DrawBuyers"/> (customer_id).</summary>
    public const string Sample = "eval_sample_buyers";

    /// <summary>
    /// Draws the sample in the engine before any feature is computed: the <paramref name="size"/> buyers at <paramref name="snapshot"/>
    /// (a purchase up to that day) with the smallest sampling key (ties by id) into the engine table <paramref name="table"/>
    /// (customer_id; split like the data on a sharded engine). A feature table with <see cref="Features.FeatureTableOptions.CustomersIn"/>
    /// = <paramref name="table"/> then aggregates only their transactions: the same customers as <see cref="SampleBuyers"/> on the
    /// whole table, without the whole table (at 50 M transactions per shard it exceeded ClickHouse's per-query memory limit).
    /// </summary>
    /// <returns>The number of sampled buyers.</returns>
    public static int DrawBuyers(ISqlEngine engine, DateTime snapshot, int size, string table = Sample)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var d = engine.Dialect;
        string buyers = $"SELECT DISTINCT customer_id FROM {d.Id("transactions")} WHERE {d.Id("timestamp")} < {d.Timestamp(snapshot.Date.AddDays(1))} AND NOT is_return AND customer_id IS NOT NULL";
        return Draw(engine, $"SELECT customer_id, {d.SampleKey("customer_id")} AS {SampleKeyColumn} FROM ({buyers}) b", "customer_id", size, table);
    }

    /// <summary>The engine table of the customers sampled by <see cref="DrawCustomers"/> (customer_id, segment).</summary>
    public const string EvaluationSample = "eval_sample_customers";

    /// <summary>
    /// Draws the evaluation's customer sample: the <paramref name="size"/> customers of the segments table <paramref name="segmentsTable"/>
    /// (prospects included) with the smallest sampling key (ties by id), with their segment, into the engine table <paramref name="table"/>
    /// (customer_id, segment). Every customer when there are no more than <paramref name="size"/>.
    /// </summary>
    /// <returns>The number of sampled customers.</returns>
    public static int DrawCustomers(ISqlEngine engine, string segmentsTable, int size, string table = EvaluationSample)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var d = engine.Dialect;
        return Draw(engine, $"SELECT customer_id, segment, {d.SampleKey("customer_id")} AS {SampleKeyColumn} FROM {d.Id(segmentsTable)}", "customer_id, segment", size, table);
    }

    // The rows of `keyed` (customer_id, …, sample_key) with the `size` smallest keys (ties by id) into `table` (the named columns).
    private static int Draw(ISqlEngine engine, string keyed, string columns, int size, string table)
    {
        var d = engine.Dialect;
        // Each shard's smallest keys, then the smallest of all: the last kept (key, id) is the bound every shard applies.
        var frame = PerShard(engine).Query($"SELECT customer_id, {SampleKeyColumn} FROM ({keyed}) k ORDER BY {SampleKeyColumn}, customer_id LIMIT {size.ToString(CultureInfo.InvariantCulture)}");
        int n = checked((int)frame.Rows.Count);
        var candidates = new (long Key, string Id)[n];
        for (int i = 0; i < n; i++)
            candidates[i] = (Convert.ToInt64(frame.Columns[SampleKeyColumn][i], CultureInfo.InvariantCulture), (string)frame.Columns["customer_id"][i]);
        Array.Sort(candidates, (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : string.CompareOrdinal(a.Id, b.Id));
        int kept = Math.Min(size, n);
        string where = kept == 0 ? "1 = 0"
            : $"{SampleKeyColumn} < {candidates[kept - 1].Key.ToString(CultureInfo.InvariantCulture)} OR ({SampleKeyColumn} = {candidates[kept - 1].Key.ToString(CultureInfo.InvariantCulture)} AND customer_id <= {d.Str(candidates[kept - 1].Id)})";
        Create(engine, table, $"SELECT {columns} FROM ({keyed}) k WHERE {where}");
        return kept;
    }

    /// <summary>
    /// The sampled buyers' rows of a feature-table query (<see cref="RenderSample"/>; each shard draws its own and the smallest keys
    /// of all are kept), in ordinal customer-id order like <see cref="Features.CustomerFeatureTable.Build"/>, without the key column.
    /// </summary>
    public static DataFrame SampleBuyers(ISqlEngine engine, string featuresSql, int size)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var frame = PerShard(engine).Query(RenderSample(engine.Dialect, featuresSql, size));
        var rows = Kept(frame, size);
        var map = new Int64DataFrameColumn("__rows", rows.Length);
        for (int i = 0; i < rows.Length; i++) map[i] = rows[i];
        return new DataFrame(frame.Columns.Where(c => c.Name != SampleKeyColumn).Select(c => c.Clone(map)));
    }

    /// <summary>
    /// <see cref="WindowFeatures.Orders12MonthsAt(ISqlEngine, DateTime, DateTime)"/> on a sample: the orders in the 12 months up to each
    /// snapshot of the <paramref name="size"/> customers active in either window with the smallest sampling key (each shard draws its
    /// own, the smallest keys of all are kept); every active customer when there are no more than that.
    /// </summary>
    public static (double[] First, double[] Second) Orders12MonthsSample(ISqlEngine engine, DateTime first, DateTime second, int size)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var d = engine.Dialect;
        string windows = WindowFeatures.RenderOrders12Months(d, [first, second]);
        string sql = $"SELECT * FROM (SELECT *, {d.SampleKey("customer_id")} AS {SampleKeyColumn} FROM ({windows}) w) s "
            + $"ORDER BY {SampleKeyColumn}, customer_id LIMIT {size.ToString(CultureInfo.InvariantCulture)}";
        var frame = PerShard(engine).Query(sql);
        // The kept customers in id order (as the full read has them); a customer counts at a snapshot when active in its window.
        var rows = Kept(frame, size);
        double[] Values(int k)
        {
            var column = frame.Columns[$"{WindowFeatures.Orders12Months}_{k}"];
            return rows.Select(i => Convert.ToDouble(column[i], CultureInfo.InvariantCulture)).Where(v => v > 0).ToArray();
        }
        return (Values(0), Values(1));
    }

    /// <summary>The rows of the shards' answers (customer_id, <see cref="SampleKeyColumn"/>) that are kept: the <paramref name="size"/>
    /// smallest keys of all (ties by ordinal id), in ordinal customer-id order.</summary>
    private static int[] Kept(DataFrame frame, int size)
    {
        int n = checked((int)frame.Rows.Count);
        var ids = new string[n];
        var keys = new long[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = (string)frame.Columns["customer_id"][i];
            keys[i] = Convert.ToInt64(frame.Columns[SampleKeyColumn][i], CultureInfo.InvariantCulture);
        }
        return Enumerable.Range(0, n).OrderBy(i => keys[i]).ThenBy(i => ids[i], StringComparer.Ordinal).Take(size)
            .OrderBy(i => ids[i], StringComparer.Ordinal).ToArray();
    }

    /// <summary>Creates (replacing) the engine table <paramref name="name"/>(customer_id, segment): <paramref name="model"/>'s segment
    /// of every customer of <paramref name="featuresSql"/>, <paramref name="prospectsKey"/> for those without a purchase
    /// (<see cref="SegmentationModelSql.RenderModel(SqlDialect, SegmentationModel, string, string?)"/>).</summary>
    public static void Assign(ISqlEngine engine, string name, SegmentationModel model, string featuresSql, string prospectsKey)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(prospectsKey);
        Create(engine, name, SegmentationModelSql.RenderModel(engine.Dialect, model, featuresSql, prospectsKey));
    }

    /// <summary>Creates (replacing) a customer-keyed engine table from a query: split like the data on a sharded engine, a session table elsewhere.</summary>
    public static void Create(ISqlEngine engine, string name, string query)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (engine is IShardedEngine sharded) sharded.CreateCustomerTable(name, query);
        else engine.Execute(engine.Dialect.CreateTempTableAs(name, query));
    }

    /// <summary>Drops a table made by <see cref="Create"/> or <see cref="Assign"/> (no-op when it does not exist).</summary>
    public static void Drop(ISqlEngine engine, string name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine is IShardedEngine sharded) sharded.DropCustomerTable(name);
        else engine.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(name)}");
    }

    /// <summary>Customers per segment key of an engine table (every key of <paramref name="segments"/>, 0 when empty).</summary>
    public static IReadOnlyDictionary<string, long> Counts(ISqlEngine engine, string table, IReadOnlyList<SegmentDefinition> segments)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(segments);
        var d = engine.Dialect;
        var frame = PerShard(engine).Query($"SELECT segment, {d.ToBigInt("count(*)")} AS customers FROM {d.Id(table)} GROUP BY segment");
        var counts = segments.ToDictionary(s => s.Key, _ => 0L, StringComparer.Ordinal);
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            var key = (string)frame.Columns["segment"][i];
            counts[key] = counts.GetValueOrDefault(key) + Convert.ToInt64(frame.Columns["customers"][i], CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>The assignment held by an engine table, in ordinal customer-id order (one row per customer travels: for tests and
    /// the parts of the evaluation that still need it).</summary>
    public static SegmentAssignment Read(ISqlEngine engine, string table, IReadOnlyList<SegmentDefinition> segments)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(segments);
        var frame = PerShard(engine).Query($"SELECT customer_id, segment FROM {engine.Dialect.Id(table)}");
        int n = checked((int)frame.Rows.Count);
        var ids = new string[n];
        var keys = new string[n];
        var idColumn = frame.Columns["customer_id"];
        var keyColumn = frame.Columns["segment"];
        for (int i = 0; i < n; i++)
        {
            ids[i] = (string)idColumn[i];
            keys[i] = (string)keyColumn[i];
        }
        Array.Sort(ids, keys, StringComparer.Ordinal);
        // The segment keys repeat: one string per key instead of one per customer.
        var interned = segments.ToDictionary(s => s.Key, s => s.Key, StringComparer.Ordinal);
        for (int i = 0; i < n; i++) keys[i] = interned.GetValueOrDefault(keys[i]) ?? keys[i];
        return new SegmentAssignment(ids, keys, segments);
    }

    /// <summary>
    /// The migration between two engine tables of the same segment definitions (<see cref="SegmentMigration.Compute"/>'s numbers),
    /// counted in the engine: each customer's earlier and later key (NULL when absent), grouped — at most (k + 1)² rows per shard.
    /// </summary>
    public static SegmentMigration Migration(ISqlEngine engine, string fromTable, string toTable, IReadOnlyList<SegmentDefinition> segments)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(segments);
        var d = engine.Dialect;
        string sql = $"""
            SELECT from_segment, to_segment, {d.ToBigInt("count(*)")} AS customers FROM (
              SELECT customer_id, max(CASE WHEN src = 0 THEN segment END) AS from_segment, max(CASE WHEN src = 1 THEN segment END) AS to_segment
              FROM (SELECT customer_id, segment, 0 AS src FROM {d.Id(fromTable)} UNION ALL SELECT customer_id, segment, 1 AS src FROM {d.Id(toTable)}) u
              GROUP BY customer_id) pairs
            GROUP BY from_segment, to_segment
            """;
        var frame = PerShard(engine).Query(sql);
        var keys = segments.Select(s => s.Key).ToArray();
        var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var rank = segments.ToDictionary(s => s.Key, s => s.ValueRank, StringComparer.Ordinal);
        var counts = keys.Select(_ => new long[keys.Length]).ToArray();
        var lost = new long[keys.Length];
        var @new = new long[keys.Length];
        long up = 0, down = 0, stayed = 0;
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            var a = (string?)frame.Columns["from_segment"][i];
            var b = (string?)frame.Columns["to_segment"][i];
            long c = Convert.ToInt64(frame.Columns["customers"][i], CultureInfo.InvariantCulture);
            if (a is null && b is null) continue;
            if (b is null) { lost[index[a!]] += c; continue; }
            if (a is null) { @new[index[b]] += c; continue; }
            counts[index[a]][index[b]] += c;
            if (a == b) stayed += c;
            int delta = rank[b].CompareTo(rank[a]);
            if (delta > 0) up += c;
            else if (delta < 0) down += c;
        }
        return new SegmentMigration(keys, keys, counts, lost, @new, up, down, stayed);
    }
}
