using System.Data.Common;
using Microsoft.Data.Analysis;
using Npgsql;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Postgres;

/// <summary>
/// The data model read from a PostgreSQL database: tables stay on the server, validation and aggregation run there as
/// SQL (the same queries as the embedded engine, rendered for PostgreSQL), and only results travel. Validated tables
/// are session-local temporary tables: nothing is written to the source database.
/// </summary>
public sealed class PostgresWorkspace : ISqlEngine, IDisposable
{
    /// <summary>Environment variable with the connection string used when none is given.</summary>
    public const string ConnectionVariable = "SEG_POSTGRES";

    private readonly NpgsqlConnection connection;
    private NpgsqlCommand? running;
    private readonly List<TableIngest> ingests = [];

    private PostgresWorkspace(NpgsqlConnection connection, IngestOptions options)
    {
        this.connection = connection;
        Options = options;
        foreach (var statement in Dialect.SessionSetup) Execute(statement);
    }

    /// <summary>The options.</summary>
    public IngestOptions Options { get; }

    /// <inheritdoc />
    public SqlDialect Dialect => PostgresDialect.Instance;

    /// <summary>What was read, accepted and rejected.</summary>
    public IngestReport Report => new(DataModel.All.Select(t => ingests.FirstOrDefault(i => i.Table == t.Name)).OfType<TableIngest>().ToArray(), Options.AsOf);

