using Segmentation.Analytics.Evaluation;
using Segmentation.Reports.Monthly;

namespace Segmentation.Notebooks;

// Money, shares, points and p-values are printed with the monthly report's ReportFormat, so a notebook shows each number
// exactly as the PDF prints it (and a test can find it in both).
public static partial class RichDisplay
{
    /// <summary>
    /// The latest period of a KPI table: one row per segment and the total, with customers, active and new customers,
    /// revenue, profit, average order value, repeat-purchase and churn rates, CSAT, NPS, market share and mean CLV. The
    /// caption carries revenue and profit of the period as the report's summary cards print them (万 / M).
    /// </summary>
    public static string KpiTable(KpiTable table, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(table);
        var latest = table.Latest;
        var period = table.Periods[^1];
        var total = latest.FirstOrDefault(r => r.IsTotal);
        string caption = $"{T("kpis_latest", language)} · {HtmlText.Encode(period.Label)} ({period.Start:yyyy-MM-dd} – {period.End:yyyy-MM-dd})";
        if (total is not null)
            caption += $" · {T("revenue", language)} {HtmlText.Encode(ReportFormat.Compact(total.Revenue, ReportLanguage.Zh))} / {HtmlText.Encode(ReportFormat.Compact(total.Revenue, ReportLanguage.En))}"
                       + $" · {T("profit", language)} {HtmlText.Encode(ReportFormat.Compact(total.Profit, ReportLanguage.Zh))} / {HtmlText.Encode(ReportFormat.Compact(total.Profit, ReportLanguage.En))}";
        var t = new HtmlTable(caption)
            .Column(H("segment", language)).Column(H("customers", language), true).Column(H("active_customers", language), true).Column(H("new_customers", language), true)
            .Column(H("revenue", language), true).Column(H("profit", language), true).Column(H("aov", language), true).Column(H("repeat_rate", language), true)
            .Column(H("churn_rate", language), true).Column(H("csat", language), true).Column(H("nps", language), true).Column(H("market_share", language), true)
            .Column(H("clv_mean", language), true);
        foreach (var r in latest)
        {
            int row = t.Row(SegmentLabel(r.Segment, table.Segments, language), HtmlText.Count(r.Customers), HtmlText.Count(r.ActiveCustomers), HtmlText.Count(r.NewCustomers),
                ReportFormat.Money(r.Revenue), ReportFormat.Money(r.Profit), ReportFormat.Number(r.AverageOrderValue), ReportFormat.Percent(r.RepeatPurchaseRate),
                ReportFormat.Percent(r.ChurnRate), ReportFormat.Number(r.MeanCsat), ReportFormat.Number(r.Nps, 1), ReportFormat.Percent(r.MarketShare),
                ReportFormat.Money(r.LifetimeValueMean));
            if (r.IsTotal) { t.Highlight(row); t.Emphasise(row, 0); }
        }
        return t.ToHtml($"churn window {table.ChurnWindowDays} days · money in currency units, whole units · – = undefined");
    }

    /// <summary>The KPI keys a comparison display shows by default.</summary>
    public static IReadOnlyList<string> DefaultComparisonKpis { get; } = ["customers", "revenue", "profit", "revenue_per_customer", "repeat_purchase_rate", "csat_mean", "nps"];

