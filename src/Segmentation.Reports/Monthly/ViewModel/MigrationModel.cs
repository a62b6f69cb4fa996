using System.Globalization;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 5: how customers moved between segments since the previous period.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Summary">Matched, up, down, stayed, new and lost customers in one sentence; null without a previous assignment.</param>
/// <param name="Heatmap">Row shares, hidden cells blank; null without a previous assignment.</param>
/// <param name="Table">Counts from (rows) to (columns), hidden cells as the suppression mark; null without a previous assignment.</param>
/// <param name="Notice">Printed instead when there is no previous assignment.</param>
/// <param name="Lineage">When the model is a refit with lineage (<see cref="Segmentation.Analytics.Models.SegmentationModel.PreviousModel"/>): one sentence naming the
/// segments it continued, the new ones and the retired ones (new ones are also marked in the heatmap and table labels); else null.</param>
public sealed record MigrationModel(string Heading, string? Summary, HeatmapModel? Heatmap, ReportTable? Table, string Notice, string? Lineage = null)
{
    /// <summary>What the brackets under the shares are (95 % Clopper-Pearson intervals); null without a migration.</summary>
    public string? IntervalNote { get; init; }

    internal static MigrationModel Create(ReportContext c)
    {
        var text = c.Text;
        var lineage = LineageSentence(c);
        if (c.Result.Migration is not { } m) return new MigrationModel(text["s5"], null, null, null, text["no_migration"], lineage);
        int k = c.Format.MinimumGroupSize;
        // Up + down + stayed = matched, and new/lost are printed totals: a small one is hidden with a complement.
        long[] moves = [m.Upgraded, m.Downgraded, m.Stayed];
        var hiddenMoves = SmallGroupSuppression.Line(moves, k);
        string Move(int i) => hiddenMoves[i] ? (c.Format.Suppress(moves[i]) ? c.Format.Count(moves[i]) : ReportFormat.Dash) : ReportFormat.Whole(moves[i]);
        string Total(long n) => n > 0 && c.Format.Suppress(n) ? c.Format.Count(n) : ReportFormat.Whole(n);
        string summary = text.Format("migration_summary", ReportFormat.Whole(m.Matched), Move(0), Move(1), Move(2), Total(m.New.Sum()), Total(m.Lost.Sum()));
        IReadOnlyList<string> from = [.. m.FromSegments.Select(k => Label(c, k))], to = [.. m.ToSegments.Select(k => Label(c, k))];
        // Every cell under the minimum, and complements so that no row or column (whose totals the shares and the segment sizes
        // give away) hides a single count: blank in the heatmap, "<10" or the dash in the table.
        var hidden = SmallGroupSuppression.Matrix([.. m.Counts.Select(r => (IReadOnlyList<long>)r)], k);
        var shares = m.RowShares;
        // A row hidden whole (its only positive count small) shows no share at all: its shares would give its total away.
        IReadOnlyList<IReadOnlyList<double>> masked = [.. shares.Select((row, i) => (IReadOnlyList<double>)[.. row.Select((v, j) => hidden[i][j] || hidden[i].All(h => h) ? double.NaN : v)])];
        string Cell(long n, bool hide) => !hide ? ReportFormat.Whole(n) : c.Format.Suppress(n) && n > 0 ? c.Format.Count(n) : ReportFormat.Dash;
        var rows = from.Select((name, i) => new ReportTableRow([name, .. m.Counts[i].Select((n, j) => Cell(n, hidden[i][j]))]));
        var table = new ReportTable([text["from_to"], .. to], [.. rows]);
        // Under each printed share its interval (Clopper-Pearson); none under a hidden cell. The bounds depend on the cell's count and its
        // row's total (customers of the row's segment then, lost ones included): the total is published through the shares when the row
        // shows a positive share, and never printed when it is under the minimum, so only such rows carry intervals (a row of zeros
        // would otherwise give its small total back through the width of "0%").
        var rates = c.Intervals.MigrationRates;
        bool RowTold(int i) => m.Counts[i].Sum() + m.Lost[i] >= k && masked[i].Any(v => double.IsFinite(v) && v > 0);
        static string Percent(double? x) => x is { } v && v * 100 is >= 10 and <= 90 ? ReportFormat.Number(v * 100, 0) : ReportFormat.Number(x * 100, 1);
        IReadOnlyList<IReadOnlyList<string?>>? intervals = rates is null ? null : [.. masked.Select((row, i) => (IReadOnlyList<string?>)[.. row.Select((v, j) =>
            double.IsFinite(v) && RowTold(i) ? c.Bounds(rates[i][j], Percent) : null)])];
        return new MigrationModel(text["s5"], summary, new HeatmapModel(text["migration_chart"], from, to, masked) { Intervals = intervals }, table, text["no_migration"], lineage)
            { IntervalNote = text["migration_intervals_note"] };
    }

    /// <summary>A segment's name, marked new when the model is a refit and the segment continues none of the previous model's.</summary>
    private static string Label(ReportContext c, string key) =>
        c.Run.Model.PreviousModel is not null && c.Run.Model.Segments.FirstOrDefault(s => s.Key == key) is { MatchedFrom: null }
            ? c.Text.Format("lineage_new_mark", c.SegmentName(key)) : c.SegmentName(key);

    /// <summary>Continued, new and retired segments of a refit, by name; null for a model fitted afresh.</summary>
    private static string? LineageSentence(ReportContext c)
    {
        var model = c.Run.Model;
        if (model.PreviousModel is not { } previous) return null;
        var text = c.Text;
        string List(IEnumerable<string> names) => names.ToArray() is { Length: > 0 } all ? string.Join(text["lineage_separator"], all) : text["lineage_none"];
        var continued = model.Segments.Where(s => s.MatchedFrom is not null).ToArray();
        var fresh = model.Segments.Where(s => s.MatchedFrom is null).ToArray();
        var retired = model.RetiredSegments ?? [];
        // A model fitted outside the monthly job (seg cluster on a feature file) does not know its snapshot: the date is left out.
        string Day(DateOnly? d) => d is { } day ? text.Format("lineage_data_to", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "";
        return text.Format("lineage_summary", Day(previous.TrainingSnapshot), Day(model.TrainingSnapshot),
            continued.Length, List(continued.Select(s => c.Pick(s.NameZh, s.NameEn))), fresh.Length, List(fresh.Select(s => c.Pick(s.NameZh, s.NameEn))),
            retired.Count, List(retired.Select(r => c.Pick(r.NameZh, r.NameEn))));
    }
}
