using ClickHouse.Driver;
using ClickHouse.Driver.ADO;

namespace Segmentation.Data.ClickHouse;

/// <summary>One server of the cluster, reached over HTTP with ClickHouse.Driver; every failure becomes a <see cref="ClickHouseException"/> naming it.</summary>
internal sealed class ClickHouseNode : IDisposable
{
    // Verified against 18.16 (NOTES.md): typed reads need RowBinaryWithNamesAndTypes, so reads go through the raw result;
    // JSON modes off (no JSON type), no compression, TabSeparated for text answers, synchronous Distributed inserts.
    private const string DriverOptions = "JsonReadMode=None;JsonWriteMode=None;Compression=false;set_default_format=TabSeparated;set_insert_distributed_sync=1";

    /// <summary>Settings of every query: SQL NULLs for unmatched join rows; joins inside a shard's query stay on that shard
    /// (every table is sharded by customer_id or fully copied); the server buffers the whole answer so an error can never
    /// arrive after part of a result.</summary>
    private static readonly Dictionary<string, object> QuerySettings = new()
    {
        ["join_use_nulls"] = 1,
        ["distributed_product_mode"] = "local",
        ["wait_end_of_query"] = 1,
    };

    private readonly ClickHouseClient client;
    private CancellationTokenSource cancellation = new();

    public ClickHouseNode(string endpoint, ClickHouseClusterSettings cluster)
    {
        Endpoint = endpoint;
        int colon = endpoint.LastIndexOf(':');
        var settings = new ClickHouseClientSettings(
            $"Host={endpoint[..colon]};Port={endpoint[(colon + 1)..]};Username={cluster.Username};Password={cluster.Password};Database=default;{DriverOptions}")
        {
            Timeout = TimeSpan.FromMinutes(30),
        };
        client = new ClickHouseClient(settings);
    }

    /// <summary><c>host:port</c> of the HTTP interface.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// Stops waiting for the statement now running: it fails with <see cref="OperationCanceledException"/> at once. The
    /// HTTP request is abandoned; the server finishes or drops it on its own (18.16 has no cancel over HTTP that the
    /// driver exposes).
    /// </summary>
    public void Cancel()
    {
        using var old = Interlocked.Exchange(ref cancellation, new CancellationTokenSource());
        old.Cancel();
    }

    private static QueryOptions Options(string? database) => new()
    {
        Database = database,
        CustomSettings = new Dictionary<string, object>(QuerySettings),
    };

    public void Execute(string sql, ClickHouseStage stage, string? database = null) =>
        Run(stage, sql, () => client.ExecuteNonQueryAsync(sql, null, Options(database)));

    public string Text(string sql, ClickHouseStage stage, string? database = null) =>
        Run(stage, sql, async () =>
        {
            using var result = await client.ExecuteRawResultAsync(sql + " FORMAT TabSeparated", Options(database)).ConfigureAwait(false);
            return await result.ReadAsStringAsync().ConfigureAwait(false);
        });

    public byte[] Bytes(string sql, ClickHouseStage stage, string? database = null) =>
        Run(stage, sql, async () =>
        {
            using var result = await client.ExecuteRawResultAsync(sql, Options(database)).ConfigureAwait(false);
            return await result.ReadAsByteArrayAsync().ConfigureAwait(false);
        });

    /// <summary>Sends <paramref name="rows"/> (already in <paramref name="format"/>, e.g. RowBinary or CSV) as the body of one
    /// <c>INSERT INTO database.table (columns) FORMAT …</c>; the stream is read as it is sent, not buffered.</summary>
    public void Insert(string table, Stream rows, IReadOnlyList<string> columns, string database, string format = "RowBinary") =>
        Run(ClickHouseStage.Load, $"INSERT INTO {database}.{table} FORMAT {format}", async () =>
        {
            using var response = await client.InsertRawStreamAsync(table, rows, format, columns, useCompression: false, Options(database)).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return 0;
        });

    private T Run<T>(ClickHouseStage stage, string sql, Func<Task<T>> action)
    {
        try
        {
            var started = Sql.SqlLog.Start();
            var result = action().WaitAsync(Volatile.Read(ref cancellation).Token).GetAwaiter().GetResult();
            Sql.SqlLog.Write(started, $"-- {Endpoint}\n{sql}");
            return result;
        }
        catch (ClickHouseServerException e)
        {
            throw new ClickHouseException(stage, Endpoint, FirstLines(e.Message), sql, e);
        }
        catch (HttpRequestException e)
        {
            throw new ClickHouseException(stage, Endpoint, "cannot reach the server: " + e.Message, sql, e);
        }
        catch (TaskCanceledException e)
        {
            throw new ClickHouseException(stage, Endpoint, "no answer within the timeout", sql, e);
        }
    }

    private static string FirstLines(string s) => s.Length > 2000 ? s[..2000] + " …" : s;

    public void Dispose() => client.Dispose();
}
