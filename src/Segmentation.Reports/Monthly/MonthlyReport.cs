using System.Globalization;
using Segmentation.Analytics.Evaluation;
using Segmentation.Reports.Composition;
using SkiaSharp;

namespace Segmentation.Reports.Monthly;

/// <summary>
/// The monthly effect-evaluation report for management (客户细分管理效果评估报告): cover, executive summary, segment
/// overview, KPIs per segment, campaign and strategy effects, migration, churn warning and an appendix — every number
/// straight from <see cref="MonthlyEvaluation"/>, groups under the minimum size suppressed, no customer ids.
/// </summary>
public sealed class MonthlyReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly MonthlyEvaluation run;
    private readonly EvaluationResult result;
    private readonly ReportLanguage lang;
    private readonly ReportFormat format;
    // Six KPI cards share a row of an A4 page: values such as "419.5万" must fit on one line.
    private readonly Theme theme = Theme.Default with { KpiValueSize = 15 };
    private readonly ExperimentSection? experiment;

    /// <summary>A report of <paramref name="run"/> in <paramref name="language"/>, with an optional section on a randomised experiment.</summary>
    public MonthlyReport(MonthlyEvaluation run, ReportLanguage language = ReportLanguage.Zh, ReportFormat? format = null, ExperimentSection? experiment = null)
    {
        this.experiment = experiment;
        this.run = run ?? throw new ArgumentNullException(nameof(run));
        result = run.Result;
        lang = language;
        this.format = format ?? new ReportFormat();
    }

    private string T(string key, params object[] args) => ReportText.Get(key, lang, args);

    private string Name(SegmentDefinition s) => lang == ReportLanguage.Zh ? s.NameZh : s.NameEn;

    private string SegmentName(string key) => key == KpiRow.AllCustomers
        ? T("all_customers")
        : result.Segments.FirstOrDefault(s => s.Key == key) is { } d ? Name(d) : key;

    private KpiPeriod ReportPeriod => result.Kpis.Periods[^1];

    /// <summary>Composes the document (nothing is drawn until it is generated).</summary>
    public ReportDocument Compose() => ReportDocument.Create(doc =>
    {
        var period = ReportPeriod;
        doc.Theme(theme);
        doc.Metadata(title: T("title") + " " + period.Label, author: "Segmentation.Analytics", subject: T("subtitle"),
            keywords: "segmentation;evaluation", creationDate: period.End.ToDateTime(TimeOnly.MinValue));
        doc.Page(page =>
        {
            page.Size(PageSizes.A4);
            page.Margin(42, 40, 42, 36);
            page.Header().Text(T("header", period.Label)).FontSize(theme.SmallSize).FontColor(theme.MutedText);
            page.Footer().Row(row =>
            {
                row.RelativeItem(3).Text(T("confidential", format.MinimumGroupSize)).FontSize(7).FontColor(theme.MutedText);
                row.RelativeItem(1).PageNumber(T("page")).FontSize(theme.SmallSize).AlignRight();
            });
            page.Content().Column(col =>
            {
                col.Spacing(8);
                Cover(col);
                Summary(col);
                Overview(col);
                SegmentKpis(col);
                Campaigns(col);
                Migration(col);
                Churn(col);
                if (experiment is not null) Experiment(col, experiment);
                Appendix(col);
            });
        });
    });

    /// <summary>Writes the PDF.</summary>
    public void GeneratePdf(string path) => Compose().GeneratePdf(path);

    private void Cover(ColumnDescriptor col)
    {
        var period = ReportPeriod;
        col.Item().Spacer(120);
        col.Item().Text(T("title")).FontSize(24).Bold().FontColor(theme.Accent);
        col.Item().Text(T("subtitle") + " · " + period.Label).FontSize(14);
        col.Item().Spacer(24);
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(1); c.Relative(3); });
            void Row(string k, string v) { t.Cell().Text(k).Bold(); t.Cell().Text(v); }
            Row(T("period"), $"{period.Label} ({period.Start:yyyy-MM-dd} – {period.End:yyyy-MM-dd})");
            Row(T("as_of"), run.DataQuality.AsOf.ToString("yyyy-MM-dd", Inv));
            Row(T("model"), $"v{run.Model.SchemaVersion} · {run.Model.Options.Method} k = {run.Model.Segments.Count} · sha256 {run.Model.Fingerprint[..12]}"
                + (run.Model.Sample is { } sample ? " · " + T("model_sample", sample.Rows.ToString("N0", CultureInfo.InvariantCulture), sample.Population.ToString("N0", CultureInfo.InvariantCulture), sample.Seed) : ""));
        });
        col.Item().Spacer(24);
        col.Item().Text(T("confidential", format.MinimumGroupSize)).Bold().FontColor(theme.Bad);
        col.Item().PageBreak();
    }

    private void Summary(ColumnDescriptor col)
    {
        col.Item().Heading(T("s1"), 1);
        var total = result.Kpis.Total(result.Kpis.Periods.Count - 1);
        var pop = result.PeriodOverPeriod.FirstOrDefault(c => c.Segment == KpiRow.AllCustomers);
        var ba = result.BeforeAfter.FirstOrDefault(c => c.Segment == KpiRow.AllCustomers);
        (string Key, string Label, string Value, DeltaKind Kind)[] cards =
        [
            ("customers", T("customers"), format.Count(total.Customers), DeltaKind.Relative),
            ("revenue", T("revenue"), ReportFormat.Compact(total.Revenue, lang), DeltaKind.Relative),
            ("profit", T("profit"), ReportFormat.Compact(total.Profit, lang), DeltaKind.Relative),
            ("repeat_purchase_rate", T("repeat_rate"), ReportFormat.Percent(total.RepeatPurchaseRate), DeltaKind.Points),
            ("csat_mean", T("csat"), ReportFormat.Number(total.MeanCsat), DeltaKind.Absolute),
            ("nps", T("nps"), ReportFormat.Number(total.Nps, 1), DeltaKind.Absolute),
        ];
        col.Item().Row(row =>
        {
            row.Spacing(6);
            foreach (var card in cards)
            {
                var prev = pop?.Changes.FirstOrDefault(c => c.Key == card.Key);
                var base_ = ba?.Changes.FirstOrDefault(c => c.Key == card.Key);
                string delta = $"{T("vs_prev")} {Delta(prev, card.Kind)}\n{T("vs_base")} {Delta(base_, card.Kind)}";
                row.RelativeItem().KpiCard(card.Label, card.Value, delta, (prev?.AbsoluteChange ?? 0) >= 0);
            }
        });
        col.Item().Heading(T("findings"), 2);
        foreach (var f in Findings()) col.Item().Paragraph("• " + f);
    }

    private enum DeltaKind { Relative, Points, Absolute }

    /// <summary>Changes of counts and money as relative %, of rates in points, of scores (CSAT, NPS) as plain differences.</summary>
    private static string Delta(KpiChange? change, DeltaKind kind)
    {
        if (change?.AbsoluteChange is not { } abs) return "–";
        string mark = change.IsSignificant ? "*" : "";
        return kind switch
        {
            DeltaKind.Points => ReportFormat.Points(abs),
            DeltaKind.Absolute => (abs >= 0 ? "+" : "") + ReportFormat.Number(abs),
            _ => ReportFormat.Relative(change.RelativeChange),
        } + mark;
    }

    /// <summary>Three sentences from the numbers: the largest mover, the best campaign, the biggest risk.</summary>
    public IReadOnlyList<string> Findings()
    {
        var list = new List<string>();
        var movers = result.PeriodOverPeriod
            .Where(c => c.Segment != KpiRow.AllCustomers && !format.Suppress(result.Kpis.Row(c.Segment, result.Kpis.Periods.Count - 1).Customers))
            .Select(c => (c.Segment, Change: c.Changes.FirstOrDefault(x => x.Key == "revenue")))
            .Where(x => x.Change?.RelativeChange is not null)
            .OrderByDescending(x => Math.Abs(x.Change!.RelativeChange!.Value)).ThenBy(x => x.Segment, StringComparer.Ordinal).FirstOrDefault();
        if (movers.Change is { } m)
            list.Add(lang == ReportLanguage.Zh
                ? $"变化最大的群体是「{SegmentName(movers.Segment)}」：销售额环比 {ReportFormat.Relative(m.RelativeChange)}（{ReportFormat.Money(m.Reference)} → {ReportFormat.Money(m.Current)}）。"
                : $"The largest mover is \"{SegmentName(movers.Segment)}\": revenue {ReportFormat.Relative(m.RelativeChange)} vs last period ({ReportFormat.Money(m.Reference)} → {ReportFormat.Money(m.Current)}).");
        var best = result.Campaigns.OrderByDescending(c => c.Conversion.IsSignificant).ThenByDescending(c => c.IncrementalProfit).FirstOrDefault();
        if (best is not null)
            list.Add(lang == ReportLanguage.Zh
                ? $"效果最好的活动是「{best.Campaign.Name}」：转化率提升 {ReportFormat.Points(best.Conversion.Estimate)}（95% CI {ReportFormat.Points(best.Conversion.Lower)} ~ {ReportFormat.Points(best.Conversion.Upper)}，{(best.Conversion.IsSignificant ? "显著" : "不显著")}），增量利润 {ReportFormat.Money(best.IncrementalProfit)}，ROI {ReportFormat.Percent(best.Roi)}。"
                : $"The best campaign is \"{best.Campaign.Name}\": conversion {ReportFormat.Points(best.Conversion.Estimate)} (95% CI {ReportFormat.Points(best.Conversion.Lower)} to {ReportFormat.Points(best.Conversion.Upper)}, {(best.Conversion.IsSignificant ? "significant" : "not significant")}), incremental profit {ReportFormat.Money(best.IncrementalProfit)}, ROI {ReportFormat.Percent(best.Roi)}.");
        else list.Add(T("no_campaigns"));
        var risk = result.ChurnRisk?.Segments.Where(s => s.Segment != KpiRow.AllCustomers && !format.Suppress(s.Customers))
            .OrderByDescending(s => s.ValueAtRisk).ThenBy(s => s.Segment, StringComparer.Ordinal).FirstOrDefault();
        if (risk is not null)
            list.Add(lang == ReportLanguage.Zh
                ? $"最大的风险在「{SegmentName(risk.Segment)}」：{format.Count(risk.AtRiskCustomers)} 位客户（{ReportFormat.Percent(risk.AtRiskShare)}）处于流失预警，风险价值 {ReportFormat.Money(risk.ValueAtRisk)}。"
                : $"The biggest risk is in \"{SegmentName(risk.Segment)}\": {format.Count(risk.AtRiskCustomers)} customers ({ReportFormat.Percent(risk.AtRiskShare)}) are at risk, value at risk {ReportFormat.Money(risk.ValueAtRisk)}.");
        else list.Add(T("no_churn"));
        return list;
    }

    private IEnumerable<SegmentDefinition> Segments => result.Segments;

    private void Overview(ColumnDescriptor col)
    {
        col.Item().Heading(T("s2"), 1);
        int last = result.Kpis.Periods.Count - 1;
        var total = result.Kpis.Total(last);
        var profiles = run.Model.Segments.ToDictionary(s => s.Key, s => s);
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(2.1f); c.Relative(3.4f); c.Relative(1.35f); c.Relative(1.1f); c.Relative(1.2f); c.Relative(1.1f); c.Relative(1.1f); });
            t.Header(h =>
            {
                foreach (var k in new[] { "segment", "description", "customers", "share", "revenue_share", "profit_share", "clv" }) h.Cell().Text(T(k));
            });
            t.ZebraStripes();
            foreach (var s in Segments)
            {
                var row = result.Kpis.Row(s.Key, last);
                bool hide = format.Suppress(row.Customers);
                t.Cell().Text(Name(s)).Bold();
                t.Cell().Text(profiles.TryGetValue(s.Key, out var d) ? (lang == ReportLanguage.Zh ? d.DescriptionZh : d.DescriptionEn) : "").FontSize(theme.SmallSize);
                t.Cell().Text(format.Count(row.Customers)).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Percent(Share(row.Customers, total.Customers))).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Percent(Share(row.Revenue, total.Revenue))).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Percent(Share(row.Profit, total.Profit))).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Money(row.LifetimeValueMean)).AlignRight();
            }
            t.Cell().Text(T("all_customers")).Bold();
            t.Cell().Text("");
            t.Cell().Text(format.Count(total.Customers)).AlignRight();
            t.Cell().Text("100.0%").AlignRight();
            t.Cell().Text("100.0%").AlignRight();
            t.Cell().Text("100.0%").AlignRight();
            t.Cell().Text(ReportFormat.Money(total.LifetimeValueMean)).AlignRight();
        });
        var shown = Segments.Where(s => !format.Suppress(result.Kpis.Row(s.Key, last).Customers)).ToArray();
        col.Item().Chart(ReportCharts.SegmentSizes(T("chart_sizes"), shown.Select(Name).ToArray(),
            shown.Select(s => Share(result.Kpis.Row(s.Key, last).Customers, total.Customers) ?? 0).ToArray(),
            shown.Select(s => Share(result.Kpis.Row(s.Key, last).Revenue, total.Revenue) ?? 0).ToArray(), T("share") + " · " + T("customers"), T("revenue_share")), 60 + 30 * shown.Length);
        Legend(col, [(T("share") + " · " + T("customers"), 0), (T("revenue_share"), 2)]);
    }

    private static double? Share(double part, double whole) => whole != 0 ? part / whole : null;

    private void SegmentKpis(ColumnDescriptor col)
    {
        col.Item().Heading(T("s3"), 1);
        int last = result.Kpis.Periods.Count - 1;
        var windows = result.Windows;
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(2.0f); c.Relative(0.8f); c.Relative(1.15f); c.Relative(1.0f); c.Relative(1.05f); c.Relative(1.5f); c.Relative(1.5f); c.Relative(1.1f); c.Relative(1.0f); });
            t.Header(h =>
            {
                h.Cell().Text(T("segment"));
                h.Cell().Text(T("csat"));
                h.Cell().Text(T("satisfied"));
                h.Cell().Text(T("repeat_rate"));
                h.Cell().Text(T("referral"));
                h.Cell().Text(T("revenue") + " " + T("before"));
                h.Cell().Text(T("revenue") + " " + T("after"));
                h.Cell().Text(T("change"));
                h.Cell().Text(T("market_share"));
            });
            t.ZebraStripes();
            foreach (var key in Segments.Select(s => s.Key).Append(KpiRow.AllCustomers))
            {
                var row = result.Kpis.Row(key, last);
                bool hide = format.Suppress(row.Customers);
                var ba = result.BeforeAfter.FirstOrDefault(c => c.Segment == key);
                var rev = ba?.Changes.FirstOrDefault(c => c.Key == "revenue");
                var rpc = ba?.Changes.FirstOrDefault(c => c.Key == "revenue_per_customer");
                t.Cell().Text(SegmentName(key)).Bold();
                t.Cell().Text(hide ? "–" : ReportFormat.Number(row.MeanCsat)).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Percent(row.SatisfiedShare)).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Percent(row.RepeatPurchaseRate)).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Number(row.ReferralRate, 3)).AlignRight();
                t.Cell().Text(hide || rev is null ? "–" : ReportFormat.Money(rev.Reference)).AlignRight();
                t.Cell().Text(hide || rev is null ? "–" : ReportFormat.Money(rev.Current)).AlignRight();
                t.Cell().Text(hide || rev is null ? "–" : ReportFormat.Relative(rev.RelativeChange) + (rpc?.IsSignificant == true ? "*" : "")).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Percent(row.MarketShare)).AlignRight();
            }
        });
        if (windows is not null && windows.Periods.Count >= 2)
            col.Item().Text(T("kpi_table_note", windows.Periods[0].Label, windows.Periods[1].Label)).FontSize(theme.SmallSize).FontColor(theme.MutedText);

        int periods = Math.Min(12, result.Kpis.Periods.Count);
        var labels = result.Kpis.Periods.Skip(result.Kpis.Periods.Count - periods).Select(p => p.Label).ToArray();
        var visible = Segments.Where(s => !format.Suppress(result.Kpis.Row(s.Key, last).Customers)).ToArray();
        IReadOnlyList<(string, double?[])> Series(Func<KpiRow, double?> value) => visible
            .Select(s => (Name(s), Enumerable.Range(result.Kpis.Periods.Count - periods, periods).Select(i => value(result.Kpis.Row(s.Key, i))).ToArray()))
            .ToArray();
        foreach (var (title, series, percent) in new[]
        {
            (T("trend_revenue", periods), Series(r => r.Revenue), false),
            (T("trend_repeat", periods), Series(r => format.Suppress(r.ActiveCustomers) ? null : r.RepeatPurchaseRate), true),
        })
        {
            col.Item().Chart(ReportCharts.Trend(title, labels, series, percent), 200);
            Legend(col, series.Select((x, i) => (x.Item1, i, x.Item2.Any(v => v is { } d && double.IsFinite(d)))).Where(x => x.Item3).Select(x => (x.Item1, x.i)).ToArray());
        }
    }

    /// <summary>A chart's legend as a line of text under it: a square in the series colour, then its name.</summary>
    private void Legend(ColumnDescriptor col, IReadOnlyList<(string Name, int Color)> items) =>
        col.Item().Padding(0, 0, 0, 6).Text(t =>
        {
            t.AlignCenter();
            foreach (var (name, color) in items)
            {
                t.Span("■ ").FontSize(theme.SmallSize).FontColor(ReportCharts.SkColorOf(color));
                t.Span(name + "    ").FontSize(theme.SmallSize);
            }
        });

    private void Campaigns(ColumnDescriptor col)
    {
        col.Item().PageBreak();
        col.Item().Heading(T("s4"), 1);
        if (result.Campaigns.Count == 0) col.Item().Paragraph(T("no_campaigns"));
        else
        {
            col.Item().Table(t =>
            {
                t.Columns(c => { c.Relative(2.2f); c.Relative(1.4f); c.Relative(1.3f); c.Relative(2.6f); c.Relative(1.1f); c.Relative(1.2f); c.Relative(1.1f); c.Relative(1.2f); c.Relative(1.2f); });
                t.Header(h => { foreach (var k in new[] { "campaign", "target", "treated_control", "conversion_uplift", "p_value", "incremental_profit", "cost", "roi", "evidence" }) h.Cell().Text(T(k)); });
                t.ZebraStripes();
                foreach (var c in result.Campaigns)
                {
                    bool hide = format.Suppress(c.TreatedCustomers) || format.Suppress(c.ControlCustomers);
                    t.Cell().Text(c.Campaign.Name).FontSize(theme.SmallSize);
                    t.Cell().Text(SegmentTarget(c.Campaign.TargetSegment)).FontSize(theme.SmallSize);
                    t.Cell().Text($"{format.Count(c.TreatedCustomers)}/{format.Count(c.ControlCustomers)}").AlignRight().FontSize(theme.SmallSize);
                    t.Cell().Text(hide ? "–" : $"{ReportFormat.Points(c.Conversion.Estimate)} [{ReportFormat.Points(c.Conversion.Lower)}, {ReportFormat.Points(c.Conversion.Upper)}]").AlignRight().FontSize(theme.SmallSize);
                    t.Cell().Text(hide ? "–" : ReportFormat.P(c.Conversion.PValue)).AlignRight().FontSize(theme.SmallSize);
                    t.Cell().Text(hide ? "–" : ReportFormat.Money(c.IncrementalProfit)).AlignRight().FontSize(theme.SmallSize);
                    t.Cell().Text(ReportFormat.Money(c.Campaign.Cost)).AlignRight().FontSize(theme.SmallSize);
                    t.Cell().Text(hide ? "–" : ReportFormat.Percent(c.Roi)).AlignRight().FontSize(theme.SmallSize);
                    t.Cell().Text(T(c.Evidence == EvidenceStrength.Randomised ? "randomised" : "quasi")).FontSize(theme.SmallSize);
                }
            });
            var shown = result.Campaigns.Where(c => !format.Suppress(c.TreatedCustomers) && !format.Suppress(c.ControlCustomers)).ToArray();
            col.Item().Chart(ReportCharts.Forest(T("forest"), shown.Select(c => c.Campaign.Name).ToArray(),
                shown.Select(c => c.Conversion.Estimate).ToArray(), shown.Select(c => c.Conversion.Lower).ToArray(), shown.Select(c => c.Conversion.Upper).ToArray()),
                Math.Max(140, 40 + 28 * shown.Length));
        }

        col.Item().Heading(T("playbook"), 2);
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(1.6f); c.Relative(2); c.Relative(2); c.Relative(2); c.Relative(2); c.Relative(2); });
            t.Header(h => { foreach (var k in new[] { "segment", "product", "price", "promotion", "channel", "service" }) h.Cell().Text(T(k)); });
            t.ZebraStripes();
            foreach (var r in result.Recommendations.Where(r => r.Strategy is not null))
            {
                var s = r.Strategy!;
                bool zh = lang == ReportLanguage.Zh;
                t.Cell().Text(Name(r.Segment)).Bold().FontSize(theme.SmallSize);
                t.Cell().Text(zh ? s.ProductZh : s.ProductEn).FontSize(theme.SmallSize);
                t.Cell().Text(zh ? s.PriceZh : s.PriceEn).FontSize(theme.SmallSize);
                t.Cell().Text(zh ? s.PromotionZh : s.PromotionEn).FontSize(theme.SmallSize);
                t.Cell().Text(zh ? s.ChannelZh : s.ChannelEn).FontSize(theme.SmallSize);
                t.Cell().Text(zh ? s.ServiceZh : s.ServiceEn).FontSize(theme.SmallSize);
            }
        });

        if (result.Budget is { } budget)
        {
            col.Item().Heading(T("budget") + " (" + ReportFormat.Money((double)budget.Budget) + ")", 2);
            col.Item().Paragraph(lang == ReportLanguage.Zh ? budget.RuleZh : budget.RuleEn).FontSize(theme.SmallSize);
            col.Item().Table(t =>
            {
                t.Columns(c => { c.Relative(2.4f); c.Relative(1); c.Relative(1); c.Relative(1); c.Relative(1); c.Relative(1.3f); });
                t.Header(h => { h.Cell().Text(T("segment")); h.Cell().Text("value"); h.Cell().Text("CLV"); h.Cell().Text("ROI"); h.Cell().Text(T("share")); h.Cell().Text(T("amount")); });
                t.ZebraStripes();
                foreach (var b in budget.Segments)
                {
                    t.Cell().Text(SegmentName(b.Segment));
                    t.Cell().Text(ReportFormat.Percent(b.ValueShare)).AlignRight();
                    t.Cell().Text(ReportFormat.Percent(b.PotentialShare)).AlignRight();
                    t.Cell().Text(ReportFormat.Percent(b.RoiShare)).AlignRight();
                    t.Cell().Text(ReportFormat.Percent(b.Share)).AlignRight();
                    t.Cell().Text(((double)b.Amount).ToString("N2", Inv)).AlignRight();
                }
            });
        }
    }

    private string SegmentTarget(string target) =>
        result.Segments.FirstOrDefault(s => s.Key == target) is { } d ? Name(d) : target.Replace('_', ' ');

    private void Migration(ColumnDescriptor col)
    {
        col.Item().PageBreak();
        col.Item().Heading(T("s5"), 1);
        if (result.Migration is not { } m) { col.Item().Paragraph(T("no_migration")); return; }
        long lost = m.Lost.Sum(), added = m.New.Sum();
        col.Item().Paragraph(T("migration_summary", m.Matched.ToString("N0", Inv), m.Upgraded.ToString("N0", Inv), m.Downgraded.ToString("N0", Inv),
            m.Stayed.ToString("N0", Inv), added.ToString("N0", Inv), lost.ToString("N0", Inv)));
        var from = m.FromSegments.Select(SegmentName).ToArray();
        var to = m.ToSegments.Select(SegmentName).ToArray();
        var shares = m.RowShares;
        // Rows of fewer than the minimum customers are suppressed (blank cells) in the heatmap and the table.
        var masked = shares.Select((row, i) => m.Counts[i].Sum() + m.Lost[i] < format.MinimumGroupSize ? row.Select(_ => double.NaN).ToArray() : row).ToArray();
        col.Item().Chart(ReportCharts.Heatmap(T("migration_chart"), from, to, masked), Math.Max(240, 100 + 26 * from.Length));
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(2.2f); foreach (var _ in to) c.Relative(1); });
            t.Header(h => { h.Cell().Text(T("from_to")); foreach (var name in to) h.Cell().Text(name).FontSize(7); });
            t.ZebraStripes();
            for (int i = 0; i < from.Length; i++)
            {
                t.Cell().Text(from[i]).FontSize(theme.SmallSize);
                foreach (var n in m.Counts[i]) t.Cell().Text(n == 0 ? "0" : format.Count(n)).AlignRight().FontSize(theme.SmallSize);
            }
        });
    }

    private void Churn(ColumnDescriptor col)
    {
        col.Item().Heading(T("s6"), 1);
        if (result.ChurnRisk is not { } churn) { col.Item().Paragraph(T("no_churn")); return; }
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(2.4f); c.Relative(1); c.Relative(1); c.Relative(1); c.Relative(1.3f); c.Relative(1.3f); c.Relative(1); });
            t.Header(h => { foreach (var k in new[] { "segment", "customers", "at_risk", "at_risk_share", "clv", "value_at_risk", "p_alive" }) h.Cell().Text(T(k)); });
            t.ZebraStripes();
            foreach (var s in churn.Segments)
            {
                bool hide = format.Suppress(s.Customers);
                t.Cell().Text(SegmentName(s.Segment)).Bold();
                t.Cell().Text(format.Count(s.Customers)).AlignRight();
                t.Cell().Text(hide ? "–" : format.Count(s.AtRiskCustomers)).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Percent(s.AtRiskShare)).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Money(s.Customers > 0 ? s.LifetimeValue / s.Customers : null)).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Money(s.ValueAtRisk)).AlignRight();
                t.Cell().Text(hide ? "–" : ReportFormat.Percent(s.MeanProbabilityAlive)).AlignRight();
            }
        });
    }

    private void Experiment(ColumnDescriptor col, ExperimentSection e)
    {
        col.Item().PageBreak();
        col.Item().Heading(T("s_experiment"), 1);
        col.Item().Paragraph(T("experiment_intro", e.Name, e.Analysis.Arms.Count, string.Join(", ", e.Analysis.ArmCounts.Select(n => n.ToString("N0", Inv)))));
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(1.6f); c.Relative(1.1f); c.Relative(1.1f); c.Relative(1.1f); c.Relative(2.4f); c.Relative(0.9f); c.Relative(1); });
            t.Header(h => { foreach (var k in new[] { "arm", "outcome", "control_mean", "arm_mean", "difference_ci", "p_value", "lift" }) h.Cell().Text(T(k)); });
            t.ZebraStripes();
            foreach (var a in e.Analysis.Effects)
            {
                bool binary = a.Kind == Segmentation.Experiments.OutcomeKind.Binary;
                string V(double v) => binary ? ReportFormat.Percent(v) : ReportFormat.Number(v, 3);
                string D(double v) => binary ? ReportFormat.Points(v) : ReportFormat.Number(v, 3);
                t.Cell().Text(a.Arm).FontSize(theme.SmallSize);
                t.Cell().Text(a.Outcome).FontSize(theme.SmallSize);
                t.Cell().Text(V(a.MeanControl)).AlignRight().FontSize(theme.SmallSize);
                t.Cell().Text(V(a.MeanArm)).AlignRight().FontSize(theme.SmallSize);
                t.Cell().Text($"{D(a.Difference.Estimate)} [{D(a.Difference.Lower)}, {D(a.Difference.Upper)}]").AlignRight().FontSize(theme.SmallSize);
                t.Cell().Text(ReportFormat.P(a.Difference.PValue)).AlignRight().FontSize(theme.SmallSize);
                t.Cell().Text(ReportFormat.Relative(a.Difference.RelativeChange)).AlignRight().FontSize(theme.SmallSize);
            }
        });
        col.Item().Heading(T("experiment_segments", e.Segments.Grouping), 2);
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(1.8f); c.Relative(1.5f); c.Relative(1); c.Relative(2.4f); c.Relative(1); c.Relative(1.3f); });
            t.Header(h => { foreach (var k in new[] { "segment", "arm", "outcome", "difference_ci", "adjusted_p", "response" }) h.Cell().Text(T(k)); });
            t.ZebraStripes();
            foreach (var r in e.Segments.Rows.Where(r => r.Effect.Outcome == e.Analysis.Effects[0].Outcome))
            {
                bool hide = format.Suppress(r.Effect.CountArm) || format.Suppress(r.Effect.CountControl);
                bool binary = r.Effect.Kind == Segmentation.Experiments.OutcomeKind.Binary;
                string D(double v) => binary ? ReportFormat.Points(v) : ReportFormat.Number(v, 3);
                t.Cell().Text(r.Segment + (r.IsSmall ? " †" : "")).FontSize(theme.SmallSize);
                t.Cell().Text(r.Effect.Arm).FontSize(theme.SmallSize);
                t.Cell().Text(r.Effect.Outcome).FontSize(theme.SmallSize);
                t.Cell().Text(hide ? "–" : $"{D(r.Effect.Difference.Estimate)} [{D(r.Effect.Difference.Lower)}, {D(r.Effect.Difference.Upper)}]").AlignRight().FontSize(theme.SmallSize);
                t.Cell().Text(hide ? "–" : ReportFormat.P(r.AdjustedPValue)).AlignRight().FontSize(theme.SmallSize);
                t.Cell().Text(r.Response.ToString()).FontSize(theme.SmallSize);
            }
        });
        foreach (var sentence in e.Segments.Statements(lang == ReportLanguage.Zh ? "zh" : "en")) col.Item().Paragraph("• " + sentence).FontSize(theme.SmallSize);
        col.Item().Text(T("experiment_note")).FontSize(theme.SmallSize).FontColor(theme.MutedText);
    }

    private void Appendix(ColumnDescriptor col)
    {
        col.Item().PageBreak();
        col.Item().Heading(T("s7"), 1);
        col.Item().Heading(T("data_quality"), 2);
        var dq = run.DataQuality;
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(2); c.Relative(1); c.Relative(1); c.Relative(1); });
            t.Header(h => { foreach (var k in new[] { "table", "read", "accepted", "rejected" }) h.Cell().Text(T(k)); });
            t.ZebraStripes();
            foreach (var tb in dq.Tables)
            {
                t.Cell().Text(tb.Table);
                t.Cell().Text(tb.RowsRead.ToString("N0", Inv)).AlignRight();
                t.Cell().Text(tb.RowsAccepted.ToString("N0", Inv)).AlignRight();
                t.Cell().Text(tb.Rejects.Count.ToString("N0", Inv)).AlignRight();
            }
        });
        col.Item().Text(T("reconciles", T(dq.Reconciles ? "yes" : "no"))).FontSize(theme.SmallSize);
        var byRule = dq.Tables.SelectMany(tb => tb.RejectsByRule.Select(kv => (tb.Table, kv.Key, kv.Value))).ToArray();
        if (byRule.Length > 0)
            col.Item().Table(t =>
            {
                t.Columns(c => { c.Relative(2); c.Relative(2); c.Relative(1); });
                t.Header(h => { h.Cell().Text(T("table")); h.Cell().Text(T("rule")); h.Cell().Text(T("rows")); });
                foreach (var (table, rule, count) in byRule)
                {
                    t.Cell().Text(table);
                    t.Cell().Text(rule);
                    t.Cell().Text(count.ToString("N0", Inv)).AlignRight();
                }
            });

        if (result.Drift is { } drift)
        {
            col.Item().Heading(T("drift"), 2);
            col.Item().Table(t =>
            {
                t.Columns(c => { c.Relative(2); c.Relative(1); c.Relative(1); });
                t.Header(h => { h.Cell().Text(T("feature")); h.Cell().Text("PSI"); h.Cell().Text(T("psi_level")); });
                foreach (var p in drift.Features.Prepend(drift.Segments))
                {
                    t.Cell().Text(p.Name == "segment" ? T("segment") : p.Name);
                    t.Cell().Text(p.Index.ToString("F3", Inv)).AlignRight();
                    t.Cell().Text(T(p.Level switch { DriftLevel.Refit => "psi_refit", DriftLevel.Watch => "psi_watch", _ => "psi_ok" }))
                        .FontColor(p.Level == DriftLevel.Stable ? theme.Good : theme.Bad);
                }
            });
        }

        col.Item().Heading(T("validation"), 2);
        var v = run.Model.Validation;
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(3); c.Relative(1); });
            t.Header(h => { h.Cell().Text(T("metric")); h.Cell().Text(T("value")); });
            void Row(string k, string value) { t.Cell().Text(k); t.Cell().Text(value).AlignRight(); }
            Row("Silhouette", v.Indices.Silhouette.ToString("F3", Inv));
            Row("Calinski-Harabasz", v.Indices.CalinskiHarabasz.ToString("F1", Inv));
            Row("Davies-Bouldin", v.Indices.DaviesBouldin.ToString("F3", Inv));
            if (v.Stability is { } st) Row(lang == ReportLanguage.Zh ? "自助法稳定性 (平均 ARI)" : "Bootstrap stability (mean ARI)", st.MeanAdjustedRand.ToString("F3", Inv));
            if (v.Separability is { } sep) Row(lang == ReportLanguage.Zh ? "判别分析交叉验证准确率" : "LDA cross-validated accuracy", ReportFormat.Percent(sep.LdaAccuracy));
        });

        col.Item().Heading(T("definitions"), 2);
        col.Item().Table(t =>
        {
            t.Columns(c => { c.Relative(1.6f); c.Relative(1); c.Relative(4); });
            t.Header(h => { h.Cell().Text(T("kpi")); h.Cell().Text(T("unit")); h.Cell().Text(T("definition")); });
            t.ZebraStripes();
            foreach (var d in KpiDefinitions.All)
            {
                t.Cell().Text(lang == ReportLanguage.Zh ? d.NameZh : d.NameEn).FontSize(theme.SmallSize);
                t.Cell().Text(d.Unit).FontSize(theme.SmallSize);
                t.Cell().Text(lang == ReportLanguage.Zh ? d.DefinitionZh : d.DefinitionEn).FontSize(theme.SmallSize);
            }
        });

        col.Item().Heading(T("methodology"), 2);
        foreach (var p in Methodology()) col.Item().Paragraph(p).FontSize(theme.SmallSize);
    }

    private IEnumerable<string> Methodology()
    {
        var o = run.Model.Options;
        if (lang == ReportLanguage.Zh)
        {
            yield return $"数据经 DuckDB 逐行校验：缺失、类型、取值范围、未知类别、未来日期、重复主键与直接身份信息一律拒绝并记录原因；读取行数 = 接受 + 拒绝。";
            yield return $"细分模型：{o.Method}（k = {o.Clusters}，种子 {o.Seed}），特征 {string.Join("、", o.Features)}，对 {string.Join("、", o.LogFeatures ?? [])} 取 ln(1+x) 后标准化；模型冻结后每月对全部客户重新归类，尚无购买的客户归入“潜在客户”。";
            yield return "比较检验：比率用两比例 z 检验，人均值用 Welch t 检验，比值型指标（客单价、NPS）用种子固定的自助法置信区间；p < 0.05 记为显著（*）。";
            yield return "营销活动：实验组与对照组随机分配时直接比较活动窗口内的转化率、人均收入与复购率；无对照组时用同群体未触达客户做双重差分，并标注为较弱证据。";
            yield return "流失预警：BG/NBD 模型估计存活概率 P(alive)，Gamma-Gamma 模型估计客单价，CLV 为 12 个月折现毛利；P(alive) 低或距上次购买超过自身购买节奏的客户列为预警。漂移用 PSI 衡量（0.1 关注，0.25 需重新建模）。";
        }
        else
        {
            yield return "Every input row is validated in DuckDB: missing values, types, ranges, unknown categories, future dates, duplicate keys and direct identifiers are rejected with a reason; rows read = accepted + rejected.";
            yield return $"Segmentation model: {o.Method} (k = {o.Clusters}, seed {o.Seed}) on {string.Join(", ", o.Features)}, with ln(1 + x) of {string.Join(", ", o.LogFeatures ?? [])} and z-scores; the frozen model re-assigns every customer each month; customers without a purchase yet are \"Prospects\".";
            yield return "Tests: two-proportion z-test for rates, Welch t-test for per-customer means, seeded bootstrap intervals for ratios (AOV, NPS); p < 0.05 is marked significant (*).";
            yield return "Campaigns: with randomised control groups, treatment vs control in the campaign window (conversion, revenue per customer, repeat rate); without one, a difference-in-differences against untargeted customers of the same segments, labelled as weaker evidence.";
            yield return "Churn warning: BG/NBD gives P(alive), Gamma-Gamma the expected spend, CLV is the discounted 12-month margin; customers with a low P(alive) or a gap beyond their own purchase rhythm are at risk. Drift is the population stability index (0.1 watch, 0.25 refit).";
        }
    }
}
