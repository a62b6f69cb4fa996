using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using System.Runtime.CompilerServices;

namespace Segmentation.Data;

/// <summary>
/// The embedded engine: an in-process DuckDB database holding the validated tables of one data directory.
/// It composes the steps of ingest — <see cref="SourceFileReader"/> (files, encodings, delimiters),
/// <see cref="ColumnMapper"/> (the schema mapping), <see cref="TableValidator"/> (rules → verdicts, rejects) — then
/// checks references and pseudonymises ids; the clean tables stay in the engine so aggregations run there, and only
/// their results come back as DataFrames.
/// </summary>
/// <remarks>Not thread-safe: one workspace per thread. Dispose to free the engine's memory and temporary files.</remarks>
public sealed class DataWorkspace : ISqlEngine, ICustomerMonthSource, ICustomerAggregateSnapshotSource, IDisposable
{
    private readonly DuckDBConnection connection;
    private DuckDBCommand? running;
    private readonly List<TableIngest> ingests = [];
    private readonly Dictionary<string, InPlaceTable> inPlace = [];
    private readonly string tempDirectory;
    private readonly SourceFileReader reader;
    private readonly CancellationTokenRegistration cancellation;

    private DataWorkspace(IngestOptions options)
    {
        Options = options;
        tempDirectory = Path.Combine(Path.GetTempPath(), "seg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tempDirectory);
        connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        cancellation = options.Cancellation.Register(Cancel);
        Execute("SET preserve_insertion_order = true");
        Execute($"SET temp_directory = {DuckDbDialect.Instance.Str(tempDirectory)}");
        // Date-times with a UTC offset are converted explicitly (DuckDbDialect.ZonedTimestamp): the session zone is UTC on every machine.
        Execute("SET TimeZone = 'UTC'");
        // Query results travel as Arrow batches (ArrowDataFrameReader): HUGEINT as DuckDB's own type, not as DECIMAL(38,0), so it is
        // converted as the row reader converts it.
        Execute("SET arrow_lossless_conversion = true");
        // A streamed result (ReadArrow) is produced ahead into this buffer: at the default (about 1 MB) the engine's threads wait for
        // the reader most of the time (10 M rows: 1.7–1.9 s with 100 MB against 2.4–3.4 s).
        Execute("SET streaming_buffer_size = '100MB'");
        // The allocator's background threads hand freed memory back to the system as the session goes: without them what a large
        // query (a stream of 12 M transactions) freed stays resident (the monthly job at 1 M customers: peak 3.01 → 2.91 GB, under load).
        Execute("SET allocator_background_threads = true");
        reader = new SourceFileReader(this, tempDirectory);
    }

    /// <summary>The options of this workspace.</summary>
    public IngestOptions Options { get; }

    /// <summary>The dialect of this engine.</summary>
    public SqlDialect Dialect => DuckDbDialect.Instance;

    /// <summary>What was read, accepted and rejected so far.</summary>
    public IngestReport Report => new(DataModel.All.Select(t => ingests.FirstOrDefault(i => i.Table == t.Name)).OfType<TableIngest>().ToArray(), Options.AsOf);

    /// <summary>An empty workspace; add tables with <see cref="Ingest(string, string)"/>.</summary>
    public static DataWorkspace Create(IngestOptions options) => new(options ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>
    /// Reads every table of the data model found in <paramref name="dataDirectory"/> (<c>&lt;table&gt;.csv</c>,
    /// <c>.csv.gz</c> or <c>.parquet</c>, or as the mapping says), validates it, checks references and pseudonymises ids.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="DataFileException">A file cannot be read at all, or the transactions table is missing.</exception>
    public static DataWorkspace Load(string dataDirectory, IngestOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(dataDirectory)) throw new DirectoryNotFoundException($"Data directory not found: {dataDirectory}");
        var mapping = options.Mapping;
        // A schema passed by the caller was chosen by the person at the CLI; one found in the data directory came with the data.
        bool chosen = mapping is not null;
        var schemaFile = Path.Combine(dataDirectory, "schema.json");
        if (mapping is null)
        {
            if (File.Exists(schemaFile) || ConfinedPath.IsSpecial(schemaFile))
            {
                // Used only when it is itself a regular file inside the directory (not a link to someone else's schema).
                ConfinedPath.Check(schemaFile, dataDirectory, "", schemaFile, trusted: false);
                mapping = SchemaMapping.Load(schemaFile);
            }
            else mapping = SchemaMapping.Default;
            options = options with { Mapping = mapping };
        }
        string source = chosen ? "schema (--schema)" : schemaFile;
        // Every file is found and checked before anything is read; then the engine is locked to the folders they are in.
        var files = new Dictionary<string, string>();
        foreach (var spec in DataModel.All)
        {
            if (mapping.For(spec.Name).Query is not null) continue;
            var path = SourceFileReader.Find(dataDirectory, spec.Name, mapping.For(spec.Name), confined: !chosen, source);
            if (path is not null) files[spec.Name] = path;
            else if (spec.Name == "transactions")
                throw new DataFileException(Path.Combine(dataDirectory, "transactions.csv"), "the transactions table is required (transactions.csv, .csv.gz or .parquet, or a file named in schema.json)");
        }
        var ws = new DataWorkspace(options);
        try
        {
            ws.Confine([dataDirectory, .. files.Values.Select(f => Path.GetDirectoryName(f)!)]);
            foreach (var spec in DataModel.All)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                if (mapping.For(spec.Name).Query is { } query)
                {
                    if (!chosen && !options.AllowQueries)
                        throw new DataFileException(schemaFile, $"table '{spec.Name}' is defined by a query, which runs only with a schema passed explicitly (--schema FILE) or with --allow-queries");
                    progress?.Report($"running the query of {spec.Name}");
                    var result = ConfinedQuery.Run(dataDirectory, spec.Name, query, ws.tempDirectory, chosen ? "schema" : schemaFile);
                    ws.Ingest(spec.Name, result, $"query:{spec.Name}");
                    continue;
                }
                if (!files.TryGetValue(spec.Name, out var path)) continue;
                progress?.Report($"reading {Path.GetFileName(path)}");
                ws.Ingest(spec.Name, path);
            }
            if (options.CheckReferences) ws.CheckReferences();
            if (options.Pseudonymizer is not null) ws.Pseudonymize(options.Pseudonymizer);
            return ws;
        }
        catch
        {
            ws.Dispose();
            throw;
        }
    }

