using System.CommandLine;
using System.Globalization;
using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Cli.Commands;

/// <summary><c>seg data check</c>: validate a data directory, print the reconciliation, write the rejects file.</summary>
internal static class DataCommands
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var asOf = CommonOptions.AsOf();
        var import = ImportOptions.Create();
        var key = CommonOptions.KeyFile();
        var maxShare = new Option<double>("--max-reject-share") { Description = "Exit code 5 when more than this share of the rows or of the money of a table is rejected", DefaultValueFactory = _ => 0.05 };
        var rejects = new Option<string>("--rejects") { Description = "Where to write the rejects CSV (file,row,column,rule,reason,value)", DefaultValueFactory = _ => "reports/rejects.csv" };
        var check = new Command("check", "Validate every table of a data directory: rows read = accepted + rejected, rejects with file, row, column and reason. Exit code 2 if an input cannot be read at all, 3 if counts or money do not reconcile, 5 if more than --max-reject-share of the rows or money of a table is rejected.")
        {
            data, asOf, key, rejects, maxShare,
        };
        foreach (var option in import.All) check.Options.Add(option);
        check.SetAction(r => Program.Run(() =>
        {
            var options = import.Build(r, CommonOptions.ParseDate(r.GetValue(asOf), "--as-of") ?? DateTime.Today, r.GetValue(key));
            var report = Check(r.GetValue(data)!, options, r.GetValue(rejects)!);
            if (!report.Reconciles) return 3;
            double limit = r.GetValue(maxShare);
            if (limit is < 0 or > 1 || double.IsNaN(limit)) throw new UsageException($"--max-reject-share {limit.ToString(CultureInfo.InvariantCulture)} is not a share between 0 and 1.");
            return TooManyRejects(report, limit) ? 5 : 0;
        }));
        return new Command("data", "Data quality: read, validate, reject, reconcile") { check };
    }

    public static IngestReport Check(string dataDirectory, IngestOptions options, string rejectsPath)
    {
        using var ws = CliOutput.Progress("validating " + dataDirectory, p => DataWorkspace.Load(dataDirectory, options, p));
        var report = ws.Report;
        PrintReport(report);
        var dir = Path.GetDirectoryName(Path.GetFullPath(rejectsPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        report.WriteRejects(rejectsPath);
        CliOutput.Info($"{report.Rejects.Count()} rejected rows and {report.Tables.Sum(t => t.FieldRejects.Count)} cleared fields written to {rejectsPath}");
        return report;
    }

    /// <summary>True (and the top reasons printed) when a table rejects more than <paramref name="limit"/> of its rows or money.</summary>
    public static bool TooManyRejects(IngestReport report, double limit)
    {
        var inv = CultureInfo.InvariantCulture;
        bool tooMany = false;
        foreach (var t in report.Tables)
        {
            double rows = t.RowsRead == 0 ? 0 : (double)t.Rejects.Count / t.RowsRead;
            double money = t.Amounts?.RejectedShare ?? 0;
            if (rows <= limit && money <= limit) continue;
            tooMany = true;
            var top = string.Join("; ", t.RejectsByRule.OrderByDescending(kv => kv.Value).Take(3).Select(kv => $"{kv.Key} {kv.Value.ToString("N0", inv)} rows"));
            CliOutput.Error($"{t.Table}: {(100 * rows).ToString("F1", inv)} % of the rows and {(100 * money).ToString("F1", inv)} % of the money rejected, more than --max-reject-share {(100 * limit).ToString("F1", inv)} %; top reasons: {top}");
        }
        return tooMany;
    }

    public static void PrintReport(IngestReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        CliOutput.Table($"Data check (as of {report.AsOf:yyyy-MM-dd})",
            ["table", "file", "encoding", "read", "accepted", "rejected", "reconciles"],
            report.Tables.Select(t => (IReadOnlyList<string>)[t.Table, Path.GetFileName(t.File), t.Encoding, t.RowsRead.ToString("N0", inv), t.RowsAccepted.ToString("N0", inv), t.Rejects.Count.ToString("N0", inv), t.Reconciles ? "yes" : "NO"]),
            new HashSet<int> { 3, 4, 5 });
        var byRule = report.Tables.SelectMany(t => t.RejectsByRule.Select(kv => (t.Table, kv.Key, kv.Value))).ToArray();
        if (byRule.Length > 0)
            CliOutput.Table("Rejected rows by rule", ["table", "rule", "rows", "example"],
                byRule.Select(x => (IReadOnlyList<string>)[x.Table, x.Key, x.Value.ToString("N0", inv),
                    report.For(x.Table)!.Rejects.First(r => r.Rule == x.Key) is var e ? $"row {e.Row}: {e.Reason}" : ""]),
                new HashSet<int> { 2 });
        foreach (var t in report.Tables.Where(t => t.Amounts is not null))
        {
            var a = t.Amounts!;
            static string Money(double v) => v.ToString("N2", CultureInfo.InvariantCulture);
            var lines = a.Flows.Where(f => f.Read.Rows > 0).Select(f => (IReadOnlyList<string>)[f.Kind, f.Read.Rows.ToString("N0", inv), Money(f.Read.Amount),
                f.Accepted.Rows.ToString("N0", inv), Money(f.Accepted.Amount), f.Rejected.Rows.ToString("N0", inv), Money(f.Rejected.Amount), f.Reconciles ? "yes" : "NO"]).ToList();
            lines.Add(["total", a.Read.Rows.ToString("N0", inv), Money(a.Read.Amount), a.Accepted.Rows.ToString("N0", inv), Money(a.Accepted.Amount),
                a.Rejected.Rows.ToString("N0", inv), Money(a.Rejected.Amount), a.Reconciles ? "yes" : "NO"]);
            if (a.Anonymous.Rows > 0) lines.Add(["  of which anonymous (no customer id)", "", "", "", "", a.Anonymous.Rows.ToString("N0", inv), Money(a.Anonymous.Amount), ""]);
            if (a.RowsWithoutAmount > 0) lines.Add(["rejected without a readable amount", "", "", "", "", a.RowsWithoutAmount.ToString("N0", inv), "n/a", ""]);
            CliOutput.Table($"Money of {t.Table} (read = accepted + rejected){(t.Records is { } n ? $"; accepted lines form {n.ToString("N0", inv)} transactions" : "")}",
                ["amounts", "read rows", "read", "accepted rows", "accepted", "rejected rows", "rejected", "reconciles"], lines, new HashSet<int> { 1, 2, 3, 4, 5, 6 });
        }
        var fieldRules = report.Tables.SelectMany(t => t.FieldRejects.GroupBy(f => (f.Column, f.Rule)).Select(g => (t.Table, g.Key.Column, g.Key.Rule, Rows: g.Count(), Example: g.First()))).ToArray();
        if (fieldRules.Length > 0)
            CliOutput.Table("Fields left missing (the rows are kept)", ["table", "column", "rule", "rows", "example"],
                fieldRules.Select(x => (IReadOnlyList<string>)[x.Table, x.Column, x.Rule, x.Rows.ToString("N0", inv), $"row {x.Example.Row}: {x.Example.Reason}"]),
                new HashSet<int> { 3 });
        foreach (var w in report.Tables.SelectMany(t => t.Warnings.Select(w => (t.Table, w))))
            CliOutput.Info($"{w.Table}: warning: {w.w.Column}: {w.w.Message}");
        foreach (var t in report.Tables.Where(t => t.IdentifierColumns.Count > 0))
            CliOutput.Info($"{t.Table}: identifier columns not read: {string.Join(", ", t.IdentifierColumns)}");
        foreach (var t in report.Tables.Where(t => t.IgnoredColumns.Count > 0))
            CliOutput.Info($"{t.Table}: columns not in the data model (not read): {string.Join(", ", t.IgnoredColumns)}");
        CliOutput.Info($"total: read {report.RowsRead.ToString("N0", inv)} = accepted {report.RowsAccepted.ToString("N0", inv)} + rejected {report.Rejects.Count().ToString("N0", inv)} → {(report.Reconciles ? "reconciles" : "DOES NOT RECONCILE")}");
    }
}
