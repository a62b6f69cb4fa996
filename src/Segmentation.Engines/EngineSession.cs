using Segmentation.Data;
using System.Globalization;
using Segmentation.Data.ClickHouse;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Data.Postgres;

namespace Segmentation.Engines;

/// <summary>
/// An open engine holding the validated tables of the data model, and what the validation found — the one way the CLI
/// (<c>--engine</c>) and the notebooks choose where the transaction-level SQL runs.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="EngineKind.DuckDb"/>: the files of a data directory, validated in-process.</item>
/// <item><see cref="EngineKind.Postgres"/>: the tables of a database schema (named as the data model, or by the schema
/// mapping's <c>file</c> entries), validated on the server into session-local tables.</item>
/// <item><see cref="EngineKind.ClickHouse"/>: with a data directory, its files are validated by DuckDB and loaded into the
/// cluster (one batch: a re-run replaces it) and the rejects are those of that validation; without one, the tables already
/// in the cluster's database are used as they were validated when loaded (the report then counts the rows held).</item>
/// </list>
/// The connection string comes from the argument, else the environment variable <see cref="PostgresWorkspace.ConnectionVariable"/>
/// or <see cref="ClickHouseWorkspace.ConnectionVariable"/>.
/// </remarks>
public sealed class EngineSession : IDisposable
{
    private readonly IDisposable[] owned;

    private EngineSession(EngineKind kind, ISqlEngine engine, IngestReport report, string description, params IDisposable[] owned)
    {
        Kind = kind;
        Engine = engine;
        Report = report;
        Description = description;
        this.owned = owned;
    }

    /// <summary>Which engine.</summary>
    public EngineKind Kind { get; }

    /// <summary>The engine to run the product's queries in.</summary>
    public ISqlEngine Engine { get; }

    /// <summary>Rows read, accepted and rejected per table.</summary>
    public IngestReport Report { get; }

    /// <summary>Where the data are, for messages (no password).</summary>
    public string Description { get; }

    /// <summary>Parses <c>duckdb</c>, <c>postgres</c> (or <c>postgresql</c>), <c>clickhouse</c>.</summary>
    /// <exception cref="ArgumentException">Another value (the message lists the allowed ones).</exception>
    public static EngineKind ParseKind(string value) => value?.Trim().ToLowerInvariant() switch
    {
        "duckdb" => EngineKind.DuckDb,
        "postgres" or "postgresql" => EngineKind.Postgres,
        "clickhouse" => EngineKind.ClickHouse,
        _ => throw new ArgumentException($"Engine '{value}' is not one of duckdb, postgres, clickhouse.", nameof(value)),
    };

    /// <summary>Opens the engine and validates (or finds) the tables.</summary>
    /// <param name="kind">The engine.</param>
    /// <param name="options">Ingest options (as-of date, mapping, pseudonymiser).</param>
    /// <param name="dataDirectory">Data directory (required for DuckDB; optional for ClickHouse; not used by PostgreSQL).</param>
    /// <param name="connectionString">Server connection string; null = the engine's environment variable.</param>
    /// <param name="postgresSchema">PostgreSQL schema holding the tables.</param>
    /// <param name="progress">Progress messages.</param>
    /// <exception cref="ArgumentException">A required argument is missing (the message says which and how to give it).</exception>
    /// <exception cref="DataFileException">A file or table cannot be read.</exception>
    /// <exception cref="ClickHouseException">The cluster failed (names the stage and node).</exception>
    public static EngineSession Open(EngineKind kind, IngestOptions options, string? dataDirectory = null, string? connectionString = null,
        string postgresSchema = "public", IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (kind)
        {
            case EngineKind.DuckDb:
            {
                if (string.IsNullOrWhiteSpace(dataDirectory)) throw new ArgumentException("The duckdb engine reads a data directory: give one.", nameof(dataDirectory));
                var ws = DataWorkspace.Load(dataDirectory, options, progress);
                return new EngineSession(kind, ws, ws.Report, $"duckdb: {dataDirectory}", ws);
            }
            case EngineKind.Postgres:
            {
                string cs = Connection(connectionString, PostgresWorkspace.ConnectionVariable, "postgres");
                progress?.Report($"validating the tables of schema {postgresSchema} on PostgreSQL");
                var ws = PostgresWorkspace.Load(cs, options, postgresSchema);
                return new EngineSession(kind, ws, ws.Report, $"postgres: {PostgresWorkspace.DescribeServer(cs)} schema {postgresSchema}", ws);
            }
            case EngineKind.ClickHouse:
            {
                string cs = Connection(connectionString, ClickHouseWorkspace.ConnectionVariable, "clickhouse");
                var cluster = ClickHouseWorkspace.Connect(cs);
                try
                {
                    string where = $"clickhouse {cluster.ServerVersion}: {string.Join(",", cluster.Settings.Nodes)} database {cluster.Settings.Database}";
                    if (string.IsNullOrWhiteSpace(dataDirectory))
                        return new EngineSession(kind, cluster, HeldTables(cluster, options.AsOf), where, cluster);
                    using var ws = DataWorkspace.Load(dataDirectory, options, progress);
                    progress?.Report($"loading into {where}");
                    var load = cluster.Load(ws, BatchId(dataDirectory, options.AsOf));
                    if (!load.Reconciles) throw new ClickHouseException(ClickHouseStage.Load, cluster.Settings.Nodes[0], "the rows in the cluster do not match the validated rows");
                    return new EngineSession(kind, cluster, load.Ingest, where, cluster);
                }
                catch
                {
                    cluster.Dispose();
                    throw;
                }
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>A session over a DuckDB workspace the caller filled (e.g. single files); the session owns it.</summary>
    public static EngineSession FromWorkspace(DataWorkspace workspace, string description)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new EngineSession(EngineKind.DuckDb, workspace, workspace.Report, description, workspace);
    }

    private static string Connection(string? given, string variable, string engine) =>
        !string.IsNullOrWhiteSpace(given) ? given
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : throw new ArgumentException($"The {engine} engine needs a connection string: pass one or set {variable}.", nameof(given));

    /// <summary>The load batch of a data directory: the same files as of the same day are one batch, so a re-run replaces it.</summary>
    private static string BatchId(string directory, DateTime asOf)
    {
        var files = Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)
            .Select(f => new FileInfo(f)).Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}");
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("|", files) + "|" + asOf.ToString("O", CultureInfo.InvariantCulture)));
        return "b" + Convert.ToHexString(hash)[..16].ToLowerInvariant();
    }

    private static IngestReport HeldTables(ClickHouseWorkspace cluster, DateTime asOf)
    {
        if (!cluster.HasTable("transactions"))
            throw new DataFileException($"clickhouse://{cluster.Settings.Database}.transactions", "the cluster holds no transactions table yet: give a data directory to validate and load");
        var tables = DataModel.All.Where(t => cluster.HasTable(t.Name)).Select(t =>
        {
            long rows = cluster.Count(t.Name);
            return new TableIngest(t.Name, $"clickhouse://{cluster.Settings.Database}.{t.Name}", "clickhouse", rows, rows, [], [], []);
        }).ToArray();
        return new IngestReport(tables, asOf);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var o in owned) o.Dispose();
    }
}