    /// <summary>True if the table was loaded.</summary>
    public bool HasTable(string table) => ingests.Any(i => i.Table == table);

    /// <summary>The workspace's own scratch folder (normalised copies, query results, files to load elsewhere); deleted on dispose.</summary>
    public string ScratchDirectory => tempDirectory;

    /// <summary>
    /// Locks the engine to <paramref name="directories"/> and its scratch folder: DuckDB's <c>allowed_directories</c>, then
    /// <c>enable_external_access = false</c> (which cannot be undone while the database is open), so no SQL text — a
    /// mapping, an expression, a query — can read or write any other file.
    /// </summary>
    internal void Confine(IEnumerable<string> directories)
    {
        var roots = directories.Append(tempDirectory).Select(d => ConfinedPath.FinalTarget(d).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar)
            .Distinct(StringComparer.Ordinal).Select(Dialect.Str);
        Execute($"SET allowed_directories = [{string.Join(", ", roots)}]");
        Execute("SET enable_external_access = false");
    }

    /// <summary>Reads, validates and stores one file as the given table (replacing an earlier load of it).</summary>
    public TableIngest Ingest(string table, string path) => Ingest(table, path, path);

    /// <summary>As <see cref="Ingest(string, string)"/>, naming the source <paramref name="display"/> in rejects and messages.</summary>
    internal TableIngest Ingest(string table, string path, string display)
    {
        var spec = DataModel.Get(table);
        var mapping = (Options.Mapping ?? SchemaMapping.Default).For(table);
        var file = reader.Open(table, path, mapping);
        var columns = ColumnMapper.Map(spec, mapping, file.Headers, path);
        string stage = Stage(table, file, columns, mapping);
        if (!file.IsParquet && !StagedAsScanned(file, stage))
        {
            // The engine's reader disagreed with the line-by-line pass: read the normalised copy instead.
            if (file.Normalized) throw new DataFileException(path, "the engine could not read every record of the normalised copy of the file");
            file = reader.Normalize(table, path, mapping, file.Scan);
            stage = Stage(table, file, columns, mapping);
            if (!StagedAsScanned(file, stage)) throw new DataFileException(path, "the engine could not read every record of the normalised copy of the file");
        }
        var types = ColumnTypes(stage);

        TableIngest? ingest = null;
        IReadOnlyDictionary<string, DateReading> dates = new Dictionary<string, DateReading>();
        DropTable(table);
        // Parquet records carry their number (file_row_number), so the engine may write rows in any order (faster in
        // parallel); CSV records are numbered by their position, which needs the order kept.
        if (file.IsParquet) Execute("SET preserve_insertion_order = false");
        try
        {
            var mapped = columns.Mapped;
            dates = DateFormatDetector.Detect(this, stage, spec, mapping, mapped, types, display, columns.Present);
            var plan = ValidationPlan.Create(spec, mapping, Options.AsOf, Options.ZeroAmounts, dates, columns.Computed);
            if (file.IsParquet && mapping.Lines is null)
            {
                // Typed source: validate in place; the clean table is a view over the file (see DefineInPlaceTable).
                string source = "__src_" + table;
                Execute($"ALTER VIEW {stage} RENAME TO {source}");
                stage = source;
                ingest = TableValidator.ValidateInPlace(this, plan, stage, mapped, display, file.Encoding, columns.Ignored, columns.Identifiers, types);
                if (ingest is not null && Options.CopyParquet) Materialize(table);
            }
            ingest ??= TableValidator.Validate(this, plan, stage, mapped, display, file.Malformed, file.Encoding,
                columns.Ignored, columns.Identifiers, types);
        }
        catch (DuckDBException e)
        {
            throw new DataFileException(path, "the file cannot be read: " + FirstLine(e.Message), inner: e);
        }
        finally
        {
            if (file.IsParquet) Execute("SET preserve_insertion_order = true");
        }
        if (!inPlace.ContainsKey(table)) Execute(file.IsParquet ? $"DROP VIEW IF EXISTS {stage}" : $"DROP TABLE {stage}");
        ingest = ingest with { Lines = file.Lines, Warnings = [.. ingest.Warnings, .. DateFormatDetector.Warnings(display, mapping, dates)] };
        ingests.RemoveAll(i => i.Table == table);
        ingests.Add(ingest);
        return ingest;
    }

