using System.CommandLine;
using System.Globalization;
using Segmentation.Analytics.Data;
using Segmentation.Analytics.Features;

namespace Segmentation.Cli.Commands;

/// <summary>
/// The segmentation commands: <c>seg features</c>, <c>seg cluster</c>, <c>seg kselect</c>, <c>seg validate</c>,
/// <c>seg assign</c>, <c>seg profile</c>.
/// </summary>
internal static class ClusterCommands
{
    /// <summary>All six commands, to be added to the root command.</summary>
    public static IEnumerable<Command> Create() => [Features()];

    /// <summary><c>seg features --data DIR [--snapshot DATE] --out features.csv</c>.</summary>
    public static Command Features()
    {
        var data = CommonOptions.Data();
        var snapshot = new Option<string?>("--snapshot") { Description = "Snapshot day yyyy-MM-dd (default: the day of the last transaction)" };
        var output = new Option<string>("--out") { Description = "Output CSV: one row per customer, the columns of the feature catalog", Required = true };
        var average = new Option<bool>("--average-spend") { Description = "monetary = net spend per purchase occasion instead of net spend" };
        var schema = CommonOptions.Schema();
        var cmd = new Command("features", "The per-customer feature table (recency, frequency, monetary, behaviour, feedback, demographics) as CSV")
        {
            data, snapshot, output, average, schema,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            var snap = CommonOptions.ParseDate(r.GetValue(snapshot), "--snapshot");
            var ingest = CommonOptions.Ingest(snap ?? DateTime.Today, r.GetValue(schema), null);
            using var ws = CliOutput.Progress("reading " + r.GetValue(data), p => DataWorkspace.Load(r.GetValue(data)!, ingest, p));
            var day = snap ?? ws.Scalar<DateTime>("SELECT max(\"timestamp\") FROM transactions").Date;
            var table = CustomerFeatureTable.Build(ws, day, new FeatureTableOptions(r.GetValue(average) ? MonetaryMeasure.AveragePerOccasion : MonetaryMeasure.NetSpend));
            DataFrameCsv.Write(table, r.GetValue(output)!);
            CliOutput.Info(string.Create(CultureInfo.InvariantCulture, $"snapshot {day:yyyy-MM-dd}: {table.Rows.Count:N0} customers × {table.Columns.Count - 1} features written to {r.GetValue(output)}"));
            return 0;
        }));
        return cmd;
    }
}
