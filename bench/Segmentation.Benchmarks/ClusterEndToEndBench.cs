using System.Collections;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Evaluation;
using Segmentation.Data;
using Segmentation.Data.ClickHouse;
using Segmentation.Reports.Monthly;

namespace Segmentation.Benchmarks;

/// <summary>
/// Issue 18, point 3: the whole monthly job through the 2-shard ClickHouse cluster (<c>--engine clickhouse</c>) with the segments
/// kept in the engine (<see cref="MonthlyRunOptions.InEngineAbove"/> = 0): the <see cref="EndToEndBench"/> data (its generator)
/// validated by DuckDB and loaded into the cluster, then features, model fit on a buyer sample drawn in the engine, assignment in
/// SQL, KPIs, campaigns, churn and the PDF. Prints per stage the wall and .NET CPU seconds, the rows that came back to .NET, and the
/// .NET working set (peak of a 50 ms sampler during the job, after the loading DuckDB is closed) and managed heap.
/// Args: [customers = 10000000] [transactions = 10 × customers] [--load-only] [--skip-load] (the tables already in the cluster's
/// seg_cluster_e2e database) [--stop-before-evaluation] (end the job when the evaluation would start).
/// Environment: SEG_CLICKHOUSE (default: deploy/clickhouse/cluster.sh's string); SEG_BENCH_ROWS_LOG=1 prints every query that
/// brings back more than 10 000 rows (rows, start of the SQL).
/// </summary>
public sealed class ClusterEndToEndBench : IBench
{
    public string Name => "cluster-e2e";

    public string Description => "monthly job through the 2-shard ClickHouse cluster, segments in the engine (10 M customers / 100 M transactions)";

    public void Run(string[] args, TextWriter output)
    {
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        long customers = numbers.Length > 0 ? long.Parse(numbers[0], CultureInfo.InvariantCulture) : 10_000_000;
        long n = numbers.Length > 1 ? long.Parse(numbers[1], CultureInfo.InvariantCulture) : 10 * customers;
        string connection = Environment.GetEnvironmentVariable(ClickHouseWorkspace.ConnectionVariable)
            ?? "Nodes=127.0.0.1:8124,127.0.0.1:8125;Cluster=two_shards;Database=default";
        var settings = ClickHouseClusterSettings.Parse(connection).WithDatabase("seg_cluster_e2e");
        var dir = EndToEndBench.Generate(customers, n, output);
        EndToEndBench.GenerateCampaigns(dir, customers, output);
        var options = new MonthlyRunOptions(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), MarketingBudget: 1_000_000m) { InEngineAbove = 0 };
        var asOf = options.MonthEnd.ToDateTime(TimeOnly.MinValue);

