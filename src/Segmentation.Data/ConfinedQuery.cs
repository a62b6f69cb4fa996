using DuckDB.NET.Data;

namespace Segmentation.Data;

/// <summary>
/// Runs the <c>"query"</c> of an import spec — a read-only <c>SELECT</c> over the files of the data directory, for exports
/// that need joins — in a DuckDB database of its own that can read nothing outside that directory
/// (<c>allowed_directories</c>, then <c>enable_external_access = false</c>, which cannot be undone while it runs). The
/// result is written as Parquet to the scratch directory and read from there like any other file.
/// </summary>
/// <remarks>
/// The text is checked before it runs: one statement, and DuckDB's own parser must see a <c>SELECT</c>
/// (<c>json_serialize_sql</c> serialises nothing else), so <c>COPY</c>, <c>ATTACH</c>, <c>SET</c>, <c>INSTALL</c> and
/// the like are refused. Relative file names are taken from the data directory.
/// </remarks>
internal static class ConfinedQuery
{
    /// <summary>Runs <paramref name="query"/> and returns the Parquet file holding its result.</summary>
    /// <param name="dataDirectory">The only directory the query may read.</param>
    /// <param name="table">The table the query defines (names the output and the messages).</param>
    /// <param name="query">The query text.</param>
    /// <param name="scratchDirectory">Where the result is written (its own sub-directory).</param>
    /// <param name="source">The schema file or name, for messages.</param>
    /// <exception cref="DataFileException">The query is not one read-only SELECT, reads outside the directory, or fails.</exception>
    public static string Run(string dataDirectory, string table, string query, string scratchDirectory, string source)
    {
        var text = query.Trim().TrimEnd(';').Trim();
        if (text.Contains(';', StringComparison.Ordinal))
            throw new DataFileException(source, $"the query of table '{table}' must be one SELECT statement (no ';')");
        string root = Path.GetFullPath(dataDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string outputDirectory = Path.Combine(scratchDirectory, "query-" + table);
        Directory.CreateDirectory(outputDirectory);
        string output = Path.Combine(outputDirectory, table + ".parquet");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, $"SET file_search_path = {Str(root)}");
        Execute(connection, $"SET allowed_directories = [{Str(root)}, {Str(outputDirectory + Path.DirectorySeparatorChar)}]");
        Execute(connection, "SET enable_external_access = false");
        Execute(connection, "SET TimeZone = 'UTC'");
        text = AnchorRelativeFiles(text, root);
        using (var check = connection.CreateCommand())
        {
            check.CommandText = $"SELECT json_serialize_sql({Str(text)})";
            var json = check.ExecuteScalar() as string ?? "";
            if (json.Contains("\"error\":true", StringComparison.Ordinal))
                throw new DataFileException(source, $"the query of table '{table}' is not a read-only SELECT");
        }
        try
        {
            Execute(connection, $"COPY ({text}) TO {Str(output)} (FORMAT parquet)");
        }
        catch (DuckDBException e)
        {
            string first = DataWorkspace.FirstLine(e.Message);
            string why = first.Contains("Permission Error", StringComparison.OrdinalIgnoreCase) || first.Contains("disabled by configuration", StringComparison.OrdinalIgnoreCase)
                ? "it reads outside the data directory, which a query may not"
                : first;
            throw new DataFileException(source, $"the query of table '{table}' cannot run: {why}", inner: e);
        }
        return output;
    }

    /// <summary>
    /// DuckDB checks a file name against <c>allowed_directories</c> as written, so a relative name (<c>'orders.csv'</c>) is
    /// refused: each string literal naming a file (or a pattern) relative to the data directory is rewritten as the path
    /// inside it. Other literals are left alone; the engine still refuses anything outside the directory.
    /// </summary>
    internal static string AnchorRelativeFiles(string sql, string root)
    {
        var sb = new System.Text.StringBuilder(sql.Length + 64);
        int i = 0;
        while (i < sql.Length)
        {
            if (sql[i] != '\'')
            {
                sb.Append(sql[i++]);
                continue;
            }
            int start = i++;
            var literal = new System.Text.StringBuilder();
            while (i < sql.Length)
            {
                if (sql[i] == '\'')
                {
                    if (i + 1 < sql.Length && sql[i + 1] == '\'') { literal.Append('\''); i += 2; continue; }
                    i++;
                    break;
                }
                literal.Append(sql[i++]);
            }
            string value = literal.ToString();
            bool relativeFile = value.Length > 0 && !Path.IsPathRooted(value) && !value.Contains("://", StringComparison.Ordinal)
                && (File.Exists(Path.Combine(root, value)) || (value.Contains('*', StringComparison.Ordinal) && value.Contains('.', StringComparison.Ordinal)));
            sb.Append(relativeFile ? Str(Path.Combine(root, value)) : sql[start..i]);
        }
        return sb.ToString();
    }

    private static string Str(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
