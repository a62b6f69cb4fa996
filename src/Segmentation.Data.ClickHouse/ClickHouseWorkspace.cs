using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// The sharded engine: the validated tables of a <see cref="DataWorkspace"/> loaded into a ClickHouse cluster, with the
/// product's queries (rendered by <see cref="ClickHouseDialect.Instance"/>) running there; only results travel back.
/// </summary>
/// <remarks>
/// <para>Layout (<see cref="ClickHouseSchema"/>): per node a MergeTree table in <c>&lt;Database&gt;_local</c>, and in
/// <c>&lt;Database&gt;</c> a <c>Distributed(cluster, …, cityHash64(customer_id))</c> table over them (campaigns and market: a full
/// copy per node). Without ZooKeeper every DDL statement is sent to every node.</para>
/// <para>Two ways to query: <see cref="Query"/> sends the SQL to the first node, which reads the Distributed tables (any SQL,
/// exact; sub-queries over Distributed tables are gathered on that node). <see cref="Colocated"/> sends the SQL to every shard
/// over its local tables and concatenates the answers: exact for queries whose rows are per customer and whose joins are on
/// customer_id (the aggregate query, the feature table, in-engine assignment), because all rows of a customer live on one
/// shard; nothing but result rows travels.</para>
/// <para>Reads: 18.16 has no <c>RowBinaryWithNamesAndTypes</c>, so the column types come from <c>DESCRIBE (query)</c> and the
/// rows as <c>RowBinary</c>, decoded by <see cref="RowBinaryReader"/>; a newer server sends names and types itself. Any failure
/// — a node down, a wrong port, a refused statement — is a <see cref="ClickHouseException"/> naming the stage and the node;
/// shards are never skipped (<c>skip_unavailable_shards</c> stays off), so there is no partial result.</para>
/// </remarks>
public sealed class ClickHouseWorkspace : IShardedEngine, IDisposable
{
    /// <summary>Environment variable with the connection string used when none is given.</summary>
    public const string ConnectionVariable = "SEG_CLICKHOUSE";

    /// <summary>Default rows of one CSV chunk file (one insert request) of <see cref="LoadTable"/>.</summary>
    public const int DefaultCsvChunkRows = 1_000_000;

    private readonly ClickHouseNode[] nodes;
    private readonly bool namesAndTypes;

    private ClickHouseWorkspace(ClickHouseClusterSettings settings)
    {
        Settings = settings;
        nodes = settings.Nodes.Select(e => new ClickHouseNode(e, settings)).ToArray();
        try
        {
            var versions = nodes.Select(n => n.Text("SELECT version()", ClickHouseStage.Connect).Trim()).ToArray();
            ServerVersion = versions[0];
            namesAndTypes = nodes[0].Text("SELECT count() FROM system.formats WHERE name = 'RowBinaryWithNamesAndTypes'", ClickHouseStage.Connect).Trim() == "1";
            int shards = int.Parse(nodes[0].Text($"SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = {Dialect.Str(settings.Cluster)}", ClickHouseStage.Connect).Trim(), CultureInfo.InvariantCulture);
            if (shards != nodes.Length)
                throw new ClickHouseException(ClickHouseStage.Connect, nodes[0].Endpoint,
                    $"cluster '{settings.Cluster}' has {shards} shards in the server configuration, but the connection string names {nodes.Length} nodes");
            foreach (var n in nodes)
                foreach (var db in new[] { settings.LocalDatabase, settings.Database })
                    n.Execute($"CREATE DATABASE IF NOT EXISTS {ClickHouseSchema.Quote(db)}", ClickHouseStage.Ddl);
        }
        catch
        {
            foreach (var n in nodes) n.Dispose();
            throw;
        }
        Colocated = new ClickHouseColocatedEngine(this);
    }

    /// <summary>The cluster.</summary>
    public ClickHouseClusterSettings Settings { get; }

    /// <summary>The first node's <c>version()</c>, e.g. <c>18.16.1</c>.</summary>
    public string ServerVersion { get; }

    /// <summary>True when the server sends <c>RowBinaryWithNamesAndTypes</c> (newer than 18.16), so no DESCRIBE is needed.</summary>
    public bool ReadsNamesAndTypes => namesAndTypes;

