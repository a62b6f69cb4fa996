using Segmentation.Analytics.Features;
using System.Diagnostics;
using DuckDB.NET.Data;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Benchmarks;

/// <summary>
/// Issue 3's and 18's figures: RFM of N transactions (the slim per-customer aggregation in the engine, handed over as a
/// DataFrame, + quintile cut points, scores and names) vs a bare DuckDB GROUP BY of the same file (the ratio is printed) and the
/// pandas peer (group-by recency/frequency/monetary + quantile scores) on the same rows, both on data already in
/// memory (pandas reads the CSV twin of the Parquet file; reading is not timed on either side). Uses the Parquet file made by the <c>ingest</c> benchmark. Args: [transactions=10000000] [customers=1000000]
/// </summary>
public sealed class RfmBench : IBench
{
    public string Name => "rfm";

    public string Description => "RFM of N transactions (engine group-by + scoring) vs pandas group-by on the same data";

    public void Run(string[] args, TextWriter output)
    {
        long n = args.Length > 0 && long.TryParse(args[0], out var a) ? a : 10_000_000;
        long customers = args.Length > 1 && long.TryParse(args[1], out var c) ? c : 1_000_000;
        var parquet = Path.Combine(Path.GetTempPath(), $"seg-bench-ingest-{n}", "transactions.parquet");
        if (!File.Exists(parquet))
        {
            output.WriteLine($"   making the data with the ingest benchmark first");
            new IngestBench().Run([n.ToString(System.Globalization.CultureInfo.InvariantCulture), customers.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skip-loadcsv", "--data-only"], output);
        }
        var snapshot = new DateTime(2026, 10, 31);
        using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2026, 11, 1)));
        var swLoad = Stopwatch.StartNew();
        ws.Ingest("transactions", parquet);
        output.WriteLine($"   ingest (validate, not timed below) {swLoad.Elapsed.TotalSeconds:F2} s");
        // Issue 18's yardstick, timed in the same run on the same file: a bare DuckDB GROUP BY of what RFM needs (last purchase,
        // purchase days, amount), materialised in the engine — no validation, snapshot filter, hand-over or scoring.
        using var bare = new DuckDBConnection("DataSource=:memory:");
        bare.Open();
        string bareSql = $"""
            CREATE OR REPLACE TEMP TABLE bare AS SELECT customer_id, max("timestamp") AS last_purchase,
              count(DISTINCT CAST("timestamp" AS DATE)) AS purchase_days, sum(amount) AS amount
            FROM read_parquet('{parquet.Replace("'", "''")}') GROUP BY customer_id
            """;
        var ours = new List<double>();
        var bares = new List<double>();
        for (int run = 1; run <= 3; run++)
        {
            var (bareWall, bareCpu) = Timed(() => { using var cmd = bare.CreateCommand(); cmd.CommandText = bareSql; cmd.ExecuteNonQuery(); });
            bares.Add(bareWall);
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var aggregates = ws.Query(RfmAggregateQuery.Render(ws.Dialect, snapshot));
            double tAgg = sw.Elapsed.TotalSeconds;
            var model = new RfmScorer(new RfmOptions(Monetary: MonetaryMeasure.NetSpend)).Fit(aggregates);
            var table = model.ScoreFrame(aggregates);
            double total = sw.Elapsed.TotalSeconds, totalCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            ours.Add(total);
            output.WriteLine($"   run {run}: aggregate → DataFrame {tAgg:F2} s + cut points, scores and names {total - tAgg:F2} s = {total:F2} s (CPU {totalCpu:F2} s) for {table.Rows.Count:N0} customers; " +
                $"bare DuckDB GROUP BY {bareWall:F2} s (CPU {bareCpu:F2} s); ours/bare {total / bareWall:F2}");
        }
        output.WriteLine($"   best of 3: ours {ours.Min():F2} s, bare DuckDB {bares.Min():F2} s, ours/bare {ours.Min() / bares.Min():F2} (issue 18: ≤ 1.5)");

        var script = $$"""
            import time, numpy as np, pandas as pd
            df = pd.read_csv('{{Path.ChangeExtension(parquet, ".csv")}}', usecols=['customer_id', 'timestamp', 'amount', 'is_return'], parse_dates=['timestamp'])
            for run in range(3):
                t = time.perf_counter()
                p = df[~df.is_return]
                g = p.groupby('customer_id')
                rfm = pd.DataFrame({'last': g['timestamp'].max(), 'frequency': p.assign(day=p['timestamp'].dt.normalize()).groupby('customer_id')['day'].nunique()})
                rfm['monetary'] = df.groupby('customer_id')['amount'].sum()
                rfm['recency'] = (pd.Timestamp('2026-10-31') - rfm['last']).dt.days
                for col in ['recency', 'frequency', 'monetary']:
                    q = np.quantile(rfm[col].to_numpy(dtype=float), [.2, .4, .6, .8])
                    rfm[col[0]] = 1 + (rfm[col].to_numpy()[:, None] > q).sum(axis=1)
                print(f"   pandas run {run + 1}: group-by + scores {time.perf_counter() - t:.2f} s for {len(rfm):,} customers")
            """;
        output.Write(Peer.Python(script));
    }

    private static (double Wall, double Cpu) Timed(Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        return (sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