    /// <summary>
    /// KPI comparisons (period over period, year over year or before/after): per segment and KPI the current and reference
    /// values, the change (points for rates, relative for counts and money) and the test's p-value; significant changes (p &lt; 0.05) in bold.
    /// </summary>
    /// <param name="comparisons">The comparisons (one per segment).</param>
    /// <param name="kpis">KPI keys to show (default <see cref="DefaultComparisonKpis"/>).</param>
    /// <param name="segments">Segment definitions for display names (default: the keys).</param>
    /// <param name="language">Header language.</param>
    public static string KpiComparisons(IEnumerable<KpiComparison> comparisons, IReadOnlyList<string>? kpis = null, IReadOnlyList<SegmentDefinition>? segments = null,
                                        DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var list = comparisons.ToArray();
        var keys = kpis ?? DefaultComparisonKpis;
        string caption = T("comparison", language);
        if (list.Length > 0) caption += $" · {list[0].Kind} · {HtmlText.Encode(list[0].Current.Label)} vs {HtmlText.Encode(list[0].Reference.Label)}";
        var t = new HtmlTable(caption)
            .Column(H("segment", language)).Column(H("kpi", language)).Column(H("current", language), true).Column(H("reference", language), true)
            .Column(H("change", language), true).Column(H("p_value", language), true);
        foreach (var c in list)
            foreach (var key in keys)
            {
                if (c.Changes.FirstOrDefault(x => x.Key == key) is not { } change) continue;
                var definition = KpiDefinitions.Get(key);
                bool share = definition.Unit == "share";
                string Value(double? v) => share ? ReportFormat.Percent(v) : definition.Unit is "customers" or "currency" ? ReportFormat.Money(v) : ReportFormat.Number(v);
                string delta = share ? ReportFormat.Points(change.AbsoluteChange)
                    : definition.Unit is "customers" or "currency" ? ReportFormat.Relative(change.RelativeChange)
                    : change.AbsoluteChange is { } a ? (a >= 0 ? "+" : "") + ReportFormat.Number(a) : "–";
                string name = language switch { DisplayLanguage.Chinese => definition.NameZh, DisplayLanguage.English => definition.NameEn, _ => $"{definition.NameZh} / {definition.NameEn}" };
                int row = t.Row(SegmentLabel(c.Segment, segments, language), name, Value(change.Current), Value(change.Reference),
                    delta + (change.IsSignificant ? " *" : ""), change.Test is { } test ? ReportFormat.P(test.PValue) : "·");
                if (change.IsSignificant) t.Emphasise(row, 4);
                if (c.Segment == KpiRow.AllCustomers) t.Highlight(row);
            }
        return t.ToHtml("* p &lt; 0.05 (two-proportion z for rates, Welch t for per-customer means, bootstrap for ratios; counts and totals are not tested).");
    }

    /// <summary>
    /// Campaign uplift: per campaign the target, treated/control sizes, conversion of both groups, the conversion uplift
    /// with its 95 % interval and p-value, incremental revenue and profit, cost, ROI and the strength of evidence.
    /// </summary>
    public static string CampaignUplifts(IEnumerable<CampaignUplift> campaigns, IReadOnlyList<SegmentDefinition>? segments = null, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var t = new HtmlTable(T("campaigns", language))
            .Column(H("campaign", language)).Column(H("target", language)).Column(H("treated_control", language), true).Column(H("conversion", language), true)
            .Column(H("conversion_uplift", language), true).Column(H("p_value", language), true).Column(H("incremental_revenue", language), true)
            .Column(H("incremental_profit", language), true).Column(H("cost", language), true).Column(H("roi", language), true).Column(H("evidence", language));
        foreach (var c in campaigns)
        {
            int row = t.Row(c.Campaign.Name, SegmentLabel(c.Campaign.TargetSegment, segments, language), $"{HtmlText.Count(c.TreatedCustomers)}/{HtmlText.Count(c.ControlCustomers)}",
                $"{ReportFormat.Percent(c.TreatedConversion)}/{ReportFormat.Percent(c.ControlConversion)}",
                $"{ReportFormat.Points(c.Conversion.Estimate)} [{ReportFormat.Points(c.Conversion.Lower)}, {ReportFormat.Points(c.Conversion.Upper)}]",
                ReportFormat.P(c.Conversion.PValue), ReportFormat.Money(c.IncrementalRevenue), ReportFormat.Money(c.IncrementalProfit),
                ReportFormat.Money(c.Campaign.Cost), ReportFormat.Percent(c.Roi), c.Evidence.ToString());
            if (c.Conversion.IsSignificant) t.Emphasise(row, 4);
        }
        return t.ToHtml("Randomised: treatment − control in the campaign window; QuasiExperimental: difference-in-differences against untargeted customers (weaker evidence).");
    }