        var sw = Stopwatch.StartNew();
        double cpu0 = Cpu();
        using var cluster = ClickHouseWorkspace.Connect(settings);
        output.WriteLine($"   ClickHouse {cluster.ServerVersion}, {cluster.Settings.Nodes.Count} shards ({string.Join(", ", cluster.Settings.Nodes)}), database {settings.Database}");
        IngestReport report;
        if (args.Contains("--skip-load"))
        {
            var tables = DataModel.All.Where(t => cluster.HasTable(t.Name)).Select(t =>
            {
                long rows = cluster.Count(t.Name);
                return new TableIngest(t.Name, $"clickhouse://{settings.Database}.{t.Name}", "clickhouse", rows, rows, [], [], []);
            }).ToArray();
            report = new IngestReport(tables, asOf);
            output.WriteLine($"   tables already in the cluster: {string.Join(", ", tables.Select(t => $"{t.Table} {t.RowsAccepted:N0}"))}");
            if (!cluster.HasTable("campaign_assignments"))
            {
                // Tables loaded before the campaigns existed: validate and load just the campaigns (beside one transaction row).
                var campaignsDir = Path.Combine(Path.GetTempPath(), $"seg-bench-campaigns-{customers}");
                Directory.CreateDirectory(campaignsDir);
                foreach (var f in new[] { "campaigns.parquet", "campaign_assignments.parquet" }) File.Copy(Path.Combine(dir, f), Path.Combine(campaignsDir, f), true);
                using (var con = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:"))
                {
                    con.Open();
                    using var cmd = con.CreateCommand();
                    cmd.CommandText = $"COPY (SELECT * FROM '{dir}/transactions.parquet' LIMIT 1) TO '{campaignsDir}/transactions.parquet' (FORMAT parquet)";
                    cmd.ExecuteNonQuery();
                }
                using var ws = DataWorkspace.Load(campaignsDir, new IngestOptions(asOf));
                var loads = new[] { "campaigns", "campaign_assignments" }.Select(t => cluster.LoadTable(ws, t, "e2e-campaigns")).ToArray();
                output.WriteLine($"   campaigns loaded: {string.Join(", ", loads.Select(x => $"{x.Table} {x.RowsInCluster:N0}"))}");
                report = new IngestReport([.. tables, .. ws.Report.Tables.Where(t => t.Table.StartsWith("campaign", StringComparison.Ordinal))], asOf);
            }
        }
        else
        {
            using (var ws = DataWorkspace.Load(dir, new IngestOptions(asOf)))
            {
                output.WriteLine($"   {sw.Elapsed.TotalSeconds,7:F1} s (cpu {Cpu() - cpu0,6:F1} s)  DuckDB read + validation of {ws.Report.RowsRead:N0} rows; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB");
                var t = sw.Elapsed.TotalSeconds;
                double c = Cpu();
                var load = cluster.Load(ws, "e2e");
                if (!load.Reconciles) throw new InvalidOperationException("the rows in the cluster do not match the validated rows");
                report = load.Ingest;
                output.WriteLine($"   {sw.Elapsed.TotalSeconds - t,7:F1} s (cpu {Cpu() - c,6:F1} s)  load into the cluster ({string.Join(", ", load.Tables.Select(x => $"{x.Table} {x.RowsInCluster:N0} via {x.Path}"))}); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB");
            }
            if (args.Contains("--load-only")) return;
        }

        // The job: from here the .NET process holds only what the job brings back.
        GC.Collect();
        var engine = new CountingEngine(cluster);
        using var sampler = new PeakSampler();
        var stages = new List<(string Stage, double Wall, double Cpu, long Rows, long Statements, string Memory)>();
        var job = Stopwatch.StartNew();
        double last = 0, lastCpu = Cpu();
        long lastRows = 0, lastStatements = 0;
        void Mark(string stage)
        {
            double cpu = Cpu();
            stages.Add((stage, job.Elapsed.TotalSeconds - last, cpu - lastCpu, engine.Rows - lastRows, engine.Statements - lastStatements, sampler.Describe()));
            (last, lastCpu, lastRows, lastStatements) = (job.Elapsed.TotalSeconds, cpu, engine.Rows, engine.Statements);
        }
        bool stopBeforeEvaluation = args.Contains("--stop-before-evaluation");
        void Print()
        {
            output.WriteLine("   stage times are until the next stage starts; rows = rows that came back to .NET (query results and readers)");
            foreach (var (stage, wall, cpu, rows, statements, memory) in stages)
                output.WriteLine($"   {wall,7:F1} s (cpu {cpu,6:F1} s) {rows,11:N0} rows {statements,4} queries  until: {stage,-58} [{memory}]");
        }
        MonthlyEvaluation run;
        try
        {
            run = MonthlyEvaluation.Run(engine, report, options, new Progress(stage =>
            {
                Mark(stage);
                if (stopBeforeEvaluation && stage == "evaluating") throw new StopBeforeEvaluation();
            }));
        }
        catch (StopBeforeEvaluation)
        {
            Print();
            output.WriteLine($"   stopped before the evaluation (--stop-before-evaluation): job {job.Elapsed.TotalSeconds:F1} s; rows back {engine.Rows:N0}; " +
                             $"job peak working set {sampler.PeakWorkingSet / 1e9:F2} GB, peak managed heap {sampler.PeakManaged / 1e9:F2} GB");
            return;
        }
        Mark("(end of evaluation)");
        var pdf = Path.Combine(dir, "cluster-report.pdf");
        new MonthlyReport(run, ReportLanguage.Zh).GeneratePdf(pdf);
        Mark("(PDF written)");
        Print();
        output.WriteLine($"   job {job.Elapsed.TotalSeconds:F1} s, .NET cpu {Cpu() - cpu0:F1} s in all; {run.Result.Kpis.Row(KpiRow.AllCustomers, run.Result.Kpis.Periods.Count - 1).Counts.Customers:N0} customers assigned (in the engine; the evaluation's customer sample {run.Assignment.Count:N0}), " +
                         $"{run.Result.Segments.Count} segments, {run.Result.Campaigns.Count} campaigns; rows back {engine.Rows:N0}; " +
                         $"job peak working set {sampler.PeakWorkingSet / 1e9:F2} GB, peak managed heap {sampler.PeakManaged / 1e9:F2} GB; PDF {new FileInfo(pdf).Length / 1024:N0} KiB");
    }

