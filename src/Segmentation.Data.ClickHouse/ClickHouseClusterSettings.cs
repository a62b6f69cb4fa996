using System.Globalization;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// Where the cluster is: the HTTP endpoints of its nodes (one per shard, the first one coordinates), the cluster name of the
/// servers' <c>remote_servers</c> configuration, and the database. Parsed from
/// <c>Nodes=host:port,host:port;Cluster=two_shards;Database=default[;Username=…;Password=…]</c>, the string
/// <c>deploy/clickhouse/cluster.sh start</c> prints.
/// </summary>
/// <param name="Nodes">HTTP endpoints (<c>host:port</c>), in shard order as in <c>remote_servers</c>.</param>
/// <param name="Cluster">Cluster name in the servers' configuration.</param>
/// <param name="Database">Database of the Distributed tables; the shard-local tables live in <c>&lt;Database&gt;_local</c>.</param>
/// <param name="Username">User (default <c>default</c>).</param>
/// <param name="Password">Password (default empty).</param>
public sealed record ClickHouseClusterSettings(IReadOnlyList<string> Nodes, string Cluster, string Database, string Username = "default", string Password = "")
{
    private static readonly string[] Keys = ["Nodes", "Cluster", "Database", "Username", "Password"];

    /// <summary>The database of the shard-local tables.</summary>
    public string LocalDatabase => Database + "_local";

    /// <summary>Parses a connection string.</summary>
    /// <exception cref="ArgumentException">A key is unknown, Nodes is missing, or an endpoint is not <c>host:port</c> (named).</exception>
    public static ClickHouseClusterSettings Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"'{part}' is not key=value.", nameof(connectionString));
            string key = part[..eq].Trim();
            if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"Unknown key '{key}'; expected Nodes, Cluster, Database, Username, Password.", nameof(connectionString));
            parts[key] = part[(eq + 1)..].Trim();
        }
        if (!parts.TryGetValue("Nodes", out var nodes) || nodes.Length == 0)
            throw new ArgumentException("Nodes=host:port,host:port is required.", nameof(connectionString));
        var endpoints = nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var e in endpoints)
        {
            int colon = e.LastIndexOf(':');
            if (colon <= 0 || !ushort.TryParse(e[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw new ArgumentException($"Node '{e}' is not host:port.", nameof(connectionString));
        }
        return new ClickHouseClusterSettings(endpoints, parts.GetValueOrDefault("Cluster", "two_shards"), parts.GetValueOrDefault("Database", "default"),
            parts.GetValueOrDefault("Username", "default"), parts.GetValueOrDefault("Password", ""));
    }

    /// <summary>The same cluster with another database (tests use one database each).</summary>
    public ClickHouseClusterSettings WithDatabase(string database)
    {
        if (string.IsNullOrWhiteSpace(database) || !database.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"Database name '{database}' must be letters, digits and underscores.", nameof(database));
        return this with { Database = database };
    }
}
