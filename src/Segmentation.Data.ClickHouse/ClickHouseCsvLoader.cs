using System.Globalization;
using System.Threading.Channels;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// The CSV path of <see cref="ClickHouseWorkspace.LoadTable"/>: DuckDB writes the validated rows, a range of its physical
/// <c>rowid</c> at a time (so each chunk reads only its own row groups), as CSV files (its parallel writer, no row passes through .NET); each file is streamed as the body of one
/// <c>INSERT … FORMAT CSV</c>, the files going to the nodes in turn so that both shards parse at once while DuckDB writes the next.
/// </summary>
/// <remarks>
/// <para>Encoding, chosen so that ClickHouse 18.16 reads back exactly what the RowBinary path would send: text always
/// double-quoted (18.16 trims spaces around unquoted CSV fields; inside quotes only <c>""</c> is special, so a string
/// <c>\N</c> stays a string), NULL as an unquoted <c>\N</c>, money as <c>DECIMAL(18, 2)</c> text (cast in DuckDB, as the
/// RowBinary path does), booleans as 0/1, date-times as Unix seconds zero-padded to 10 digits (18.16 reads a field whose
/// fifth character is a digit as a Unix time — time-zone free; unpadded short numbers would be misread as a date).</para>
/// <para>Float64 is not sent as text: 18.16's float parser is not correctly rounded (about 1 value in 100 with many
/// significant digits comes back 1 ulp off), so <see cref="ClickHouseLoadPath.Auto"/> sends such tables as RowBinary.</para>
/// <para>Disk: at most <c>2 × nodes + 1</c> chunk files exist at once (≈ 90 bytes per transaction row); they are deleted as
/// soon as they are sent.</para>
/// </remarks>
internal static class ClickHouseCsvLoader
{
    private static readonly DateTime MaxDateTime = DateTime.UnixEpoch.AddSeconds(uint.MaxValue);

    /// <summary>True if the column must go through RowBinary (a present, non-money Float64).</summary>
    public static bool NeedsBinary(TableSpec spec, ColumnSpec column, IReadOnlySet<string> present) =>
        present.Contains(column.Name) && column.Kind == ColumnKind.Number && !ClickHouseSchema.MoneyColumns.Contains((spec.Name, column.Name));

    /// <summary>The DuckDB expression of a column as CSV text (see remarks of the class); null for a Float64 column.</summary>
    private static string? Expression(TableSpec spec, ColumnSpec column, IReadOnlySet<string> present)
    {
        if (!present.Contains(column.Name)) return "NULL";
        string id = DuckDbDialect.Instance.Id(column.Name);
        if (ClickHouseSchema.MoneyColumns.Contains((spec.Name, column.Name))) return $"CAST({id} AS DECIMAL(18, 2))";
        return column.Kind switch
        {
            ColumnKind.Text => $"CAST({id} AS VARCHAR)",
            ColumnKind.Integer => $"CAST({id} AS BIGINT)",
            ColumnKind.Boolean => $"CAST(CAST({id} AS BOOLEAN) AS TINYINT)",
            ColumnKind.Number => null,
            _ => $"lpad(CAST(epoch_us(CAST({id} AS TIMESTAMP)) // 1000000 AS VARCHAR), 10, '0')",
        };
    }

    /// <summary>Loads rows <c>__rec</c> ≤ <paramref name="lastRec"/> of the table; returns the rows sent.</summary>
    /// <param name="source">Validating workspace (used from this thread only).</param>
    /// <param name="spec">The table.</param>
    /// <param name="present">Columns the source table has.</param>
    /// <param name="batch">Batch id (the partition).</param>
    /// <param name="nodes">Cluster nodes.</param>
    /// <param name="settings">Cluster settings (databases).</param>
    /// <param name="rowsPerChunk">Width of a chunk in <c>rowid</c> (rows per file ≤ this).</param>
    /// <param name="lastRec">Highest <c>__rec</c> to load (null: all).</param>
    public static long Load(DataWorkspace source, TableSpec spec, IReadOnlySet<string> present, string batch,
        IReadOnlyList<ClickHouseNode> nodes, ClickHouseClusterSettings settings, int rowsPerChunk, long? lastRec)
    {
        var duck = DuckDbDialect.Instance;
        if (!source.IsInPlace(spec.Name))
            return Load(source, duck.Id(spec.Name), spec, present, batch, nodes, settings, rowsPerChunk, lastRec);
        // A Parquet file validated in place is a view, which has no rowid to chunk by: stage its clean rows as a table first
        // (one pass over the file; DuckDB spills it beyond its memory limit).
        string staged = duck.Id("__chload_" + spec.Name);
        source.Execute($"CREATE OR REPLACE TEMP TABLE {staged} AS SELECT * FROM {duck.Id(spec.Name)}");
        try
        {
            return Load(source, staged, spec, present, batch, nodes, settings, rowsPerChunk, lastRec);
        }
        finally
        {
            source.Execute($"DROP TABLE IF EXISTS {staged}");
        }
    }

