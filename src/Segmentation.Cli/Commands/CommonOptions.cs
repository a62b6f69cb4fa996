using System.CommandLine;
using System.Globalization;
using Segmentation.Data;
using Segmentation.Analytics.Engines;
using Segmentation.Data.Postgres;
using Segmentation.Engines;

namespace Segmentation.Cli.Commands;

/// <summary>Options shared by several commands, and their parsing.</summary>
internal static class CommonOptions
{
    public static Option<string> Data(bool required = true) => new("--data")
    {
        Description = "Data directory holding transactions.csv|.parquet and the other tables of the data model (schema.json there maps other headers)",
        Required = required,
    };

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "As-of date yyyy-MM-dd: dates after it are rejected as future dates (default: today)",
    };

    public static Option<string?> Schema() => new("--schema")
    {
        Description = "Schema mapping JSON (default: schema.json in the data directory if present)",
    };

    public static Option<string?> KeyFile() => new("--pseudonym-key")
    {
        Description = $"File with the key for pseudonymising customer ids (HMAC-SHA256); default: the {Pseudonymizer.KeyVariable} environment variable, if set",
    };

    /// <summary>Parses a yyyy-MM-dd date option; throws a usage error naming the option.</summary>
    public static DateTime? ParseDate(string? value, string option)
    {
        if (value is null) return null;
        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new UsageException($"{option} '{value}' is not a date in yyyy-MM-dd form.");
    }

    /// <summary>Parses a yyyy-MM month option.</summary>
    public static DateTime ParseMonth(string value, string option)
    {
        if (DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new UsageException($"{option} '{value}' is not a month in yyyy-MM form.");
    }

    /// <summary>The day of the last accepted transaction in the engine.</summary>
    public static DateTime LastTransactionDay(Segmentation.Analytics.Engines.ISqlEngine engine) =>
        engine.Read("SELECT max(\"timestamp\") FROM transactions", r =>
            r.Read() && !r.IsDBNull(0) ? Convert.ToDateTime(r.GetValue(0), CultureInfo.InvariantCulture).Date : throw new DataFileException("transactions", "no transaction was accepted (see the rejects): there is no last transaction day; fix the data or give --snapshot"));

    /// <summary>The ingest options; Ctrl-C and SIGTERM cancel the ingest (<see cref="CliCancellation"/>).</summary>
    /// <summary>
    /// Stops with a usage error naming <paramref name="option"/> when no accepted transaction lies on or before
    /// <paramref name="day"/> (a snapshot or month before the data starts): nothing can be computed at that day.
    /// </summary>
    public static void RequireTransactionsBy(ISqlEngine engine, DateTime day, string option)
    {
        long n = engine.Read($"SELECT count(*) FROM transactions WHERE {engine.Dialect.Id("timestamp")} < {engine.Dialect.Timestamp(day.Date.AddDays(1))}",
            r => r.Read() ? Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture) : 0);
        if (n == 0)
            throw new UsageException($"{option}: no accepted transaction lies on or before {day:yyyy-MM-dd} (rows after the as-of day are rejected as future dates); choose a day within the data");
    }

    public static IngestOptions Ingest(DateTime asOf, string? schema, string? keyFile) => new(
        asOf,
        schema is null ? null : LoadSchema(schema),
        Pseudonymizer.FromEnvironmentOrFile(keyFile)) { Cancellation = CliCancellation.Token };

    private static SchemaMapping LoadSchema(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"--schema {path}: " + (Directory.Exists(path) ? "is a folder; give the schema mapping JSON file" : "no such file"));
        return SchemaMapping.Load(path);
    }
}

/// <summary>
/// <c>--engine duckdb|postgres|clickhouse</c>, <c>--connection</c> and <c>--pg-schema</c>: where the transaction-level SQL runs
/// (<see cref="EngineSession"/>). With duckdb, <c>--data</c> is required; with postgres the tables are read from the database; with
/// clickhouse, <c>--data</c> is validated and loaded into the cluster, or, without it, the tables loaded earlier are used.
/// </summary>
internal sealed record EngineOptions(Option<string> Engine, Option<string?> Connection, Option<string> PostgresSchema)
{
    public IEnumerable<Option> All => [Engine, Connection, PostgresSchema];

    public static EngineOptions Create() => new(
        new Option<string>("--engine") { Description = "Where the SQL runs: duckdb (in-process, files of --data) | postgres | clickhouse", DefaultValueFactory = _ => "duckdb" },
        new Option<string?>("--connection") { Description = $"Server connection string (default: ${PostgresWorkspace.ConnectionVariable} or ${Segmentation.Data.ClickHouse.ClickHouseWorkspace.ConnectionVariable})" },
        new Option<string>("--pg-schema") { Description = "PostgreSQL schema holding the tables of the data model", DefaultValueFactory = _ => "public" });

    /// <summary>Opens the chosen engine (progress on stderr); wrong combinations are usage errors.</summary>
    public EngineSession Open(System.CommandLine.ParseResult r, string? dataDirectory, IngestOptions ingest)
    {
        EngineKind kind;
        try { kind = EngineSession.ParseKind(r.GetValue(Engine)!); }
        catch (ArgumentException e) { throw new UsageException("--engine: " + e.Message.Split(" (Parameter")[0]); }
        if (kind == EngineKind.DuckDb && dataDirectory is null) throw new UsageException("--data DIR is required with --engine duckdb.");
        if (kind == EngineKind.Postgres && dataDirectory is not null) throw new UsageException("--data is not used with --engine postgres: the tables are read from the database (--pg-schema).");
        try
        {
            var session = CliOutput.Progress($"opening {kind.ToString().ToLowerInvariant()}", p =>
                EngineSession.Open(kind, ingest, dataDirectory, r.GetValue(Connection), r.GetValue(PostgresSchema)!, p));
            // Ctrl-C / SIGTERM stop the statement running on the server too (the registration lives as long as the process).
            CliCancellation.Register(session.Engine);
            return session;
        }
        catch (ArgumentException e) when (e.ParamName is "given" or "dataDirectory")
        {
            throw new UsageException(e.Message.Split(" (Parameter")[0]);
        }
    }
}

/// <summary>A wrong command-line argument: printed as an error with exit code 1.</summary>
internal sealed class UsageException(string message) : Exception(message);