    /// <summary>Migration: counts from each earlier segment (rows) to each later one (columns) and the customers lost, with the stayed/up/down/new summary.</summary>
    public static string SegmentMigration(SegmentMigration migration, IReadOnlyList<SegmentDefinition>? segments = null, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var t = new HtmlTable(T("migration", language)).Column(H("from_to", language));
        foreach (var to in migration.ToSegments) t.Column(HtmlText.Encode(SegmentLabel(to, segments, DisplayLanguage.English)), true);
        t.Column(H("lost", language), true);
        for (int i = 0; i < migration.FromSegments.Count; i++)
        {
            int row = t.Row([SegmentLabel(migration.FromSegments[i], segments, language), .. migration.Counts[i].Select(HtmlText.Count), HtmlText.Count(migration.Lost[i])]);
            int diagonal = migration.ToSegments.ToList().IndexOf(migration.FromSegments[i]);
            if (diagonal >= 0) t.Emphasise(row, diagonal + 1);
        }
        t.Row(["new →", .. migration.New.Select(HtmlText.Count), ""]);
        return t.ToHtml($"{HtmlText.Count(migration.Matched)} matched: {HtmlText.Count(migration.Stayed)} stayed, {HtmlText.Count(migration.Upgraded)} up, "
                        + $"{HtmlText.Count(migration.Downgraded)} down (by value rank) · {HtmlText.Count(migration.New.Sum())} new · {HtmlText.Count(migration.Lost.Sum())} lost");
    }

    /// <summary>
    /// Drift, as the report's appendix decides it: the population stability index of the segment mix and of the window features
    /// (comparable across time: they decide), the segments' bootstrap stability on the current buyers (training → now; Jaccard
    /// below 0.6 decides "refit"), then every clustering feature for information (cumulative ones are not comparable), with the
    /// recommendation in the caption.
    /// </summary>
    public static string DriftReport(DriftReport drift, IReadOnlyList<SegmentDefinition>? segments = null, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(drift);
        string Level(DriftLevel level) => DisplayLabels.Text(level switch { DriftLevel.Refit => "psi_refit", DriftLevel.Watch => "psi_watch", _ => "psi_ok" }, language);
        var t = new HtmlTable($"{T("drift", language)} · {HtmlText.Encode(DisplayLabels.Text("recommendation", language))}: {HtmlText.Encode(Level(drift.Level))}")
            .Column(H("measure", language)).Column(H("value", language), true).Column(H("psi_level", language)).Column(H("decides", language));
        void Add(string label, string value, string level, bool decides, bool flag)
        {
            int row = t.Row(label, value, level, YesNo(decides, language));
            if (flag) t.Emphasise(row, 2);
        }
        Add(DisplayLabels.Text("segment_mix_training", language), drift.Segments.Index.ToString("F3", Inv), Level(drift.Segments.Level), true, drift.Segments.Level != DriftLevel.Stable);
        foreach (var w in drift.Windows)
        {
            bool complete = !drift.IncompleteWindows.Contains(w.Name);
            Add(FeatureLabel(w.Name, language), w.Index.ToString("F3", Inv), complete ? Level(w.Level) : DisplayLabels.Text("psi_window_before_data", language), complete,
                complete && w.Level != DriftLevel.Stable);
        }
        if (drift.Stability is { } stability)
            foreach (var s in stability.Segments)
            {
                var level = s.Level;
                string before = double.IsNaN(s.TrainingJaccard) ? "–" : s.TrainingJaccard.ToString("F2", Inv);
                Add($"{DisplayLabels.Text("stability_jaccard", language)} · {SegmentLabel(s.Key, segments, language)}", $"{before} → {s.CurrentJaccard.ToString("F2", Inv)}",
                    s.Deciding ? Level(level) : DisplayLabels.Text("unstable_at_training", language), s.Deciding, s.Deciding && level != DriftLevel.Stable);
            }
        foreach (var p in drift.Features)
        {
            bool cumulative = WindowFeatures.Cumulative.Contains(p.Name);
            Add(FeatureLabel(p.Name, language), p.Index.ToString("F3", Inv),
                cumulative ? DisplayLabels.Text("psi_cumulative", language) : p.Level == DriftLevel.Stable ? Level(p.Level) : DisplayLabels.Text("psi_shifted", language), false, false);
        }
        return t.ToHtml("PSI = Σ (a − e)·ln(a / e) over the training deciles (Siddiqi 2006): &lt; 0.1 stable, 0.1–0.25 watch, ≥ 0.25 refit. "
                        + "Bootstrap stability: mean Jaccard of each segment over refits on this month's buyers (Hennig 2007): &lt; 0.6 refit, 0.6–0.75 watch. "
                        + "Only the segment mix, complete window features and the stability of segments reproduced at training decide.");
    }

    /// <summary>A feature's label from the shared table (<c>feature_…</c>), else its name.</summary>
    private static string FeatureLabel(string name, DisplayLanguage language) =>
        ReportStrings.Contains("feature_" + name) ? DisplayLabels.Text("feature_" + name, language) : name;

