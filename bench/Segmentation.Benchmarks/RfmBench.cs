using Segmentation.Analytics.Features;
using System.Diagnostics;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Benchmarks;

/// <summary>
/// Issue 3's figure: RFM of N transactions (per-customer aggregation in the engine + quintile scores + names) vs the
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
        for (int run = 1; run <= 3; run++)
        {
            var sw = Stopwatch.StartNew();
            var aggregates = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, snapshot));
            double tAgg = sw.Elapsed.TotalSeconds;
            var table = new RfmScorer(new RfmOptions(Monetary: MonetaryMeasure.NetSpend)).Fit(aggregates) is var model ? model.ScoreFrame(aggregates) : null;
            output.WriteLine($"   run {run}: aggregate {tAgg:F2} s + scores and names {sw.Elapsed.TotalSeconds - tAgg:F2} s = {sw.Elapsed.TotalSeconds:F2} s for {table!.Rows.Count:N0} customers");
        }

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
}
