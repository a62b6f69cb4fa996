using System.Data.Common;
using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Engines;

/// <summary>
/// A SQL engine the product runs its queries in — DuckDB in-process (<c>Segmentation.Data</c>), a PostgreSQL server
/// (<c>Segmentation.Data.Postgres</c>) or a sharded ClickHouse cluster (<c>Segmentation.Data.ClickHouse</c>). It carries
/// exactly what engines differ in, so the core (features, KPIs, campaigns, churn) never asks which engine it talks to.
/// </summary>
/// <remarks>
/// Queries are written once against <see cref="Dialect"/>; identifiers and literals reach SQL only through
/// <see cref="SqlDialect.Id"/> and <see cref="SqlDialect.Str"/>. An engine is used from one thread at a time, except
/// <see cref="Cancel"/>, which may be called from any thread.
/// </remarks>
public interface ISqlEngine
{
    /// <summary>How SQL is written for this engine.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Runs one or more statements.</summary>
    void Execute(string sql);

    /// <summary>Runs a query; its result as a typed DataFrame (columns named <c>__*</c> skipped).</summary>
    DataFrame Query(string sql);

    /// <summary>Runs a query and hands the reader to <paramref name="consume"/>.</summary>
    T Read<T>(string sql, Func<DbDataReader, T> consume);

    /// <summary>True when <paramref name="table"/> exists in this engine (for a workspace: was loaded and validated).</summary>
    bool HasTable(string table);

    /// <summary>The column names of a table, in order (empty when the table does not exist).</summary>
    IReadOnlyList<string> Describe(string table);

    /// <summary>
    /// Creates (replacing) a session table <paramref name="name"/> of text columns and bulk-inserts
    /// <paramref name="rows"/> rows; cell (i, c) is <paramref name="cell"/>(i, c). Uses the engine's fastest load path
    /// (DuckDB appender, PostgreSQL binary COPY, batched inserts elsewhere).
    /// </summary>
    void CreateTextTable(string name, IReadOnlyList<string> columns, int rows, Func<int, int, string> cell);

    /// <summary>Asks the engine to stop the statement now running (no-op when none runs); the statement then fails.</summary>
    void Cancel();
}
