using Segmentation.Data;
using Segmentation.Engines;

namespace Segmentation.Notebooks;

/// <summary>
/// The engine a notebook evaluates in, chosen by the environment variable <see cref="Variable"/> (<c>duckdb</c> by
/// default; <c>postgres</c> or <c>clickhouse</c> run the same evaluation where the data lives, connection strings from
/// <c>SEG_POSTGRES</c> / <c>SEG_CLICKHOUSE</c>), so one notebook runs unchanged on a laptop and against a server.
/// </summary>
public static class NotebookEngine
{
    /// <summary>The environment variable naming the engine.</summary>
    public const string Variable = "SEG_ENGINE";

    /// <summary>
    /// Opens the engine of <see cref="Variable"/> over <paramref name="dataDirectory"/> (PostgreSQL reads its database
    /// instead) and validates the tables as of <paramref name="ingest"/>'s date.
    /// </summary>
    public static EngineSession Open(string dataDirectory, IngestOptions ingest)
    {
        var kind = EngineSession.ParseKind(Environment.GetEnvironmentVariable(Variable) ?? "duckdb");
        return EngineSession.Open(kind, ingest, kind == EngineKind.Postgres ? null : dataDirectory);
    }
}
