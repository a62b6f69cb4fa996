using Npgsql;

namespace Segmentation.Testing;

/// <summary>
/// The test PostgreSQL server (started by .ci/run via deploy/postgres/server.sh). A test that needs it fails loudly
/// when it is not reachable; it never passes silently.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "SEG_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: start the test server with `deploy/postgres/server.sh start` and export {Variable}=<the connection string it prints>.");

    /// <summary>Creates a fresh schema for one test and returns its name.</summary>
    public static string CreateSchema(NpgsqlConnection connection)
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
        cmd.ExecuteNonQuery();
        return schema;
    }

    public static void DropSchema(NpgsqlConnection connection, string schema)
    {
        using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Creates a table of text columns from a CSV file's header and COPYs the file into it (as an operational export would land).</summary>
    public static void LoadCsv(NpgsqlConnection connection, string schema, string table, string csvPath)
    {
        var header = File.ReadLines(csvPath).First().Split(',');
        using (var cmd = new NpgsqlCommand($"CREATE TABLE {schema}.{table} ({string.Join(", ", header.Select(h => $"\"{h}\" text"))})", connection))
            cmd.ExecuteNonQuery();
        using var writer = connection.BeginTextImport($"COPY {schema}.{table} FROM STDIN (FORMAT csv, HEADER true)");
        using var reader = new StreamReader(csvPath);
        var buffer = new char[1 << 16];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) writer.Write(buffer, 0, n);
    }
}
