using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 3: satisfaction, repeat and referral rates and the before/after revenue per segment, and two trend charts.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Table">Per segment and all customers: CSAT, satisfied share, repeat rate, referral rate, baseline and evaluation
/// revenue, their change (* when revenue per customer changed significantly), market share.</param>
/// <param name="Note">What * and the windows mean; null without before/after windows.</param>
/// <param name="Trends">Revenue and repeat rate over the last (up to 12) periods, one line per segment shown.</param>
public sealed record SegmentKpisModel(string Heading, ReportTable Table, string? Note, IReadOnlyList<TrendChartModel> Trends)
{
    /// <summary>Periods drawn in the trend charts (at most).</summary>
    public const int TrendPeriods = 12;

    internal static SegmentKpisModel Create(ReportContext c)
    {
        var text = c.Text;
        var rows = c.Result.Segments.Select(s => s.Key).Append(KpiRow.AllCustomers).Select(key =>
        {
            var row = c.Latest(key);
            bool hide = c.Format.Suppress(row.Customers);
            var beforeAfter = c.Result.BeforeAfter.FirstOrDefault(x => x.Segment == key);
            var revenue = beforeAfter?.Changes.FirstOrDefault(x => x.Key == "revenue");
            var perCustomer = beforeAfter?.Changes.FirstOrDefault(x => x.Key == "revenue_per_customer");
            bool noRevenue = hide || revenue is null;
            return new ReportTableRow(
            [
                c.SegmentName(key),
                ReportContext.Unless(hide, ReportFormat.Number(row.MeanCsat)),
                ReportContext.Unless(hide, ReportFormat.Percent(row.SatisfiedShare)),
                ReportContext.Unless(hide, ReportFormat.Percent(row.RepeatPurchaseRate)),
                ReportContext.Unless(hide, ReportFormat.Number(row.ReferralRate, 3)),
                ReportContext.Unless(noRevenue, ReportFormat.Money(revenue?.Reference)),
                ReportContext.Unless(noRevenue, ReportFormat.Money(revenue?.Current)),
                ReportContext.Unless(noRevenue, ReportFormat.Relative(revenue?.RelativeChange) + (perCustomer?.IsSignificant == true ? "*" : "")),
                ReportContext.Unless(hide, ReportFormat.Percent(row.MarketShare)),
            ]);
        });
        var table = c.Table(["segment", "csat", "satisfied", "repeat_rate", "referral", "revenue_before", "revenue_after", "change", "market_share"], rows);
        var windows = c.Result.Windows;
        string? note = windows is not null && windows.Periods.Count >= 2 ? text.Format("kpi_table_note", windows.Periods[0].Label, windows.Periods[1].Label) : null;
        return new SegmentKpisModel(text["s3"], table, note, TrendCharts(c));
    }

    /// <summary>Revenue and repeat rate of the segments shown (a repeat rate of a period with too few active customers is left out).</summary>
    private static IReadOnlyList<TrendChartModel> TrendCharts(ReportContext c)
    {
        var kpis = c.Result.Kpis;
        int periods = Math.Min(TrendPeriods, kpis.Periods.Count), first = kpis.Periods.Count - periods;
        IReadOnlyList<string> labels = [.. kpis.Periods.Skip(first).Select(p => p.Label)];
        var visible = c.Result.Segments.Where(s => !c.Suppressed(s.Key)).ToArray();
        IReadOnlyList<ChartSeries> Series(Func<KpiRow, double?> value) =>
            [.. visible.Select(s => new ChartSeries(c.Name(s), [.. Enumerable.Range(first, periods).Select(i => value(kpis.Row(s.Key, i)))]))];
        return
        [
            new TrendChartModel(c.Text.Format("trend_revenue", periods), labels, Series(r => r.Revenue), Percent: false),
            new TrendChartModel(c.Text.Format("trend_repeat", periods), labels, Series(r => c.Format.Suppress(r.ActiveCustomers) ? null : r.RepeatPurchaseRate), Percent: true),
        ];
    }
}