    /// <inheritdoc />
    public SqlDialect Dialect => ClickHouseDialect.Instance;

    /// <summary>Runs per-customer queries on every shard's local tables and concatenates the answers (see remarks of the class).</summary>
    public ISqlEngine Colocated { get; }

    internal IReadOnlyList<ClickHouseNode> Nodes => nodes;

    /// <inheritdoc />
    public ISqlEngine PerShard => Colocated;

    /// <inheritdoc />
    /// <remarks>Each node builds its part from its local tables into a MergeTree table of the local database (ordered by
    /// customer_id); a Distributed table over the parts, keyed by <c>cityHash64(customer_id)</c> like the loaded tables, takes the
    /// name in the main database. No row travels between nodes or to this process.</remarks>
    public void CreateCustomerTable(string name, string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        DropCustomerTable(name);
        string local = $"{Settings.LocalDatabase}.{ClickHouseSchema.Quote(name)}", main = $"{Settings.Database}.{ClickHouseSchema.Quote(name)}";
        Parallel.ForEach(nodes, n => n.Execute($"CREATE TABLE {local} ENGINE = MergeTree() ORDER BY customer_id AS {query.TrimEnd().TrimEnd(';')}",
            ClickHouseStage.Query, Settings.LocalDatabase));
        foreach (var n in nodes)
            n.Execute($"CREATE TABLE {main} AS {local} ENGINE = Distributed({Settings.Cluster}, {Settings.LocalDatabase}, {ClickHouseSchema.Quote(name)}, cityHash64(customer_id))",
                ClickHouseStage.Ddl);
    }

