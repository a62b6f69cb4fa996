using System.Diagnostics;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Statistics;
using Segmentation.Data;

namespace Segmentation.Benchmarks;

/// <summary>
/// The monthly job's snapshot aggregates (three snapshot days, the drift windows, the customer summaries' day aggregates) on the
/// e2e data: the in-process pass (<c>CustomerAggregatePass.TryPrepareSnapshots</c>) against the SQL statements, each run twice in
/// the same workspace, and the two tables compared. Args: [customers = 1000000] [transactions = 12 × customers].
/// </summary>
public sealed class SnapshotsBench : IBench
{
    public string Name => "snapshots";

    public string Description => "monthly job's three-snapshot aggregates: in-process pass vs SQL (e2e data)";

    public void Run(string[] args, TextWriter output)
    {
        int customers = args.Length > 0 && int.TryParse(args[0], out var c) ? c : 1_000_000;
        long n = args.Length > 1 && long.TryParse(args[1], out var a) ? a : 12L * customers;
        var dir = EndToEndBench.Generate(customers, n, output);
        var asOf = new DateTime(2026, 10, 31);
        using var ws = DataWorkspace.Load(dir, new IngestOptions(asOf));
        DateTime[] days = [new(2025, 10, 31), asOf, new(2026, 9, 30)];
        var earlier = new DateOnly(2026, 9, 30);
        var pass = new PurchaseDayPass([(new DateTime(2024, 11, 1), new DateTime(2025, 11, 1)), (new DateTime(2025, 11, 1), new DateTime(2026, 11, 1))],
            CustomerSummaryQuery.DayAggregatesAtTwoEnds(ws.Dialect, earlier)) { SummariesEarlierEnd = earlier };
        foreach (bool inProcess in new[] { true, false, true, false })
        {
            var sw = Stopwatch.StartNew();
            using var prepared = CustomerAggregateSnapshots.Prepare(ws, days, pass, inProcess);
            double seconds = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var table = CustomerFeatureTable.Build(ws, days[0], FeatureTableOptions.Default with { Aggregates = prepared });
            double features = sw.Elapsed.TotalSeconds;
            // The pass writes its aggregates table only when something reads it by SQL: here, for the fingerprint.
            sw.Restart();
            prepared.EnsureTable();
            double written = sw.Elapsed.TotalSeconds;
            long rows = ws.Scalar<long>($"SELECT count(*) FROM {CustomerAggregateSnapshots.TableName}");
            long dayRows = ws.Scalar<long>($"SELECT count(*) FROM {prepared.DaysTable}");
            // Order-free fingerprints of both tables.
            string fingerprint = ws.Scalar<string>($"SELECT CAST(sum(hash(t)) AS VARCHAR) FROM {CustomerAggregateSnapshots.TableName} t")
                + " / " + ws.Scalar<string>($"SELECT CAST(sum(hash(t)) AS VARCHAR) FROM {prepared.DaysTable} t");
            output.WriteLine($"   {(inProcess ? "pass" : "SQL ")}: {seconds:F2} s ({(prepared.InProcess ? "in process" : "statements")}); " +
                             $"then the feature table at {days[0]:yyyy-MM-dd} ({table.Rows.Count:N0} rows) {features:F2} s" +
                             (prepared.InProcess ? $"; the aggregates table written on demand {written:F2} s" : "") +
                             $"; {rows:N0} + {dayRows:N0} rows; fingerprint {fingerprint}");
        }
    }
}
