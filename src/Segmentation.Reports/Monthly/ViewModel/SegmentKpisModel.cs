using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 3: satisfaction, repeat and referral rates and the before/after revenue per segment, and two trend charts.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Columns">The ids of the table's columns (a KPI the data cannot measure has no column).</param>
/// <param name="Table">Per segment and all customers: CSAT, satisfied share, repeat rate, referral rate, baseline and evaluation
/// revenue, their change (* when revenue per customer changed significantly), market share — the measured ones.</param>
/// <param name="Note">What * means and the two windows with their lengths; why there is no comparison; null without a management start.</param>
/// <param name="NotMeasured">Which KPIs are left out and why; null when every one is measured.</param>
/// <param name="Trends">Revenue and repeat rate over the last (up to 12) periods, one line per segment shown.</param>
/// <param name="TrendNote">Months without data and partial months in the trends; null when every month has data.</param>
public sealed record SegmentKpisModel(string Heading, IReadOnlyList<string> Columns, ReportTable Table, string? Note, string? NotMeasured,
                                      IReadOnlyList<TrendChartModel> Trends, string? TrendNote)
{
    /// <summary>What the brackets under the numbers are (95 % intervals; methods in the appendix).</summary>
    public string? IntervalNote { get; init; }

    /// <summary>Periods drawn in the trend charts (at most).</summary>
    public const int TrendPeriods = 12;

    internal static SegmentKpisModel Create(ReportContext c)
    {
        var text = c.Text;
        (string Id, string Kpi)[] optional = [("csat", "csat_mean"), ("satisfied", "satisfied_share"), ("referral", "referral_rate"), ("market_share", "market_share")];
        var missing = optional.Where(o => c.NotMeasured(o.Kpi) is not null).ToArray();
        bool Has(string id) => missing.All(m => m.Id != id);
        string[] columns = ["segment", .. new[] { "csat", "satisfied", "repeat_rate", "referral", "revenue_before", "revenue_after", "change", "market_share" }.Where(Has)];
        // A rate's interval gives its denominator back: none where active customers or CSAT responses are hidden (small or complement).
        var hiddenActive = c.HiddenDenominators(x => x.ActiveCustomers);
        var hiddenCsat = c.HiddenDenominators(x => x.CsatResponses);
        var rows = c.Result.Segments.Select(s => s.Key).Append(KpiRow.AllCustomers).Select(key =>
        {
            var row = c.Latest(key);
            bool hide = c.Suppressed(key);
            var beforeAfter = c.Result.BeforeAfter.FirstOrDefault(x => x.Segment == key);
            var revenue = beforeAfter?.Changes.FirstOrDefault(x => x.Key == "revenue");
            var perCustomer = beforeAfter?.Changes.FirstOrDefault(x => x.Key == "revenue_per_customer");
            bool noRevenue = hide || revenue is null;
            var cells = new Dictionary<string, string>
            {
                ["segment"] = c.SegmentName(key),
                ["csat"] = ReportContext.Unless(hide, ReportFormat.Number(row.MeanCsat)),
                ["satisfied"] = ReportContext.Unless(hide, ReportFormat.Percent(row.SatisfiedShare)),
                ["repeat_rate"] = ReportContext.Unless(hide, ReportFormat.Percent(row.RepeatPurchaseRate)),
                ["referral"] = ReportContext.Unless(hide, ReportFormat.Number(row.ReferralRate, 3)),
                ["revenue_before"] = ReportContext.Unless(noRevenue, ReportFormat.Money(revenue?.Reference)),
                ["revenue_after"] = ReportContext.Unless(noRevenue, ReportFormat.Money(revenue?.Current)),
                ["change"] = ReportContext.Unless(noRevenue, ReportFormat.Relative(revenue?.RelativeChange) + (perCustomer?.IsSignificant == true ? "*" : "")),
                ["market_share"] = ReportContext.Unless(hide, ReportFormat.Percent(row.MarketShare)),
            };
            var ci = c.Intervals.Segment(key);
            var revenueChange = c.Intervals.Change(ComparisonKind.BeforeAfter, key, "revenue")?.Relative;
            var bounds = new Dictionary<string, string?>
            {
                ["csat"] = hide || hiddenCsat.Contains(key) ? null : c.Bounds(ci.MeanCsat, v => ReportFormat.Number(v)),
                ["satisfied"] = hide || hiddenCsat.Contains(key) ? null : c.PercentBounds(ci.SatisfiedShare),
                ["repeat_rate"] = hide || hiddenActive.Contains(key) ? null : c.PercentBounds(ci.RepeatPurchaseRate),
                ["change"] = noRevenue ? null : c.Bounds(revenueChange, ReportFormat.Relative),
            };
            return new ReportTableRow([.. columns.Select(id => cells[id])]) { Intervals = [.. columns.Select(id => bounds.GetValueOrDefault(id))] };
        });
        var table = new ReportTable([.. columns.Select(id => id is "revenue_before" or "revenue_after" ? c.MoneyHeader(id) : text[id])], [.. rows]);
        string? notMeasured = missing.Length == 0 ? null
            : text.Format("not_measured", string.Join(text["list_separator"], missing.Select(m => text.Format("not_measured_item", text[m.Id], c.NotMeasured(m.Kpi)))));
        return new SegmentKpisModel(text["s3"], columns, table, WindowsNote(c), notMeasured, TrendCharts(c), TrendGaps(c)) { IntervalNote = text["intervals_note"] };
    }

    /// <summary>The two windows with their lengths in months (the same: like for like) and where the data begin.</summary>
    private static string? WindowsNote(ReportContext c)
    {
        var text = c.Text;
        if (c.Result.Options.ManagementStart is null) return null;
        var windows = c.Result.Windows;
        if (windows is null || windows.Periods.Count < 2) return text["no_baseline"];
        var (before, after) = (windows.Periods[0], windows.Periods[1]);
        string start = c.Coverage.FirstTransaction is { } first
            ? text.Format("data_start_clause", first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : "";
        return text.Format("kpi_windows_note", before.Label, before.Months, after.Label, after.Months, start);
    }

    /// <summary>Months of the trend charts before the first transaction (no data, not zero) or partial.</summary>
    private static string? TrendGaps(ReportContext c)
    {
        var kpis = c.Result.Kpis;
        int periods = Math.Min(TrendPeriods, kpis.Periods.Count), first = kpis.Periods.Count - periods;
        bool gaps = kpis.Periods.Skip(first).Any(p => c.Coverage.BeforeData(p.Start) || c.Coverage.Partial(p.Start));
        return gaps && c.Coverage.FirstTransaction is { } day
            ? c.Text.Format("trend_note", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>Revenue and repeat rate of the segments shown (a repeat rate of a period with too few active customers is left out;
    /// months before the first transaction have no value, a partial month is marked †).</summary>
    private static IReadOnlyList<TrendChartModel> TrendCharts(ReportContext c)
    {
        var kpis = c.Result.Kpis;
        int periods = Math.Min(TrendPeriods, kpis.Periods.Count), first = kpis.Periods.Count - periods;
        IReadOnlyList<string> labels = [.. kpis.Periods.Skip(first).Select(p => c.Coverage.Partial(p.Start) ? c.Text.Format("partial_month", p.Label) : p.Label)];
        var visible = c.Result.Segments.Where(s => !c.Suppressed(s.Key) && c.Latest(s.Key).Customers > 0).ToArray();
        IReadOnlyList<ChartSeries> Series(Func<KpiRow, double?> value) =>
            [.. visible.Select(s => new ChartSeries(c.Name(s), [.. Enumerable.Range(first, periods)
                .Select(i => c.Coverage.BeforeData(kpis.Periods[i].Start) ? null : value(kpis.Row(s.Key, i)))]))];
        return
        [
            new TrendChartModel(c.Text.Format("trend_revenue", periods), labels, Series(r => r.Revenue), Percent: false),
            new TrendChartModel(c.Text.Format("trend_repeat", periods), labels, Series(r => c.Format.Suppress(r.ActiveCustomers) ? null : r.RepeatPurchaseRate), Percent: true),
        ];
    }
}
