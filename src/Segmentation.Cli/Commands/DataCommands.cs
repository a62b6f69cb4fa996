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
        var rejects = new Option<string>("--rejects") { Description = "Where to write the rejects CSV (file,row,column,rule,reason,value)", DefaultValueFactory = _ => "reports/rejects.csv" };
        var check = new Command("check", "Validate every table of a data directory: rows read = accepted + rejected, rejects with file, row, column and reason. Exit code 2 if an input cannot be read at all.")
        {
            data, asOf, key, rejects,
        };
        foreach (var option in import.All) check.Options.Add(option);
        check.SetAction(r => Program.Run(() =>
        {
            var options = import.Build(r, CommonOptions.ParseDate(r.GetValue(asOf), "--as-of") ?? DateTime.Today, r.GetValue(key));
            var report = Check(r.GetValue(data)!, options, r.GetValue(rejects)!);
            return report.Reconciles ? 0 : 3;
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
