using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 2: every segment's size, shares and mean CLV with the total row, and a chart of the groups shown.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Table">Segment, description, customers, share, revenue share, profit share, mean CLV; the last row is all customers.</param>
/// <param name="Chart">Customer and revenue shares of the segments that are not suppressed.</param>
public sealed record SegmentOverviewModel(string Heading, ReportTable Table, ShareChartModel Chart)
{
    internal static SegmentOverviewModel Create(ReportContext c)
    {
        var text = c.Text;
        var total = c.Latest(KpiRow.AllCustomers);
        var profiles = c.Run.Model.Segments.ToDictionary(s => s.Key, s => s);
        string Share(double part, double whole) => ReportFormat.Percent(ReportContext.Share(part, whole));
        var rows = c.Result.Segments.Select(s =>
        {
            var row = c.Latest(s.Key);
            bool hide = c.Format.Suppress(row.Customers);
            return new ReportTableRow(
            [
                c.Name(s),
                profiles.TryGetValue(s.Key, out var d) ? c.Pick(d.DescriptionZh, d.DescriptionEn) : "",
                c.Format.Count(row.Customers),
                ReportContext.Unless(hide, Share(row.Customers, total.Customers)),
                ReportContext.Unless(hide, Share(row.Revenue, total.Revenue)),
                ReportContext.Unless(hide, Share(row.Profit, total.Profit)),
                ReportContext.Unless(hide, ReportFormat.Money(row.LifetimeValueMean)),
            ]);
        }).Append(new ReportTableRow(
        [
            text["all_customers"], "", c.Format.Count(total.Customers),
            ReportFormat.Percent(1), ReportFormat.Percent(1), ReportFormat.Percent(1), ReportFormat.Money(total.LifetimeValueMean),
        ]));
        var table = c.Table(["segment", "description", "customers", "share", "revenue_share", "profit_share", "clv"], rows);

        var shown = c.Result.Segments.Where(s => !c.Suppressed(s.Key)).ToArray();
        var chart = new ShareChartModel(text["chart_sizes"], [.. shown.Select(c.Name)],
            [.. shown.Select(s => ReportContext.Share(c.Latest(s.Key).Customers, total.Customers) ?? 0)],
            [.. shown.Select(s => ReportContext.Share(c.Latest(s.Key).Revenue, total.Revenue) ?? 0)],
            text["customer_share_series"], text["revenue_share"]);
        return new SegmentOverviewModel(text["s2"], table, chart);
    }
}