    /// <summary>Opens a session. The source tables are named by the mapping's <c>file</c> entries (<c>schema.table</c>) or by their canonical names.</summary>
    /// <exception cref="DataFileException">The server cannot be reached (names host and port).</exception>
    public static PostgresWorkspace Connect(string connectionString, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Validating or aggregating a large table takes longer than Npgsql's default 30 s command timeout: unless the connection
        // string sets one, statements may run as long as they need.
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"command\s*timeout", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            settings.CommandTimeout = 0;
        var conn = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            conn.Open();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            conn.Dispose();
            throw new DataFileException($"postgres://{b.Host}:{b.Port}/{b.Database}", "cannot connect: " + e.Message, inner: e);
        }
        return new PostgresWorkspace(conn, options);
    }

    /// <summary>Validates every data-model table found in the database (<paramref name="schema"/>), then checks references.</summary>
    public static PostgresWorkspace Load(string connectionString, IngestOptions options, string schema = "public")
    {
        var ws = Connect(connectionString, options);
        try
        {
            var existing = ws.Read($"SELECT table_name FROM information_schema.tables WHERE table_schema = {ws.Dialect.Str(schema)}", r =>
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                while (r.Read()) names.Add(r.GetString(0));
                return names;
            });
            foreach (var spec in DataModel.All)
            {
                var source = (options.Mapping ?? SchemaMapping.Default).For(spec.Name).File ?? spec.Name;
                if (existing.Contains(source)) ws.Ingest(spec.Name, schema + "." + source);
                else if (spec.Name == "transactions") throw new DataFileException($"{schema}.transactions", "the transactions table is required");
            }
            if (options.CheckReferences)
            {
                if (ws.HasTable("customers"))
                    foreach (var t in new[] { "transactions", "feedback", "campaign_assignments" })
                        if (ws.HasTable(t)) ws.Replace(TableValidator.RejectUnknown(ws, ws.ingests.First(i => i.Table == t), "customer_id", "customers"));
                if (ws.HasTable("campaigns") && ws.HasTable("campaign_assignments"))
                    ws.Replace(TableValidator.RejectUnknown(ws, ws.ingests.First(i => i.Table == "campaign_assignments"), "campaign_id", "campaigns"));
            }
            return ws;
        }
        catch
        {
            ws.Dispose();
            throw;
        }
    }

    private void Replace(TableIngest ingest)
    {
        ingests.RemoveAll(i => i.Table == ingest.Table);
        ingests.Add(ingest);
    }

    /// <summary>True if the table was loaded.</summary>
    public bool HasTable(string table) => ingests.Any(i => i.Table == table);

    /// <summary>Validates the server table <paramref name="qualifiedSource"/> (<c>schema.table</c>) as the canonical <paramref name="table"/>.</summary>
    public TableIngest Ingest(string table, string qualifiedSource)
    {
        var spec = DataModel.Get(table);
        var mapping = (Options.Mapping ?? SchemaMapping.Default).For(table);
        var parts = qualifiedSource.Split('.', 2);
        string schema = parts.Length == 2 ? parts[0] : "public", name = parts[^1];
        var columnTypes = Read($"SELECT column_name, upper(data_type) FROM information_schema.columns WHERE table_schema = {Dialect.Str(schema)} AND table_name = {Dialect.Str(name)} ORDER BY ordinal_position", r =>
        {
            var list = new List<(string Name, string Type)>();
            while (r.Read()) list.Add((r.GetString(0), r.GetString(1)));
            return list;
        });
        var headers = columnTypes.Select(c => c.Name).ToList();
        if (headers.Count == 0) throw new DataFileException(qualifiedSource, "table not found or has no columns");
        var identifiers = headers.Where(h => PersonalDataGuard.IsIdentifierHeader(h) && spec.Find(PersonalDataGuard.Normalize(h)) is null).ToArray();
        var present = new Dictionary<string, string>();
        foreach (var c in spec.Columns)
        {
            string? header = mapping.For(c.Name)?.From is { } declared
                ? headers.FirstOrDefault(h => string.Equals(h, declared, StringComparison.OrdinalIgnoreCase))
                  ?? throw new DataFileException(qualifiedSource, $"the schema mapping says column '{c.Name}' is '{declared}', but the table has no such column", column: c.Name)
                : headers.FirstOrDefault(h => PersonalDataGuard.Normalize(h) == c.Name);
            if (header is not null && identifiers.Contains(header)) header = null;
            if (header is null)
            {
                if (c.Required) throw new DataFileException(qualifiedSource, $"required column '{c.Name}' not found; columns are: {string.Join(", ", headers)}", column: c.Name);
                continue;
            }
            present[c.Name] = header;
        }
        var ignored = headers.Where(h => !present.ContainsValue(h) && !identifiers.Contains(h)).ToArray();
        string stage = "stg_" + table;
        string select = string.Join(", ", present.Select(kv => $"{Dialect.Id(kv.Value)} AS {Dialect.Id(kv.Key)}"));
        // Rows of a table have no order of their own; the physical order (ctid) numbers them as they were loaded.
        Execute(Dialect.CreateTempTableAs(stage, $"SELECT row_number() OVER (ORDER BY ctid) AS __rec, {select} FROM {Dialect.Id(schema)}.{Dialect.Id(name)}"));
        var types = present.ToDictionary(kv => kv.Key, kv => columnTypes.First(c => c.Name == kv.Value).Type switch
        {
            "CHARACTER VARYING" or "TEXT" or "CHARACTER" => "VARCHAR",
            "TIMESTAMP WITHOUT TIME ZONE" => "TIMESTAMP",
            var other => other,
        });
        var dates = DateFormatDetector.Detect(this, stage, spec, mapping, present.Keys.ToHashSet(), types, qualifiedSource, present);
        var plan = ValidationPlan.Create(spec, mapping, Options.AsOf, Options.ZeroAmounts, dates);
        var ingest = TableValidator.Validate(this, plan, stage, present.Keys.ToHashSet(), qualifiedSource, [], "table", ignored, identifiers, types);
        ingest = ingest with { Warnings = [.. ingest.Warnings, .. DateFormatDetector.Warnings(qualifiedSource, mapping, dates)] };
        Execute($"DROP TABLE {stage}");
        Replace(ingest);
        return ingest;
    }

    /// <summary>The clean rows of a table as a typed DataFrame.</summary>
    public DataFrame Table(string table) =>
        Query($"SELECT {string.Join(", ", DataModel.Get(table).Columns.Select(c => Dialect.Id(c.Name)))} FROM {Dialect.Id(table)} ORDER BY __rec");

    /// <inheritdoc />
    public void Execute(string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection);
        running = cmd;
        try
        {
            cmd.ExecuteNonQuery();
        }
        catch (NpgsqlException e)
        {
            throw ServerFailure(e);
        }
        finally
        {
            running = null;
        }
    }

    /// <summary>Where this workspace's server is, for messages (no password).</summary>
    public string Server => DescribeServer(connection.ConnectionString ?? "");

    /// <summary><c>host:port/database</c> of a connection string, for messages (never the password).</summary>
    public static string DescribeServer(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    private EngineServerException ServerFailure(NpgsqlException e) =>
        new($"PostgreSQL query failed on {Server}: {e.Message}", e);

    /// <inheritdoc />
    public void Cancel() => Volatile.Read(ref running)?.Cancel();

    /// <inheritdoc />
    public IReadOnlyList<string> Describe(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Read($"SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass({Dialect.Str(Dialect.Id(table))}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            r => { var names = new List<string>(); while (r.Read()) names.Add(r.GetString(0)); return (IReadOnlyList<string>)names; });
    }

    /// <inheritdoc />
    public void CreateTextTable(string name, IReadOnlyList<string> columns, int rows, Func<int, int, string> cell)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cell);
        var d = Dialect;
        string id = d.Id(name);
        Execute($"DROP TABLE IF EXISTS {id}; CREATE TEMP TABLE {id} ({string.Join(", ", columns.Select(c => $"{d.Id(c)} VARCHAR"))})");
        using (var writer = connection.BeginBinaryImport($"COPY {id} ({string.Join(", ", columns.Select(d.Id))}) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < rows; i++)
            {
                writer.StartRow();
                for (int c = 0; c < columns.Count; c++) writer.Write(cell(i, c), NpgsqlTypes.NpgsqlDbType.Varchar);
            }
            writer.Complete();
        }
        Execute($"ANALYZE {id}");
    }

    /// <inheritdoc />
    public DataFrame Query(string sql) => Read(sql, DataFrameReader.Read);

    /// <inheritdoc />
    public T Read<T>(string sql, Func<DbDataReader, T> consume)
    {
        using var cmd = new NpgsqlCommand(sql, connection);
        running = cmd;
        try
        {
            using var reader = cmd.ExecuteReader();
            return consume(reader);
        }
        catch (NpgsqlException e)
        {
            throw ServerFailure(e);
        }
        finally
        {
            running = null;
        }
    }

    /// <summary>The open connection (for loading data in tests and tools).</summary>
    public NpgsqlConnection Connection => connection;

    /// <inheritdoc />
    public void Dispose() => connection.Dispose();
}