    private static double Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private sealed class StopBeforeEvaluation : Exception;

    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    /// <summary>Samples the working set and the managed heap every 50 ms and keeps their maxima.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer timer;
        private long peakWorkingSet, peakManaged;

        public PeakSampler()
        {
            timer = new Timer(_ => Sample(), null, 0, 50);
        }

        public long PeakWorkingSet => Interlocked.Read(ref peakWorkingSet);

        public long PeakManaged => Interlocked.Read(ref peakManaged);

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            long ws = process.WorkingSet64, managed = GC.GetTotalMemory(false);
            if (ws > Interlocked.Read(ref peakWorkingSet)) Interlocked.Exchange(ref peakWorkingSet, ws);
            if (managed > Interlocked.Read(ref peakManaged)) Interlocked.Exchange(ref peakManaged, managed);
        }

        public string Describe()
        {
            Sample();
            return $"job peak working set {PeakWorkingSet / 1e9:F2} GB, peak managed heap {PeakManaged / 1e9:F2} GB";
        }

        public void Dispose() => timer.Dispose();
    }

    /// <summary>The engine, counting the statements sent and the rows that come back (also through <see cref="IShardedEngine.PerShard"/>).</summary>
    private sealed class CountingEngine(ISqlEngine inner, CountingEngine? root = null) : IShardedEngine
    {
        private long rows, statements;
        private CountingEngine Root => root ?? this;

        public long Rows => Interlocked.Read(ref Root.rows);

        public long Statements => Interlocked.Read(ref Root.statements);

        private static readonly bool Log = Environment.GetEnvironmentVariable("SEG_BENCH_ROWS_LOG") == "1";

        private void Count(long n, string? sql = null)
        {
            Interlocked.Add(ref Root.rows, n);
            Interlocked.Increment(ref Root.statements);
            if (Log && n > 10_000 && sql is not null)
            {
                string flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
                Console.WriteLine($"      {n,11:N0} rows  {flat[..Math.Min(160, flat.Length)]}");
            }
        }

        public SqlDialect Dialect => inner.Dialect;

        public ISqlEngine PerShard => inner is IShardedEngine s ? new CountingEngine(s.PerShard, Root) : this;

        public void Execute(string sql)
        {
            Count(0);
            inner.Execute(sql);
        }

        public DataFrame Query(string sql)
        {
            var frame = inner.Query(sql);
            Count(frame.Rows.Count, sql);
            return frame;
        }

        public T Read<T>(string sql, Func<DbDataReader, T> consume)
        {
            var counted = inner.Read(sql, r =>
            {
                var reader = new CountingReader(r);
                var result = consume(reader);
                return (result, reader.RowsRead);
            });
            Count(counted.RowsRead, sql);
            return counted.result;
        }

        public bool HasTable(string table) => inner.HasTable(table);

        public IReadOnlyList<string> Describe(string table) => inner.Describe(table);

        public void CreateTextTable(string name, IReadOnlyList<string> columns, int rows, Func<int, int, string> cell) => inner.CreateTextTable(name, columns, rows, cell);

        public void Cancel() => inner.Cancel();

        public void CreateCustomerTable(string name, string query)
        {
            Count(0);
            ((IShardedEngine)inner).CreateCustomerTable(name, query);
        }

        public void DropCustomerTable(string name) => ((IShardedEngine)inner).DropCustomerTable(name);
    }

    /// <summary>A reader that counts the rows its consumer reads.</summary>
    private sealed class CountingReader(DbDataReader inner) : DbDataReader
    {
        public long RowsRead { get; private set; }

        public override bool Read()
        {
            bool more = inner.Read();
            if (more) RowsRead++;
            return more;
        }

        public override object this[int ordinal] => inner[ordinal];
        public override object this[string name] => inner[name];
        public override int Depth => inner.Depth;
        public override int FieldCount => inner.FieldCount;
        public override bool HasRows => inner.HasRows;
        public override bool IsClosed => inner.IsClosed;
        public override int RecordsAffected => inner.RecordsAffected;
        public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
        public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
        public override char GetChar(int ordinal) => inner.GetChar(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
        public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
        public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
        public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
        public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
        public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
        public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
        public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
        public override string GetName(int ordinal) => inner.GetName(ordinal);
        public override int GetOrdinal(string name) => inner.GetOrdinal(name);
        public override string GetString(int ordinal) => inner.GetString(ordinal);
        public override object GetValue(int ordinal) => inner.GetValue(ordinal);
        public override int GetValues(object[] values) => inner.GetValues(values);
        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
        public override bool NextResult() => inner.NextResult();
        public override IEnumerator GetEnumerator() => inner.GetEnumerator();
        public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);
    }
}