    /// <summary>True when the engine staged exactly the records the line-by-line pass found, and rejected none.</summary>
    private bool StagedAsScanned(SourceFile file, string stage) =>
        reader.EngineRejects(file) == 0 && Scalar<long>($"SELECT count(*) FROM {stage}") == file.Scan!.Records;

    /// <summary>
    /// Stages the mapped columns of <paramref name="file"/> under their canonical names with the record number
    /// <c>__rec</c>: Parquet through a view (typed columns, no copy), CSV parsed once into an all-text table.
    /// </summary>
    private string Stage(string table, SourceFile file, ColumnMap columns, TableMapping mapping)
    {
        string stage = "stg_" + table;
        var items = columns.Present.Select(kv => $"{Dialect.Id(kv.Value)} AS {Dialect.Id(kv.Key)}")
            .Concat(columns.Computed.SelectMany(kv => ComputedColumns.Stage(Dialect, kv.Key, kv.Value, mapping.NaFor(kv.Key))));
        if (mapping.Lines is not null) items = items.Append($"{LineItems.Digest(Dialect, file.Headers)} AS __digest");
        string select = string.Join(", ", items);
        try
        {
            Execute(file.IsParquet
                ? $"CREATE OR REPLACE TEMP VIEW {stage} AS SELECT {file.RecordNumber} AS __rec, {select} FROM {file.Source}"
                : $"CREATE OR REPLACE TEMP TABLE {stage} AS SELECT {file.RecordNumber} AS __rec, {select} FROM {file.Source}");
        }
        catch (DuckDBException e)
        {
            throw new DataFileException(file.Path, "the file cannot be read: " + FirstLine(e.Message), inner: e);
        }
        return stage;
    }

