using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Data.Sql;

/// <summary>A SQL engine the product runs its queries in: DuckDB in-process, or a PostgreSQL server.</summary>
public interface ISqlEngine
{
    /// <summary>How SQL is written for this engine.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Runs one or more statements.</summary>
    void Execute(string sql);

    /// <summary>Runs a query; its result as a typed DataFrame (columns named <c>__*</c> skipped).</summary>
    DataFrame Query(string sql);

    /// <summary>Runs a query and hands the reader to <paramref name="consume"/>.</summary>
    T Read<T>(string sql, Func<System.Data.Common.DbDataReader, T> consume);
}
