namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 5: how customers moved between segments since the previous period.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Summary">Matched, up, down, stayed, new and lost customers in one sentence; null without a previous assignment.</param>
/// <param name="Heatmap">Row shares, rows of fewer than the minimum customers blank; null without a previous assignment.</param>
/// <param name="Table">Counts from (rows) to (columns); null without a previous assignment.</param>
/// <param name="Notice">Printed instead when there is no previous assignment.</param>
public sealed record MigrationModel(string Heading, string? Summary, HeatmapModel? Heatmap, ReportTable? Table, string Notice)
{
    internal static MigrationModel Create(ReportContext c)
    {
        var text = c.Text;
        if (c.Result.Migration is not { } m) return new MigrationModel(text["s5"], null, null, null, text["no_migration"]);
        string summary = text.Format("migration_summary", ReportFormat.Whole(m.Matched), ReportFormat.Whole(m.Upgraded), ReportFormat.Whole(m.Downgraded),
            ReportFormat.Whole(m.Stayed), ReportFormat.Whole(m.New.Sum()), ReportFormat.Whole(m.Lost.Sum()));
        IReadOnlyList<string> from = [.. m.FromSegments.Select(c.SegmentName)], to = [.. m.ToSegments.Select(c.SegmentName)];
        // A row of fewer than the minimum customers (stayed in the matrix or lost) is suppressed: blank in the heatmap.
        IReadOnlyList<double> Masked(double[] row, int i) =>
            m.Counts[i].Sum() + m.Lost[i] < c.Format.MinimumGroupSize ? [.. row.Select(_ => double.NaN)] : [.. row];
        IReadOnlyList<IReadOnlyList<double>> masked = [.. m.RowShares.Select(Masked)];
        var rows = from.Select((name, i) => new ReportTableRow([name, .. m.Counts[i].Select(n => n == 0 ? "0" : c.Format.Count(n))]));
        var table = new ReportTable([text["from_to"], .. to], [.. rows]);
        return new MigrationModel(text["s5"], summary, new HeatmapModel(text["migration_chart"], from, to, masked), table, text["no_migration"]);
    }
}