    /// <summary>Churn warning per segment and in total: customers, at-risk customers and share, total CLV (12 months), value at risk, mean P(alive).</summary>
    public static string ChurnRisk(ChurnRiskSummary churn, IReadOnlyList<SegmentDefinition>? segments = null, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(churn);
        var t = new HtmlTable($"{T("churn_risk", language)} · {churn.PeriodEnd:yyyy-MM-dd}")
            .Column(H("segment", language)).Column(H("customers", language), true).Column(H("at_risk", language), true).Column(H("at_risk_share", language), true)
            .Column(H("clv_total", language), true).Column(H("value_at_risk", language), true).Column(H("p_alive", language), true);
        foreach (var s in churn.Segments)
        {
            int row = t.Row(SegmentLabel(s.Segment, segments, language), HtmlText.Count(s.Customers), HtmlText.Count(s.AtRiskCustomers), ReportFormat.Percent(s.AtRiskShare),
                ReportFormat.Money(s.LifetimeValue), ReportFormat.Money(s.ValueAtRisk), ReportFormat.Percent(s.MeanProbabilityAlive));
            if (s.Segment == KpiRow.AllCustomers) t.Highlight(row);
        }
        return t.ToHtml("At risk: BG/NBD P(alive) below the threshold, or no purchase for longer than the customer's own rhythm. CLV: discounted 12-month margin (BG/NBD × Gamma-Gamma).");
    }

    /// <summary>The budget split: per segment the value, potential and ROI shares, its budget share and amount (2 decimals), with the rule.</summary>
    public static string BudgetAllocation(BudgetAllocation budget, IReadOnlyList<SegmentDefinition>? segments = null, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var t = new HtmlTable($"{T("budget", language)} · {ReportFormat.Money((double)budget.Budget)}")
            .Column(H("segment", language)).Column(H("value_share", language), true).Column(H("potential_share", language), true).Column(H("roi_share", language), true)
            .Column(H("budget_share", language), true).Column(H("amount", language), true);
        foreach (var b in budget.Segments)
            t.Row(SegmentLabel(b.Segment, segments, language), ReportFormat.Percent(b.ValueShare), ReportFormat.Percent(b.PotentialShare), ReportFormat.Percent(b.RoiShare),
                ReportFormat.Percent(b.Share), ((double)b.Amount).ToString("N2", Inv));
        return t.ToHtml(language switch
        {
            DisplayLanguage.Chinese => HtmlText.Encode(budget.RuleZh),
            DisplayLanguage.English => HtmlText.Encode(budget.RuleEn),
            _ => HtmlText.Encode(budget.RuleZh) + "<br/>" + HtmlText.Encode(budget.RuleEn),
        });
    }

    /// <summary>The strategy playbook per segment: archetype, product, price, promotion, channel and service.</summary>
    public static string Recommendations(IEnumerable<SegmentRecommendation> recommendations, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        var t = new HtmlTable(T("playbook", language))
            .Column(H("segment", language)).Column(H("archetype", language)).Column(H("product", language)).Column(H("price", language))
            .Column(H("promotion", language)).Column(H("channel", language)).Column(H("service", language));
        string Pick(string zh, string en) => language switch { DisplayLanguage.Chinese => zh, DisplayLanguage.English => en, _ => $"{zh} / {en}" };
        foreach (var r in recommendations)
        {
            var s = r.Strategy;
            t.Row(Pick(r.Segment.NameZh, r.Segment.NameEn), r.Segment.Archetype?.ToString() ?? "·",
                s is null ? "·" : Pick(s.ProductZh, s.ProductEn), s is null ? "·" : Pick(s.PriceZh, s.PriceEn), s is null ? "·" : Pick(s.PromotionZh, s.PromotionEn),
                s is null ? "·" : Pick(s.ChannelZh, s.ChannelEn), s is null ? "·" : Pick(s.ServiceZh, s.ServiceEn));
        }
        return t.ToHtml();
    }

    private static string SegmentLabel(string key, IReadOnlyList<SegmentDefinition>? segments, DisplayLanguage language)
    {
        if (key == KpiRow.AllCustomers) return DisplayLabels.Text("total", language);
        if (segments?.FirstOrDefault(s => s.Key == key) is not { } d) return key;
        return language switch { DisplayLanguage.Chinese => d.NameZh, DisplayLanguage.English => d.NameEn, _ => $"{d.NameZh} / {d.NameEn}" };
    }
}
