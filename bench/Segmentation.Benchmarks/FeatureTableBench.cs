using System.Diagnostics;
using System.Globalization;
using Segmentation.Data;
using Segmentation.Analytics.Features;

namespace Segmentation.Benchmarks;

/// <summary>
/// Customer feature table over a seeded transactions file (DuckDB ingest + the feature SQL), then standard scaling of the
/// numeric features; side by side with a pandas group-by computing the core behavioural columns from the same CSV.
/// Args: [transactions = 1000000] [customers = 100000].
/// </summary>
public sealed class FeatureTableBench : IBench
{
    public string Name => "feature-table";

    public string Description => "CustomerFeatureTable.Build in DuckDB + StandardScaler, vs a pandas group-by (same CSV)";

    public void Run(string[] args, TextWriter output)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        int customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var dir = Path.Combine(Path.GetTempPath(), "seg-bench-features-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var csv = Path.Combine(dir, "transactions.csv");
            WriteTransactions(csv, rows, customers, seed: 1);
            var asOf = new DateTime(2026, 10, 31);

            var sw = Stopwatch.StartNew();
            using var ws = DataWorkspace.Load(dir, new IngestOptions(asOf));
            double ingest = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var table = CustomerFeatureTable.Build(ws, asOf);
            double build = sw.Elapsed.TotalSeconds;
            string[] numeric = ["frequency", "monetary", "orders", "category_breadth"];
            sw.Restart();
            var x = FeatureMatrix.FromDataFrame(table, numeric);
            var z = new StandardScaler().Fit(x).Transform(x);
            double scale = sw.Elapsed.TotalSeconds;
            output.WriteLine($"   {rows:N0} transactions, {table.Rows.Count:N0} customers × {table.Columns.Count} columns");
            output.WriteLine($"   ingest + validation (DuckDB): {ingest:F2} s");
            output.WriteLine($"   feature table SQL → DataFrame: {build:F2} s");
            output.WriteLine($"   StandardScaler fit + transform ({z.Rows:N0} × {z.Columns}, incl. DataFrame → matrix): {scale * 1000:F0} ms");

            const string python = "/usr/bin/python3";
            if (!File.Exists(python)) { output.WriteLine("   pandas peer: /usr/bin/python3 not found, skipped"); return; }
            var script = Path.Combine(dir, "peer.py");
            File.WriteAllText(script, """
                import sys, time
                import pandas as pd
                t0 = time.perf_counter()
                tx = pd.read_csv(sys.argv[1], parse_dates=["timestamp"])
                t1 = time.perf_counter()
                snap = pd.Timestamp(sys.argv[2])
                tx = tx[tx["timestamp"] < snap + pd.Timedelta(days=1)]
                p = tx[~tx["is_return"].astype(bool)].copy()
                p["day"] = p["timestamp"].dt.normalize()
                p["online"] = p["channel"].isin(["web", "app"])
                g = p.groupby("customer_id")
                out = pd.DataFrame({"frequency": g["day"].nunique(), "orders": g.size(), "gross": g["amount"].sum(),
                                    "first": g["day"].min(), "last": g["day"].max(), "online": g["online"].sum(),
                                    "categories": g["category"].nunique()})
                out["recency_days"] = (snap - out["last"]).dt.days
                out["online_share"] = out["online"] / out["orders"]
                out["net"] = tx.groupby("customer_id")["amount"].sum()
                t2 = time.perf_counter()
                print(f"{t1 - t0:.2f} {t2 - t1:.2f} {len(out)}")
                """);
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(csv);
            psi.ArgumentList.Add(asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            using var p = Process.Start(psi)!;
            string result = p.StandardOutput.ReadToEnd();
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            var parts = result.Trim().Split(' ');
            if (p.ExitCode != 0 || parts.Length < 3) { output.WriteLine($"   pandas peer failed: {error.Trim()}"); return; }
            output.WriteLine($"   pandas 1.5 peer: read_csv {parts[0]} s, group-by of 8 core columns {parts[1]} s ({parts[2]} customers)");
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static void WriteTransactions(string path, int rows, int customers, int seed)
    {
        var rng = new Random(seed);
        string[] channels = ["web", "app", "store", "phone"], categories = ["apparel", "beauty", "electronics", "grocery", "home", "sports"];
        using var w = new StreamWriter(path) { NewLine = "\n" };
        w.WriteLine("transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return");
        var start = new DateTime(2024, 11, 1);
        for (int i = 0; i < rows; i++)
        {
            bool ret = rng.NextDouble() < 0.04;
            double amount = Math.Round(5 + rng.NextDouble() * 300, 2) * (ret ? -1 : 1);
            var ts = start.AddMinutes(rng.Next(0, 729 * 24 * 60));
            w.Write($"T{i:D8},C{rng.Next(customers):D7},{ts:yyyy-MM-dd HH:mm:ss},");
            w.Write(amount.ToString("F2", CultureInfo.InvariantCulture));
            w.WriteLine($",,1,{channels[rng.Next(4)]},{categories[rng.Next(6)]},east,{(rng.NextDouble() < 0.1 ? "K1" : "")},{(ret ? 1 : 0)}");
        }
    }
}