    private Dictionary<string, string> ColumnTypes(string stage)
    {
        var types = new Dictionary<string, string>();
        foreach (var (name, type) in QueryColumns($"SELECT * FROM {stage}")) types[name] = type;
        return types;
    }

    /// <summary>
    /// Moves rows that reference an unknown customer (or campaign) from the clean tables to the rejects: the
    /// customers table is the master for customer_id, the campaigns table for campaign_id.
    /// </summary>
    public void CheckReferences()
    {
        if (HasTable("customers"))
            foreach (var t in new[] { "transactions", "feedback", "campaign_assignments" })
                if (HasTable(t)) RejectUnknown(t, "customer_id", "customers");
        if (HasTable("campaigns") && HasTable("campaign_assignments"))
            RejectUnknown("campaign_assignments", "campaign_id", "campaigns");
    }

    private void RejectUnknown(string table, string column, string master)
    {
        var ingest = ingests.First(i => i.Table == table);
        // With pseudonymisation, a rejected customer id is shown as its pseudonym, never as the raw id.
        Func<string, string>? shown = column == "customer_id" && Options.Pseudonymizer is { } p ? p.Pseudonymize : null;
        ingests[ingests.IndexOf(ingest)] = TableValidator.RejectUnknown(this, ingest, column, master, shown);
    }

