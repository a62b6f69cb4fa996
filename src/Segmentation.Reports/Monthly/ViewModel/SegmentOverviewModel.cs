using System.Text.RegularExpressions;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 2: every segment's size, shares and mean CLV with the total row, and a chart of the groups shown.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Table">Segment, description, customers, share, revenue share, profit share (only when cost is measured), mean CLV;
/// the last row is all customers.</param>
/// <param name="Chart">Customer and revenue shares of the segments that are not suppressed.</param>
/// <param name="Note">What is not measured and why (null when everything is).</param>
public sealed record SegmentOverviewModel(string Heading, ReportTable Table, ShareChartModel Chart, string? Note)
{
    /// <summary>What the brackets under the numbers are (95 % intervals; methods in the appendix).</summary>
    public string? IntervalNote { get; init; }

    /// <summary>The count clause the model's descriptions start with (sizes at fitting time, not today's): "1,346 customers (28%); "
    /// or "共 1,346 位客户（占 28%），".</summary>
    private static readonly Regex FittedCount = new(@"^\s*(\d[\d,]*\s+customers?\s*\(\d+(\.\d+)?\s*%\)\s*[;,]\s*|\u5171\s*\d[\d,]*\s*\u4F4D\u5BA2\u6237\uFF08\u5360\s*\d+(\.\d+)?\s*%\uFF09[\uFF0C,\uFF1B;]\s*)",
        RegexOptions.CultureInvariant);

    /// <summary>A model description without the segment's size at fitting time (the table prints today's size beside it).</summary>
    public static string WithoutFittedCount(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        string rest = FittedCount.Replace(description, "", 1);
        return rest.Length > 0 && rest != description ? char.ToUpperInvariant(rest[0]) + rest[1..] : rest;
    }

    internal static SegmentOverviewModel Create(ReportContext c)
    {
        var text = c.Text;
        var total = c.Latest(KpiRow.AllCustomers);
        var profiles = c.Run.Model.Segments.ToDictionary(s => s.Key, s => s);
        bool profit = c.NotMeasured("profit_share") is null;
        string Share(double part, double whole) => ReportFormat.Percent(ReportContext.Share(part, whole));
        var rows = c.Result.Segments.Select(s =>
        {
            var row = c.Latest(s.Key);
            bool hide = c.Suppressed(s.Key);
            string description = profiles.TryGetValue(s.Key, out var d) ? WithoutFittedCount(c.Pick(d.DescriptionZh, d.DescriptionEn)) : "";
            // Intervals only under numbers that print: not for a hidden or small group, nor for an empty one (nothing estimated).
            var ci = c.Intervals.Segment(s.Key);
            bool estimate = !hide && !c.Format.Suppress(row.Customers);
            string? Ci(Analytics.Statistics.Intervals.Interval? interval, Func<double?, string> format) => estimate ? c.Bounds(interval, format) : null;
            return new ReportTableRow(
            [
                c.Name(s),
                description,
                c.Customers(s.Key),
                ReportContext.Unless(hide, Share(row.Customers, total.Customers)),
                ReportContext.Unless(hide, Share(row.Revenue, total.Revenue)),
                .. profit ? [ReportContext.Unless(hide, Share(row.Profit, total.Profit))] : Array.Empty<string>(),
                ReportContext.Unless(hide, ReportFormat.Money(row.LifetimeValueMean)),
            ])
            {
                Intervals = [null, null, Ci(ci.Customers, ReportFormat.Money), estimate ? c.PercentBounds(ci.Share) : null, estimate ? c.PercentBounds(ci.RevenueShare) : null,
                    .. profit ? [null] : Array.Empty<string?>(), Ci(ci.MeanLifetimeValue, ReportFormat.Money)],
            };
        }).Append(new ReportTableRow(
        [
            text["all_customers"], "", c.Format.Count(total.Customers),
            ReportFormat.Percent(1), ReportFormat.Percent(1), .. profit ? [ReportFormat.Percent(1)] : Array.Empty<string>(), ReportFormat.Money(total.LifetimeValueMean),
        ])
        {
            Intervals = [null, null, null, null, null, .. profit ? [null] : Array.Empty<string?>(),
                c.Bounds(c.Intervals.Segment(KpiRow.AllCustomers).MeanLifetimeValue, ReportFormat.Money)],
        });
        string[] header = ["segment", "description", "customers", "share", "revenue_share", .. profit ? ["profit_share"] : Array.Empty<string>()];
        var table = new ReportTable([.. header.Select(id => text[id]), c.MoneyHeader("clv")], [.. rows]);

        var shown = c.Result.Segments.Where(s => !c.Suppressed(s.Key) && c.Latest(s.Key).Customers > 0).ToArray();
        var chart = new ShareChartModel(text["chart_sizes"], [.. shown.Select(c.Name)],
            [.. shown.Select(s => ReportContext.Share(c.Latest(s.Key).Customers, total.Customers) ?? 0)],
            [.. shown.Select(s => ReportContext.Share(c.Latest(s.Key).Revenue, total.Revenue) ?? 0)],
            text["customer_share_series"], text["revenue_share"]);
        string? note = profit ? null : text.Format("not_measured", text.Format("not_measured_item", text["profit_share"], c.NotMeasured("profit_share")));
        return new SegmentOverviewModel(text["s2"], table, chart, note) { IntervalNote = text["intervals_note"] };
    }
}
