using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 1: six KPI cards of all customers and three findings chosen from the numbers.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Cards">Customers, revenue, profit, repeat rate, CSAT and NPS, each with its changes.</param>
/// <param name="FindingsHeading">Heading of the findings.</param>
/// <param name="Findings">The largest mover, the best campaign, the biggest risk (or why there is none).</param>
public sealed record ExecutiveSummaryModel(string Heading, IReadOnlyList<KpiCardModel> Cards, string FindingsHeading, IReadOnlyList<string> Findings)
{
    private enum DeltaKind { Relative, Points, Absolute }

    /// <summary>Heading of <see cref="Intervals"/>.</summary>
    public string? IntervalsHeading { get; init; }

    /// <summary>One line per card with estimates (revenue, repeat rate, CSAT, NPS): the 95 % interval of its value and of its two
    /// changes, where they have one (the cards stay one number wide). Customers and profit are totals, printed without one.</summary>
    public IReadOnlyList<string> Intervals { get; init; } = [];

    internal static ExecutiveSummaryModel Create(ReportContext c)
    {
        var text = c.Text;
        var total = c.Latest(KpiRow.AllCustomers);
        var lastPeriod = c.Result.PeriodOverPeriod.FirstOrDefault(x => x.Segment == KpiRow.AllCustomers);
        var baseline = c.Result.BeforeAfter.FirstOrDefault(x => x.Segment == KpiRow.AllCustomers);
        (string Key, string Label, string Value, DeltaKind Kind)[] cards =
        [
            ("customers", text["customers"], c.Format.Count(total.Customers), DeltaKind.Relative),
            // The currency sign goes with the label: on a narrow card "¥419.5万" would break before 万.
            ("revenue", c.MoneyHeader("revenue"), ReportFormat.Compact(total.Revenue, c.Options.Language), DeltaKind.Relative),
            ("profit", c.MoneyHeader("profit"), ReportFormat.Compact(total.Profit, c.Options.Language), DeltaKind.Relative),
            ("repeat_purchase_rate", text["repeat_rate"], ReportFormat.Percent(total.RepeatPurchaseRate), DeltaKind.Points),
            ("csat_mean", text["csat"], ReportFormat.Number(total.MeanCsat), DeltaKind.Absolute),
            ("nps", text["nps"], ReportFormat.Number(total.Nps, 1), DeltaKind.Absolute),
        ];
        return new ExecutiveSummaryModel(text["s1"],
            [.. cards.Select(card =>
            {
                // A KPI the data cannot measure prints "n/a" and why, never a number (profit = revenue without a cost column).
                if (c.NotMeasured(card.Key) is { } reason) return new KpiCardModel(card.Label, text["na"], c.NotAvailable(reason), true) { Measured = false };
                var previous = lastPeriod?.Changes.FirstOrDefault(x => x.Key == card.Key);
                var before = baseline?.Changes.FirstOrDefault(x => x.Key == card.Key);
                return new KpiCardModel(card.Label, card.Value, text.Format("kpi_card_delta", Delta(previous, card.Kind), Delta(before, card.Kind)),
                    (previous?.AbsoluteChange ?? 0) >= 0);
            })],
            text["findings"], ChooseFindings(c))
        {
            IntervalsHeading = text["intervals_heading"],
            Intervals = IntervalLines(c, cards.Select(card => (card.Key, card.Label, card.Kind))),
        };
    }

    /// <summary>"Repeat rate: 70.2% (69.0%–71.4%); vs last period +1.8 pt (−0.5 pt, +4.1 pt); vs baseline …" for the cards that have
    /// intervals and are measured.</summary>
    private static IReadOnlyList<string> IntervalLines(ReportContext c, IEnumerable<(string Key, string Label, DeltaKind Kind)> cards)
    {
        var text = c.Text;
        var total = c.Intervals.Segment(KpiRow.AllCustomers);
        var lines = new List<string>();
        foreach (var (key, label, kind) in cards)
        {
            if (key is "customers" or "profit" || c.NotMeasured(key) is not null) continue;
            Func<double?, string> format = kind switch
            {
                DeltaKind.Points => ReportFormat.Points,
                DeltaKind.Absolute => v => (v >= 0 ? "+" : "") + ReportFormat.Number(v),
                _ => ReportFormat.Relative,
            };
            var parts = new List<string>();
            var level = key switch
            {
                "repeat_purchase_rate" => (Value: total.RepeatPurchaseRate, Format: (Func<double?, string>)ReportFormat.Percent),
                "csat_mean" => (total.MeanCsat, v => ReportFormat.Number(v)),
                "nps" => (total.Nps, v => ReportFormat.Number(v, 1)),
                _ => (null, ReportFormat.Percent),
            };
            if (level.Value is { } l && c.Bounds(l, level.Format) is { } lb) parts.Add(ReportContext.WithBounds(level.Format(l.Estimate), lb));
            foreach (var (comparison, id) in new[] { (ComparisonKind.PeriodOverPeriod, "interval_vs_last"), (ComparisonKind.BeforeAfter, "interval_vs_baseline") })
            {
                var change = c.Intervals.Change(comparison, KpiRow.AllCustomers, key);
                var interval = kind == DeltaKind.Relative ? change?.Relative : change?.Absolute;
                if (interval is not null && c.Bounds(interval, format) is { } b) parts.Add(text.Format(id, ReportContext.WithBounds(format(interval.Estimate), b)));
            }
            if (parts.Count > 0) lines.Add(text.Format("interval_line", label, string.Join(text["interval_separator"], parts)));
        }
        return lines;
    }