    /// <summary>Replaces customer_id in every loaded table by its keyed pseudonym (computed once per distinct id).</summary>
    public void Pseudonymize(Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var tables = ingests.Where(i => DataModel.Get(i.Table).Find("customer_id") is not null).Select(i => i.Table).ToArray();
        if (tables.Length == 0) return;
        var ids = new List<string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = string.Join(" UNION ", tables.Select(t => $"SELECT DISTINCT customer_id FROM {Dialect.Id(t)}"));
            using var r = cmd.ExecuteReader();
            while (r.Read()) if (!r.IsDBNull(0)) ids.Add(r.GetString(0));
        }
        Execute("CREATE OR REPLACE TEMP TABLE pseudonyms (customer_id VARCHAR, pseudonym VARCHAR)");
        using (var appender = connection.CreateAppender("pseudonyms"))
        {
            foreach (var id in ids)
            {
                var row = appender.CreateRow();
                row.AppendValue(id).AppendValue(pseudonymizer.Pseudonymize(id)).EndRow();
            }
        }
        foreach (var t in tables) Materialize(t);
        foreach (var t in tables)
            Execute($"UPDATE {Dialect.Id(t)} SET customer_id = p.pseudonym FROM pseudonyms p WHERE {Dialect.Id(t)}.customer_id = p.customer_id");
        Execute("DROP TABLE pseudonyms");
    }

    /// <summary>A clean table kept as a view over its source file: the source's rows minus <see cref="Skip"/>, plus the repaired suspects.</summary>
    private sealed record InPlaceTable(string FromSource, string FromFixed, string Skip, string Source, string Fixed)
    {
        public long Skipped { get; set; }
    }

    /// <summary>True if the clean table is a view over its source file (a Parquet file validated in place).</summary>
    internal bool IsInPlace(string table) => inPlace.ContainsKey(table);

    /// <summary>
    /// Makes <paramref name="table"/> a view: <paramref name="fromSource"/> (the clean projection of every row of the
    /// source view <paramref name="source"/>) without the records listed in <paramref name="skipTable"/>, plus the rows of
    /// <paramref name="fixedTable"/> (suspects that passed the full validation).
    /// </summary>
    internal void DefineInPlaceTable(string table, string source, string fromSource, string fixedTable, string skipTable)
    {
        var cols = DataModel.Get(table).Columns.Select(c => Dialect.Id(c.Name)).Prepend("__rec");
        var entry = new InPlaceTable(fromSource, $"SELECT {string.Join(", ", cols)} FROM {Dialect.Id(fixedTable)}", Dialect.Id(skipTable), source, Dialect.Id(fixedTable))
        {
            Skipped = Scalar<long>($"SELECT count(*) FROM {Dialect.Id(skipTable)}"),
        };
        inPlace[table] = entry;
        DefineView(table, entry);
    }

    private void DefineView(string table, InPlaceTable entry)
    {
        // Without skipped records the view is the source itself (no anti-join on every later query).
        string rows = entry.Skipped == 0
            ? entry.FromSource
            : $"SELECT s0.* FROM ({entry.FromSource}) s0 ANTI JOIN {entry.Skip} k ON s0.__rec = k.__rec";
        string union = $"{rows} UNION ALL {entry.FromFixed}";
        // Without repaired suspects the union is left out: a UNION ALL costs every later scan that reads text columns about
        // twice its time (12 M transactions streamed with their ids and categories: 1.7–2.0 s against 0.9 s). The view's columns
        // stay exactly the union's: left out only when both sides have the same names and types (they do by construction).
        bool anyFixed = Scalar<long>($"SELECT count(*) FROM (SELECT 1 FROM {entry.Fixed} LIMIT 1) f") > 0;
        string body = !anyFixed && QueryColumns(rows).SequenceEqual(QueryColumns(union)) ? rows : union;
        Execute($"CREATE OR REPLACE TEMP VIEW {Dialect.Id(table)} AS {body}");
    }

    /// <summary>The names and types of a query's columns, in order.</summary>
    private List<(string Name, string Type)> QueryColumns(string sql) => Read($"DESCRIBE {sql}", r =>
    {
        var columns = new List<(string, string)>();
        while (r.Read()) columns.Add((r.GetString(0), r.GetString(1)));
        return columns;
    });

    /// <summary>Defines an in-place table's view again after its repaired suspects changed (the failing ones deleted).</summary>
    internal void RedefineInPlace(string table) => DefineView(table, inPlace[table]);

    /// <summary>Excludes records from an in-place table (duplicates, unknown references).</summary>
    internal void ExcludeInPlace(string table, IEnumerable<long> records)
    {
        var entry = inPlace[table];
        foreach (var chunk in records.Chunk(10_000))
        {
            string list = string.Join(", ", chunk.Select(x => x.ToString(CultureInfo.InvariantCulture)));
            Execute($"INSERT INTO {entry.Skip} SELECT __rec FROM (VALUES {string.Join(", ", chunk.Select(x => "(" + x.ToString(CultureInfo.InvariantCulture) + ")"))}) v(__rec)");
            Execute($"DELETE FROM {entry.Fixed} WHERE __rec IN ({list})");
            entry.Skipped += chunk.Length;
        }
        DefineView(table, entry);
    }

    /// <summary>Turns an in-place table into a stored copy (before updates, or when <see cref="IngestOptions.CopyParquet"/> asks for it).</summary>
    private void Materialize(string table)
    {
        if (!inPlace.Remove(table, out var entry)) return;
        string t = Dialect.Id(table), copy = Dialect.Id("__copy_" + table);
        Execute($"CREATE OR REPLACE TEMP TABLE {copy} AS SELECT * FROM {t}");
        Execute($"DROP VIEW {t}; ALTER TABLE {copy} RENAME TO {t}; DROP TABLE {entry.Skip}; DROP TABLE {entry.Fixed}; DROP VIEW {entry.Source}");
    }

    /// <summary>Drops an earlier load of <paramref name="table"/> (stored table or in-place view with its helpers).</summary>
    private void DropTable(string table)
    {
        if (inPlace.Remove(table, out var entry))
            Execute($"DROP VIEW IF EXISTS {Dialect.Id(table)}; DROP TABLE IF EXISTS {entry.Skip}; DROP TABLE IF EXISTS {entry.Fixed}; DROP VIEW IF EXISTS {entry.Source}");
    }

    /// <summary>The clean rows of a table as a typed DataFrame, in file order.</summary>
    public DataFrame Table(string table)
    {
        DataModel.Get(table);
        if (!HasTable(table)) throw new InvalidOperationException($"Table '{table}' was not loaded.");
        return Query($"SELECT * EXCLUDE (__rec) FROM {Dialect.Id(table)} ORDER BY __rec");
    }

    /// <summary>Runs a query in the engine and returns its result as a typed DataFrame.</summary>
    /// <remarks>The result is handed over as Arrow batches (<see cref="ArrowDataFrameReader"/>); a result it cannot reproduce
    /// exactly as <see cref="DataFrameReader"/> would (an unusual type) is read again through the row reader.</remarks>
    public DataFrame Query(string sql) => QueryArrow(sql) ?? QueryRows(sql);

    /// <summary>
    /// The per-customer aggregates of <paramref name="transactions"/> at the <paramref name="snapshot"/> day: the DataFrame of
    /// <c>Query(CustomerAggregateQuery.Render(Dialect, snapshot, transactions))</c> — the same columns, types, values and order —
    /// computed in one .NET pass over the transactions read as Arrow batches (about half the query's time), or by that query when
    /// the data is outside what the pass handles (<see cref="CustomerAggregatePass"/>; the query's own errors, e.g. on a NaN
    /// amount, then surface).
    /// </summary>
    /// <param name="snapshot">The as-of day (its time of day is ignored): transactions up to and including it count.</param>
    /// <param name="transactions">A canonical, validated transactions table of this workspace.</param>
    public DataFrame CustomerAggregates(DateTime snapshot, string transactions = "transactions")
    {
        ArgumentException.ThrowIfNullOrEmpty(transactions);
        return CustomerAggregatePass.TryRun(this, snapshot, transactions)
            ?? Query(Analytics.Features.CustomerAggregateQuery.Render(Dialect, snapshot, transactions));
    }

    /// <inheritdoc/>
    HeldAggregates? ICustomerAggregateSnapshotSource.TryPrepareSnapshots(IReadOnlyList<DateTime> days, string table, PurchaseDayPass dayPass,
        string transactions) => CustomerAggregatePass.TryPrepareSnapshots(this, days, table, dayPass, transactions);

    /// <inheritdoc/>
    CustomerMonthGrain? ICustomerMonthSource.TryCustomerMonths(string segmentsTable, IReadOnlyList<string> keys, DateOnly end, string transactions) =>
        CustomerMonthPass.TryRun(this, segmentsTable, keys, end, transactions);

    /// <summary>Runs a query and hands its Arrow batches to <paramref name="consume"/> (logged and cancellable like every statement).</summary>
    /// <remarks>A cancellation that interrupts the stream surfaces as <see cref="OperationCanceledException"/>, as elsewhere (the engine
    /// may report it as an error about its interrupted result).</remarks>
    internal T ReadArrow<T>(string sql, Func<Apache.Arrow.Ipc.IArrowArrayStream, T> consume) => Run(sql, cmd =>
    {
        // Batches as the engine produces them, not a result materialised first (10 M rows: about 0.5 GB and a pass of its own).
        cmd.UseStreamingMode = true;
        try
        {
            using var stream = cmd.ExecuteArrowStream();
            return consume(stream);
        }
        catch (DuckDBException e) when (Options.Cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(e.Message, e, Options.Cancellation);
        }
    });

    /// <summary>The query's result through the Arrow hand-over; null when a column needs the row reader.</summary>
    internal DataFrame? QueryArrow(string sql) => Run(sql, cmd =>
    {
        using var stream = cmd.ExecuteArrowStream();
        return ArrowDataFrameReader.TryRead(stream);
    }, logged: result => result is not null);

    /// <summary>
    /// The values of a query whose one column is UBIGINT without NULLs (read as Arrow batches), in result order;
    /// <paramref name="expected"/> rows are allocated at once.
    /// </summary>
    internal ulong[] ReadUInt64s(string sql, long expected) => Run(sql, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (cmd) =>
    {
        using var stream = cmd.ExecuteArrowStream();
        var values = new ulong[Math.Max(expected, 1)];
        int count = 0;
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            using (batch)
            {
                var column = (Apache.Arrow.UInt64Array)batch.Column(0);
                if (count + column.Length > values.Length) Array.Resize(ref values, Math.Max(values.Length * 2, count + column.Length));
                column.Values.CopyTo(values.AsSpan(count));
                count += column.Length;
            }
        }
        if (count < values.Length) Array.Resize(ref values, count);
        return values;
    });

    /// <summary>Creates (replacing) a temporary table of one UBIGINT column holding <paramref name="values"/>.</summary>
    internal void CreateUInt64Table(string name, string column, IEnumerable<ulong> values)
    {
        Execute(Dialect.CreateTempTableAs(name, $"SELECT CAST(NULL AS UBIGINT) AS {Dialect.Id(column)} LIMIT 0"));
        using var appender = connection.CreateAppender(name);
        foreach (var v in values) appender.CreateRow().AppendValue(v).EndRow();
    }

    /// <summary>Appends data chunks to the existing table <paramref name="table"/> of this session (logged like a statement).</summary>
    internal void AppendChunks(string table, Action<ChunkAppender> write)
    {
        Options.Cancellation.ThrowIfCancellationRequested();
        var started = SqlLog.Start();
        using (var appender = new ChunkAppender(connection, table))
        {
            write(appender);
            appender.Close();
        }
        SqlLog.Write(started, $"-- appended to {Dialect.Id(table)}");
    }

    /// <summary>The query's result through the row reader (<see cref="DataFrameReader"/>).</summary>
    internal DataFrame QueryRows(string sql) => Read(sql, DataFrameReader.Read);

    /// <summary>Runs a query and hands the reader to <paramref name="consume"/> (for array-level consumers).</summary>
    public T Read<T>(string sql, Func<DbDataReader, T> consume) => Run(sql, cmd =>
    {
        using var reader = cmd.ExecuteReader();
        return consume(reader);
    });

    /// <summary>
    /// Runs <paramref name="body"/> on a command holding <paramref name="sql"/> (cancellable through <see cref="Cancel"/>) and logs
    /// the statement's time when <paramref name="logged"/> says the result counts (default: always).
    /// </summary>
    private T Run<T>(string sql, Func<DuckDBCommand, T> body, Func<T, bool>? logged = null)
    {
        Options.Cancellation.ThrowIfCancellationRequested();
        var started = SqlLog.Start();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        running = cmd;
        try
        {
            var result = body(cmd);
            if (logged?.Invoke(result) ?? true) SqlLog.Write(started, sql);
            return result;
        }
        finally
        {
            running = null;
        }
    }

    /// <summary>Runs a statement.</summary>
    public void Execute(string sql)
    {
        Options.Cancellation.ThrowIfCancellationRequested();
        var started = SqlLog.Start();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        running = cmd;
        try
        {
            cmd.ExecuteNonQuery();
        }
        finally
        {
            running = null;
        }
        SqlLog.Write(started, sql);
    }

    /// <inheritdoc />
    public void Cancel() => Volatile.Read(ref running)?.Cancel();

    /// <inheritdoc />
    public IReadOnlyList<string> Describe(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = new List<string>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT column_name FROM information_schema.columns WHERE table_name = {Dialect.Str(table)} ORDER BY ordinal_position";
        using var r = cmd.ExecuteReader();
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    /// <inheritdoc />
    public void CreateTextTable(string name, IReadOnlyList<string> columns, int rows, Func<int, int, string> cell)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cell);
        Execute($"CREATE OR REPLACE TABLE {Dialect.Id(name)} ({string.Join(", ", columns.Select(c => $"{Dialect.Id(c)} VARCHAR"))})");
        using var appender = connection.CreateAppender(name);
        for (int i = 0; i < rows; i++)
        {
            var row = appender.CreateRow();
            for (int c = 0; c < columns.Count; c++) row.AppendValue(cell(i, c));
            row.EndRow();
        }
    }

    /// <summary>A single value.</summary>
    public T Scalar<T>(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        var v = cmd.ExecuteScalar();
        return (T)Convert.ChangeType(v!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>The underlying connection (for engine-specific work such as COPY TO).</summary>
    public DuckDBConnection Connection => connection;

    internal static string FirstLine(string s) => s.Split('\n')[0];

    /// <inheritdoc />
    public void Dispose()
    {
        cancellation.Dispose();
        connection.Dispose();
        try { Directory.Delete(tempDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