    /// <inheritdoc />
    public void DropCustomerTable(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var n in nodes)
            foreach (var db in new[] { Settings.Database, Settings.LocalDatabase })
                n.Execute($"DROP TABLE IF EXISTS {db}.{ClickHouseSchema.Quote(name)}", ClickHouseStage.Ddl);
    }

    /// <summary>Opens a session: every node must answer <c>SELECT version()</c>; creates the two databases on every node.</summary>
    /// <exception cref="ClickHouseException">A node cannot be reached (stage connect, names host:port).</exception>
    public static ClickHouseWorkspace Connect(string connectionString) => Connect(ClickHouseClusterSettings.Parse(connectionString));

    /// <inheritdoc cref="Connect(string)"/>
    public static ClickHouseWorkspace Connect(ClickHouseClusterSettings settings) =>
        new(settings ?? throw new ArgumentNullException(nameof(settings)));

    /// <summary>True if the table exists in the cluster.</summary>
    public bool HasTable(string table) =>
        nodes[0].Text($"SELECT count() FROM system.tables WHERE database = {Dialect.Str(Settings.Database)} AND name = {Dialect.Str(table)}", ClickHouseStage.Query).Trim() == "1";

    /// <summary>Creates the local and Distributed tables of <paramref name="table"/> on every node (idempotent).</summary>
    public void CreateTable(TableSpec table)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var statement in ClickHouseSchema.Ddl(table, Settings))
            foreach (var n in nodes) n.Execute(statement, ClickHouseStage.Ddl);
    }

    /// <summary>Drops both databases on every node (everything this workspace created).</summary>
    public void DropDatabases()
    {
        foreach (var n in nodes)
            foreach (var db in new[] { Settings.Database, Settings.LocalDatabase })
                if (db != "default") n.Execute($"DROP DATABASE IF EXISTS {ClickHouseSchema.Quote(db)}", ClickHouseStage.Ddl);
    }

    /// <summary>
    /// Loads every table <paramref name="source"/> holds: its validated rows (the rejects stay in the source's report) go to the
    /// cluster under one batch id; re-running after an interruption replaces the batch and leaves each row exactly once.
    /// </summary>
    /// <param name="source">A workspace that validated the files (CSV or Parquet) of the data model.</param>
    /// <param name="batch">Load batch id (letters, digits, '-', '_'); null for a new one.</param>
    /// <param name="path">How rows travel (<see cref="ClickHouseLoadPath"/>; Auto: CSV written by DuckDB where exact).</param>
    /// <exception cref="ClickHouseException">A node failed (stage ddl or load), or the counts after the load do not match.</exception>
    public ClickHouseLoadReport Load(DataWorkspace source, string? batch = null, ClickHouseLoadPath path = ClickHouseLoadPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(source);
        batch ??= Guid.NewGuid().ToString("N");
        var loads = DataModel.All.Where(t => source.HasTable(t.Name)).Select(t => LoadTable(source, t.Name, batch, path: path)).ToArray();
        return new ClickHouseLoadReport(source.Report, loads);
    }

    /// <summary>Loads one validated table of <paramref name="source"/> as batch <paramref name="batch"/>, then drops every other batch of it.</summary>
    /// <remarks>Both paths send the same rows with the same values (a test compares them byte for byte): the CSV path lets
    /// DuckDB write and ClickHouse parse, both in parallel (≈ 3× the RowBinary path's 0.2–0.3 M rows/s on two cores); the
    /// RowBinary path encodes row by row in this process. After the rows are in, older batches are dropped and the count in
    /// the cluster must equal the rows sent.</remarks>
    /// <param name="source">The validating workspace.</param>
    /// <param name="table">Canonical table name.</param>
    /// <param name="batch">Load batch id.</param>
    /// <param name="rowsPerInsert">Rows per insert request (RowBinary: memory on this machine grows with it; default 1 M), or
    /// rows per CSV chunk file (default <see cref="DefaultCsvChunkRows"/>).</param>
    /// <param name="stopAfterRows">For tests: stop after the first this-many rows (by source row number), as if the process
    /// died (no clean-up, no count check).</param>
    /// <param name="path">How rows travel; <see cref="ClickHouseLoadPath.Auto"/> picks CSV unless the table holds a
    /// non-money floating-point column.</param>
    /// <exception cref="ArgumentException">A bad batch id; a date-time outside 1970–2106; <see cref="ClickHouseLoadPath.Csv"/>
    /// for a table with a Float64 column.</exception>
    /// <exception cref="ClickHouseException">A node failed (stage ddl or load), or the counts after the load do not match.</exception>
    public ClickHouseTableLoad LoadTable(DataWorkspace source, string table, string batch, int? rowsPerInsert = null, long? stopAfterRows = null,
        ClickHouseLoadPath path = ClickHouseLoadPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(source);
        var spec = DataModel.Get(table);
        if (string.IsNullOrEmpty(batch) || !batch.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Batch id '{batch}' must be letters, digits, '-' or '_'.", nameof(batch));
        if (rowsPerInsert is { } perInsert) ArgumentOutOfRangeException.ThrowIfLessThan(perInsert, 1, nameof(rowsPerInsert));
        if (stopAfterRows is { } stopRows) ArgumentOutOfRangeException.ThrowIfLessThan(stopRows, 0, nameof(stopAfterRows));
        if (!Enum.IsDefined(path)) throw new ArgumentOutOfRangeException(nameof(path), path, "Unknown load path.");
        if (!source.HasTable(table)) throw new InvalidOperationException($"Table '{table}' was not loaded in the source workspace.");
        var watch = Stopwatch.StartNew();
        var present = source.Read($"SELECT column_name FROM information_schema.columns WHERE table_name = {DuckDbDialect.Instance.Str(table)}", r =>
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (r.Read()) set.Add(r.GetString(0));
            return set;
        });
        if (path == ClickHouseLoadPath.Auto)
            path = spec.Columns.Any(c => ClickHouseCsvLoader.NeedsBinary(spec, c, present)) ? ClickHouseLoadPath.RowBinary : ClickHouseLoadPath.Csv;
        else if (path == ClickHouseLoadPath.Csv && spec.Columns.FirstOrDefault(c => ClickHouseCsvLoader.NeedsBinary(spec, c, present)) is { } floating)
            throw new ArgumentException($"Column {table}.{floating.Name} is Float64, which ClickHouse 18.16 does not parse exactly from text; use ClickHouseLoadPath.RowBinary or Auto.", nameof(path));
        CreateTable(spec);
        bool sharded = ClickHouseSchema.IsSharded(spec);
        string name = ClickHouseSchema.Quote(table);
        // A previous attempt with the same batch id is replaced, not added to.
        foreach (var n in nodes) n.Execute($"ALTER TABLE {Settings.LocalDatabase}.{name} DROP PARTITION {Dialect.Str(batch)}", ClickHouseStage.Load);

        long? lastRec = stopAfterRows is { } stop
            ? source.Read($"SELECT max(__rec) FROM (SELECT __rec FROM {DuckDbDialect.Instance.Id(table)} ORDER BY __rec LIMIT {stop})",
                r => r.Read() && !r.IsDBNull(0) ? Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture) : long.MinValue)
            : null;
        long sent = path == ClickHouseLoadPath.Csv
            ? ClickHouseCsvLoader.Load(source, spec, present, batch, nodes, Settings, rowsPerInsert ?? DefaultCsvChunkRows, lastRec)
            : LoadRowBinary(source, spec, present, batch, rowsPerInsert ?? 1_000_000, lastRec);
        if (stopAfterRows is not null) return new ClickHouseTableLoad(table, batch, sent, -1, watch.Elapsed.TotalSeconds, path);

        // The batch is complete on every shard: now the older batches (an earlier load, or an interrupted one) go.
        foreach (var n in nodes)
        {
            var old = n.Text($"SELECT DISTINCT partition_id FROM system.parts WHERE database = {Dialect.Str(Settings.LocalDatabase)} AND table = {Dialect.Str(table)} AND active AND partition != {Dialect.Str(batch)} AND partition != {Dialect.Str("'" + batch + "'")}", ClickHouseStage.Load)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var id in old) n.Execute($"ALTER TABLE {Settings.LocalDatabase}.{name} DROP PARTITION ID {Dialect.Str(id)}", ClickHouseStage.Load);
        }
        long inCluster = sharded
            ? CountOn(nodes[0], $"{Settings.Database}.{name}")
            : nodes.Select(n => CountOn(n, $"{Settings.LocalDatabase}.{name}")).Distinct().Single();
        if (inCluster != sent)
            throw new ClickHouseException(ClickHouseStage.Load, nodes[0].Endpoint, $"table {table}: sent {sent} rows but the cluster holds {inCluster}");
        return new ClickHouseTableLoad(table, batch, sent, inCluster, watch.Elapsed.TotalSeconds, path);
    }

    /// <summary>The RowBinary path: rows with <c>__rec</c> ≤ <paramref name="lastRec"/> read through the DuckDB reader and encoded here.</summary>
    private long LoadRowBinary(DataWorkspace source, TableSpec spec, IReadOnlySet<string> present, string batch, int rowsPerInsert, long? lastRec)
    {
        string table = spec.Name;
        bool sharded = ClickHouseSchema.IsSharded(spec);
        var columns = ClickHouseSchema.Columns(spec);
        var types = columns.Select(c => ClickHouseColumnType.Parse(c.Type)).ToArray();
        var select = spec.Columns.Select(c => !present.Contains(c.Name) ? "NULL"
            : ClickHouseSchema.MoneyColumns.Contains((table, c.Name)) ? $"CAST({DuckDbDialect.Instance.Id(c.Name)} AS DECIMAL(18, 2))"
            : DuckDbDialect.Instance.Id(c.Name));
        string sql = $"SELECT {string.Join(", ", select)}, __rec, {DuckDbDialect.Instance.Str(batch)} FROM {DuckDbDialect.Instance.Id(table)}"
            + (lastRec is { } last ? $" WHERE __rec <= {last}" : "") + " ORDER BY __rec";
        var names = columns.Select(c => c.Name).ToArray();
        return source.Read(sql, reader =>
        {
            long rows = 0;
            var buffer = new MemoryStream();
            var writer = new RowBinaryWriter(buffer);
            int inBuffer = 0;
            void Flush()
            {
                if (inBuffer == 0) return;
                foreach (var target in sharded ? nodes.Take(1) : nodes)
                {
                    // The driver disposes the stream it sends: give it a read-only view of the buffer.
                    using var view = new MemoryStream(buffer.GetBuffer(), 0, checked((int)buffer.Length), writable: false);
                    target.Insert(table, view, names, sharded ? Settings.Database : Settings.LocalDatabase);
                }
                buffer.SetLength(0);
                inBuffer = 0;
            }
            while (reader.Read())
            {
                writer.WriteRow(reader, types);
                rows++;
                if (++inBuffer == rowsPerInsert) Flush();
            }
            Flush();
            return rows;
        });
    }

    private static long CountOn(ClickHouseNode node, string table) =>
        long.Parse(node.Text($"SELECT count() FROM {table}", ClickHouseStage.Load).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Rows of a table in the cluster (through the Distributed table).</summary>
    public long Count(string table) => long.Parse(nodes[0].Text($"SELECT count() FROM {Settings.Database}.{ClickHouseSchema.Quote(table)}", ClickHouseStage.Query).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Runs statements (separated by ';') on the first node.</summary>
    public void Execute(string sql)
    {
        foreach (var statement in SplitStatements(sql)) nodes[0].Execute(statement, ClickHouseStage.Query, Settings.Database);
    }

    /// <inheritdoc />
    public void Cancel()
    {
        foreach (var n in nodes) n.Cancel();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Describe(string table) =>
        HasTable(table)
            ? nodes[0].Text($"SELECT name FROM system.columns WHERE database = {Dialect.Str(Settings.Database)} AND table = {Dialect.Str(table)}", ClickHouseStage.Query)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray()
            : [];

    /// <inheritdoc />
    public void CreateTextTable(string name, IReadOnlyList<string> columns, int rows, Func<int, int, string> cell) =>
        BatchedInsert.CreateTextTable(this, name, columns, rows, cell);

    /// <summary>Runs a query on the first node over the Distributed tables; its result as a typed DataFrame.</summary>
    public DataFrame Query(string sql) => QueryOn(nodes.Take(1), sql, Settings.Database);

    /// <summary>Runs a query and hands a reader over its (fully read) result to <paramref name="consume"/>.</summary>
    public T Read<T>(string sql, Func<DbDataReader, T> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var reader = new DataFrameDataReader(Query(sql));
        return consume(reader);
    }

    /// <summary>Sends <paramref name="sql"/> to each of <paramref name="targets"/> (in parallel) and decodes the answers in node order into one frame.</summary>
    internal DataFrame QueryOn(IEnumerable<ClickHouseNode> targets, string sql, string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var list = targets.ToArray();
        string body = sql.TrimEnd().TrimEnd(';');
        IReadOnlyList<(string, string)>? columns = null;
        if (!namesAndTypes)
            columns = list[0].Text($"DESCRIBE ({body})", ClickHouseStage.Query, database)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t'))
                .Select(f => (Unescape(f[0]), f[1]))
                .ToArray();
        string format = namesAndTypes ? "RowBinaryWithNamesAndTypes" : "RowBinary";
        var answers = new byte[list.Length][];
        try
        {
            Parallel.For(0, list.Length, i => answers[i] = list[i].Bytes($"{body}\nFORMAT {format}", ClickHouseStage.Query, database));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault() is ClickHouseException first)
        {
            throw first; // the first failing shard, named in its message
        }
        if (namesAndTypes)
        {
            // Each answer carries its own header; decode separately and require identical schemas.
            var frames = answers.Select(a => RowBinaryReader.Read(new MemoryStream(a), null)).ToArray();
            return Concat(frames);
        }
        var concatenated = new MemoryStream(answers.Sum(a => a.Length));
        foreach (var a in answers) concatenated.Write(a);
        concatenated.Position = 0;
        return RowBinaryReader.Read(concatenated, columns);
    }

    private static DataFrame Concat(DataFrame[] frames)
    {
        if (frames.Length == 1) return frames[0];
        var result = frames[0].Clone();
        foreach (var f in frames.Skip(1)) result.Append(f.Rows, inPlace: true);
        return result;
    }

    private static string Unescape(string tsv) => tsv.Replace("\\t", "\t").Replace("\\n", "\n").Replace("\\\\", "\\");

    internal static IEnumerable<string> SplitStatements(string sql)
    {
        int start = 0;
        bool quoted = false;
        for (int i = 0; i < sql.Length; i++)
        {
            char c = sql[i];
            if (c == '\\' && quoted) { i++; continue; }
            if (c == '\'') quoted = !quoted;
            else if (c == ';' && !quoted)
            {
                var s = sql[start..i].Trim();
                if (s.Length > 0) yield return s;
                start = i + 1;
            }
        }
        var last = sql[start..].Trim();
        if (last.Length > 0) yield return last;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var n in nodes) n.Dispose();
    }
}