    /// <summary>Changes of counts and money as relative %, of rates in points, of scores (CSAT, NPS) as plain differences.</summary>
    private static string Delta(KpiChange? change, DeltaKind kind)
    {
        if (change?.AbsoluteChange is not { } abs) return ReportFormat.Dash;
        string mark = change.IsSignificant ? "*" : "";
        return kind switch
        {
            DeltaKind.Points => ReportFormat.Points(abs),
            DeltaKind.Absolute => (abs >= 0 ? "+" : "") + ReportFormat.Number(abs),
            _ => ReportFormat.Relative(change.RelativeChange),
        } + mark;
    }

    /// <summary>Three sentences from the numbers: the segment whose revenue moved most (groups shown only, on a positive
    /// revenue in both periods), the best campaign
    /// (significant first, then by incremental profit), the segment with the largest value at risk (groups shown only).</summary>
    private static IReadOnlyList<string> ChooseFindings(ReportContext c)
    {
        var text = c.Text;
        var list = new List<string>();
        var mover = c.Result.PeriodOverPeriod
            .Where(x => x.Segment != KpiRow.AllCustomers && !c.Suppressed(x.Segment))
            .Select(x => (x.Segment, Change: x.Changes.FirstOrDefault(k => k.Key == "revenue")))
            // A relative change is read as growth or decline of sales; on a base of zero or net refunds (a segment with returns
            // only, or no customers) it means nothing, so such a segment is never "the largest mover".
            .Where(x => x.Change?.RelativeChange is not null && x.Change.Reference > 0 && x.Change.Current >= 0)
            .OrderByDescending(x => Math.Abs(x.Change!.RelativeChange!.Value)).ThenBy(x => x.Segment, StringComparer.Ordinal).FirstOrDefault();
        if (mover.Change is { } m)
            list.Add(text.Format("finding_mover", c.SegmentName(mover.Segment),
                ReportContext.WithBounds(ReportFormat.Relative(m.RelativeChange), c.Bounds(c.Intervals.Change(ComparisonKind.PeriodOverPeriod, mover.Segment, "revenue")?.Relative, ReportFormat.Relative)),
                c.Money(m.Reference), c.Money(m.Current)));

        var best = c.Result.Campaigns.OrderByDescending(x => x.Conversion.IsSignificant).ThenByDescending(x => x.IncrementalProfit).FirstOrDefault();
        list.Add(best is null
            ? text["no_campaigns"]
            : text.Format("finding_campaign", best.Campaign.Name, ReportFormat.Points(best.Conversion.Estimate), ReportFormat.Points(best.Conversion.Lower),
                ReportFormat.Points(best.Conversion.Upper), text[best.Conversion.IsSignificant ? "significant" : "not_significant"],
                c.Money(best.IncrementalProfit), ReportFormat.Percent(best.Roi))
                // The best of this period may still have lost money: say so rather than let "best" read as "worth repeating".
                + (best.Roi < 0 ? text["finding_campaign_loss"] : ""));

        var risk = c.Result.ChurnRisk?.Segments.Where(s => s.Segment != KpiRow.AllCustomers && !c.Format.Suppress(s.Customers) && !c.Suppressed(s.Segment))
            .OrderByDescending(s => s.ValueAtRisk).ThenBy(s => s.Segment, StringComparer.Ordinal).FirstOrDefault();
        list.Add(risk is null
            ? text["no_churn"]
            : text.Format("finding_risk", c.SegmentName(risk.Segment), c.Format.Count(risk.AtRiskCustomers), ReportFormat.Percent(risk.AtRiskShare),
                // The value at risk's interval only when the at-risk count itself prints (it is the CLV of those customers).
                ReportContext.WithBounds(c.Money(risk.ValueAtRisk), c.Format.Suppress(risk.AtRiskCustomers) ? null : c.Bounds(c.Intervals.Segment(risk.Segment).ValueAtRisk, c.Money))));
        return [.. list];
    }
}