    private static long Load(DataWorkspace source, string table, TableSpec spec, IReadOnlySet<string> present, string batch,
        IReadOnlyList<ClickHouseNode> nodes, ClickHouseClusterSettings settings, int rowsPerChunk, long? lastRec)
    {
        var duck = DuckDbDialect.Instance;
        var expressions = new List<string>();
        var quoted = new List<string>();
        for (int i = 0; i < spec.Columns.Count; i++)
        {
            var c = spec.Columns[i];
            string e = Expression(spec, c, present)
                ?? throw new ArgumentException($"Column {spec.Name}.{c.Name} is Float64, which ClickHouse 18.16 does not parse exactly from text; load the table with ClickHouseLoadPath.RowBinary (or Auto).", nameof(spec));
            expressions.Add($"{e} AS c{i}");
            if (c.Kind == ColumnKind.Text && present.Contains(c.Name) && !ClickHouseSchema.MoneyColumns.Contains((spec.Name, c.Name))) quoted.Add($"c{i}");
        }
        expressions.Add($"__rec AS c{spec.Columns.Count}");
        expressions.Add($"{duck.Str(batch)} AS c{spec.Columns.Count + 1}");
        quoted.Add($"c{spec.Columns.Count + 1}");

        var (first, last) = source.Read($"SELECT min(rowid), max(rowid) FROM {table}", r =>
        {
            r.Read();
            return r.IsDBNull(0) ? (0L, -1L) : (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture));
        });
        if (last < first) return 0;
        string limit = lastRec is { } stop ? $" AND __rec <= {stop}" : "";
        CheckDateTimeRange(source, spec, present, table, limit);

        bool sharded = ClickHouseSchema.IsSharded(spec);
        var names = ClickHouseSchema.Columns(spec).Select(c => c.Name).ToArray();
        // Inside the workspace's scratch folder: the workspace's engine may write nowhere else (DataWorkspace.Confine).
        string directory = Path.Combine(source.ScratchDirectory, "chload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        // Sharded tables: one sender per node, each inserting into its node's Distributed table (which routes the rows by
        // customer), so both servers parse at once. Copied tables: every file to every node's local table.
        int senders = sharded ? nodes.Count : 1;
        var files = Channel.CreateBounded<string>(new BoundedChannelOptions(senders) { SingleWriter = true });
        using var failed = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            try
            {
                await foreach (var file in files.Reader.ReadAllAsync(failed.Token).ConfigureAwait(false))
                {
                    try
                    {
                        foreach (var node in sharded ? [nodes[s]] : nodes)
                        {
                            using var body = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
                            node.Insert(spec.Name, body, names, sharded ? settings.Database : settings.LocalDatabase, "CSV");
                        }
                    }
                    finally { File.Delete(file); }
                }
            }
            catch (Exception) when (!failed.IsCancellationRequested)
            {
                failed.Cancel(); // stop the writer and the other senders; the exception is rethrown below
                throw;
            }
        })).ToArray();

        long rows = 0;
        try
        {
            int chunk = 0;
            for (long from = first; from <= last; from += rowsPerChunk, chunk++)
            {
                long to = Math.Min(last, from + rowsPerChunk - 1);
                string file = Path.Combine(directory, $"{chunk:D6}.csv");
                long written = Copy(source,
                    $"COPY (SELECT {string.Join(", ", expressions)} FROM {table} WHERE rowid BETWEEN {from} AND {to}{limit}) TO {duck.Str(file)} " +
                    $"(FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '\\N', FORCE_QUOTE ({string.Join(", ", quoted)}))");
                rows += written;
                if (written == 0)
                {
                    File.Delete(file);
                    continue;
                }
                files.Writer.WriteAsync(file, failed.Token).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // a sender failed: its exception is thrown below
        }
        finally
        {
            files.Writer.TryComplete();
            try { Task.WaitAll(tasks); }
            catch (AggregateException e)
            {
                var cause = e.InnerExceptions.FirstOrDefault(x => x is ClickHouseException) ?? e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
            }
            finally
            {
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
        return rows;
    }

    /// <summary>Runs a COPY … TO; returns the rows it wrote.</summary>
    private static long Copy(DataWorkspace source, string sql)
    {
        var started = SqlLog.Start();
        using var command = source.Connection.CreateCommand();
        command.CommandText = sql;
        long written = command.ExecuteNonQuery();
        SqlLog.Write(started, sql);
        return written;
    }

    /// <summary>ClickHouse DateTime is UInt32 seconds: refuse what it cannot hold, as <see cref="RowBinaryWriter"/> does.</summary>
    private static void CheckDateTimeRange(DataWorkspace source, TableSpec spec, IReadOnlySet<string> present, string table, string limit)
    {
        var checks = spec.Columns.Where(c => present.Contains(c.Name) && c.Kind is ColumnKind.Date or ColumnKind.Timestamp or ColumnKind.Month)
            .Select(c => (c.Name, Sql: $"count(*) FILTER (WHERE CAST({DuckDbDialect.Instance.Id(c.Name)} AS TIMESTAMP) < TIMESTAMP '1970-01-01' OR CAST({DuckDbDialect.Instance.Id(c.Name)} AS TIMESTAMP) >= TIMESTAMP '{MaxDateTime.AddSeconds(1):yyyy-MM-dd HH:mm:ss}')"))
            .ToArray();
        if (checks.Length == 0) return;
        var outside = source.Read($"SELECT {string.Join(", ", checks.Select(c => c.Sql))} FROM {table} WHERE true{limit}", r =>
        {
            r.Read();
            return checks.Select((c, i) => (c.Name, Count: Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture))).Where(x => x.Count > 0).ToArray();
        });
        if (outside.Length > 0)
            throw new ArgumentException($"{spec.Name}.{outside[0].Name}: {outside[0].Count} value(s) outside the ClickHouse DateTime range 1970–2106.", nameof(spec));
    }
}
