using System.Globalization;
using System.Text.RegularExpressions;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Reports.Monthly;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>Issue 20, points 1, 3 and 5 on a transactions-only real export and on the sample: only measured numbers, like-for-like
/// windows, every label in the reader's language, the currency of the schema, a privacy line that tells the truth.</summary>
public sealed class MeasuredNumbersTests(TransactionsOnlyFixture retail, MonthlyReportFixture sample)
    : IClassFixture<TransactionsOnlyFixture>, IClassFixture<MonthlyReportFixture>
{
    private static MonthlyReportModel Model(MonthlyEvaluation run, ReportLanguage language, string? currency = null, bool pseudonymised = false) =>
        MonthlyReportModel.Create(run, new MonthlyReportOptions(language) { Currency = currency, Pseudonymised = pseudonymised });

    private static PdfReadBack Pdf(MonthlyReportModel model) => PdfReadBack.Read(new MonthlyReport(model).Compose().GeneratePdf());

    /// <summary>PdfPig's lines: words grouped by their baseline on each page.</summary>
    private static IEnumerable<string> Lines(PdfReadBack pdf) => pdf.Pages.SelectMany(p => p.RawWords
        .GroupBy(w => Math.Round(w.BoundingBox.Bottom, 0))
        .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text.Normalize(System.Text.NormalizationForm.FormKC)))));

    [Fact]
    public void The_online_retail_export_has_no_cost_feedback_or_market_and_begins_on_2010_12_01()
    {
        var coverage = retail.Run.Coverage;
        Assert.Equal(new DataCoverage(false, false, false, false, false, new DateOnly(2010, 12, 1)), coverage);
        // The sample carries every input (planted cost, feedback, referrals and market).
        Assert.True(sample.Run.Coverage is { Cost: true, Csat: true, Nps: true, Referrals: true, Market: true });
    }

    [Theory]
    [InlineData(ReportLanguage.En, "Profit", "n/a", "Not measured", "no cost column")]
    [InlineData(ReportLanguage.Zh, "利润", "不适用", "未测量", "无成本字段")]
    public void Without_a_cost_column_profit_prints_only_as_not_available(ReportLanguage language, string profit, string na, string notMeasured, string reason)
    {
        var pdf = Pdf(Model(retail.Run, language, "GBP"));
        var lines = Lines(pdf).ToArray();
        var withProfit = lines.Where(l => l.Contains(profit, StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(withProfit); // the card says why
        foreach (var line in withProfit)
            Assert.True(line.Contains(na, StringComparison.Ordinal) || line.Contains(notMeasured, StringComparison.Ordinal) || !Regex.IsMatch(line, @"\d"),
                $"'{profit}' printed with a number: {line}");
        Assert.Contains(reason, pdf.AllText);
        // The card of profit is "n/a" and its reason; the cover's three cards are all measured.
        var model = Model(retail.Run, language, "GBP");
        var card = model.Summary.Cards.Single(c => c.Label.StartsWith(profit, StringComparison.Ordinal));
        Assert.False(card.Measured);
        Assert.Equal(na, card.Value);
        Assert.All(model.Cover.Cards, c => Assert.True(c.Measured));
        Assert.Equal(3, model.Cover.Cards.Count);
        // Referral rate, CSAT and market share are no columns of the KPI table.
        Assert.Equal(["segment", "repeat_rate", "revenue_before", "revenue_after", "change"], model.Kpis.Columns);
        Assert.DoesNotContain(model.Overview.Table.Header, h => h.Contains(profit, StringComparison.Ordinal));
    }

    [Fact]
    public void A_kpi_the_sample_measures_prints_as_before()
    {
        var model = Model(sample.Run, ReportLanguage.En);
        Assert.All(model.Summary.Cards, c => Assert.True(c.Measured));
        Assert.Contains("Profit share", model.Overview.Table.Header);
        Assert.Equal(["segment", "csat", "satisfied", "repeat_rate", "referral", "revenue_before", "revenue_after", "change", "market_share"], model.Kpis.Columns);
    }

    [Theory]
    [InlineData(ReportLanguage.En, @"Baseline (\d{4}-\d{2})\.\.(\d{4}-\d{2}) \((\d+) months\) vs evaluation (\d{4}-\d{2})\.\.(\d{4}-\d{2}) \((\d+) months\)")]
    [InlineData(ReportLanguage.Zh, @"基期 ?(\d{4}-\d{2})\.\.(\d{4}-\d{2}) ?[（(](\d+) ?个月[）)] ?与评估期 ?(\d{4}-\d{2})\.\.(\d{4}-\d{2}) ?[（(](\d+) ?个月[）)]")]
    public void The_baseline_covers_only_months_with_data_and_is_as_long_as_the_evaluation(ReportLanguage language, string pattern)
    {
        // With management from 2011-06 a 12-month baseline would start 2010-06, six months before the first transaction: the
        // baseline is cut to the whole months with data, and the evaluation window (2011-06..09, four months) sets both lengths.
        // PdfPig's text is NFKC-normalised: the full-width brackets of the Chinese read back as ASCII ones.
        var text = Regex.Replace(Pdf(Model(retail.Run, language)).AllText, @"\s+", " ");
        var m = Regex.Match(text, pattern);
        Assert.True(m.Success, "no baseline sentence with periods and lengths");
        Assert.Equal(["2011-02", "2011-05", "4", "2011-06", "2011-09", "4"], m.Groups.Values.Skip(1).Select(g => g.Value));
        var windows = retail.Run.Result.Windows!;
        Assert.Equal(windows.Periods[0].Months, windows.Periods[1].Months);
        Assert.True(windows.Periods[0].Start >= new DateOnly(2010, 12, 1));
        // Like for like: the before/after change of revenue is the change of revenue per month (same lengths), from the KPI table.
        var kpis = retail.Run.Result.Kpis;
        double Monthly(DateOnly from, DateOnly to) => kpis.Periods.Where(p => p.Start >= from && p.End <= to).Sum(p => kpis.Total(p.Index).Revenue);
        var revenue = retail.Run.Result.BeforeAfter.Single(c => c.Segment == KpiRow.AllCustomers).Change("revenue");
        Assert.Equal(Monthly(new DateOnly(2011, 2, 1), new DateOnly(2011, 5, 31)), revenue.Reference!.Value, 2);
        Assert.Equal(Monthly(new DateOnly(2011, 6, 1), new DateOnly(2011, 9, 30)), revenue.Current!.Value, 2);
    }

    [Fact]
    public void Months_before_the_first_transaction_are_not_drawn_as_zero()
    {
        var model = Model(retail.Run, ReportLanguage.En);
        var trend = model.Kpis.Trends[0];
        // The last 12 months end 2011-09: 2010-10 and 2010-11 are before the data begin (2010-12-01).
        Assert.Equal("2010-10", trend.Periods[0]);
        Assert.All(trend.Series, s => Assert.Null(s.Values[0]));
        Assert.All(trend.Series, s => Assert.Null(s.Values[1]));
        Assert.All(trend.Series, s => Assert.NotNull(s.Values[2]));
        Assert.Contains("2010-12-01", model.Kpis.TrendNote);
    }

    /// <summary>Every snake_case identifier in the PDF text (recency_days, future_date, orders_per_customer, a campaign's raw target key).</summary>
    private static string[] SnakeCase(PdfReadBack pdf) =>
        [.. pdf.Pages.SelectMany(p => p.Words).Where(w => Regex.IsMatch(w, @"[a-z]+(_[a-z0-9]+)+"))];

    /// <summary>The identifiers of the code a cell must never print as they are: KPI units, rule codes, feature names, table names,
    /// KPI keys, and the budget's old "value" header.</summary>
    private static HashSet<string> Identifiers() =>
    [
        "value", .. KpiDefinitions.All.Select(d => d.Unit), .. KpiDefinitions.All.Select(d => d.Key), .. FeatureCatalog.Names,
        .. DataModel.All.Select(t => t.Name), .. typeof(RejectRules).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!),
    ];

    private static IEnumerable<ReportTable> Tables(MonthlyReportModel m) => new[]
    {
        m.Cover.Facts, m.Overview.Table, m.Kpis.Table, m.Campaigns.Table, m.Playbook.Table, m.Playbook.Budget?.Table, m.Migration.Table, m.Churn.Table,
        m.Appendix.DataQuality, m.Appendix.RejectsByRule, m.Appendix.Drift, m.Appendix.Validation, m.Appendix.Definitions,
    }.OfType<ReportTable>();

    [Theory]
    [InlineData(ReportLanguage.Zh)]
    [InlineData(ReportLanguage.En)]
    public void No_raw_identifier_is_printed(ReportLanguage language)
    {
        var identifiers = Identifiers();
        foreach (var (run, currency) in new[] { (sample.Run, "CNY"), (retail.Run, "GBP") })
        {
            var model = Model(run, language, currency);
            Assert.Empty(SnakeCase(Pdf(model)));
            var cells = Tables(model).SelectMany(t => t.Header.Concat(t.Rows.SelectMany(r => r.Cells))).Where(identifiers.Contains).ToArray();
            Assert.Empty(cells);
        }
    }

    [Fact]
    public void In_the_chinese_report_no_english_table_label_is_left()
    {
        var model = Model(retail.Run, ReportLanguage.Zh, "GBP");
        string[] cells = [.. model.Appendix.DataQuality.Rows.Select(r => r.Cells[0]), .. model.Appendix.RejectsByRule!.Rows.SelectMany(r => r.Cells.Take(2)),
                          .. model.Appendix.Drift!.Rows.Select(r => r.Cells[0]), .. model.Appendix.Definitions.Rows.Select(r => r.Cells[1])];
        Assert.All(cells, c => Assert.Matches(@"[\u4E00-\u9FFF]", c));
    }

    [Fact]
    public void Every_rule_feature_unit_and_table_has_a_label_in_both_languages()
    {
        var zh = ReportStrings.For(ReportLanguage.Zh);
        var en = ReportStrings.For(ReportLanguage.En);
        var rules = typeof(RejectRules).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.Contains("future_date", rules);
        string[] ids =
        [
            .. rules.Select(r => "rule_" + r),
            .. FeatureCatalog.Names.Where(n => n != "customer_id").Select(n => "feature_" + n),
            .. KpiDefinitions.All.Select(d => d.Unit).Distinct().Select(u => "unit_" + u),
            .. DataModel.All.Select(t => "table_" + t.Name),
        ];
        foreach (var id in ids)
        {
            Assert.True(ReportStrings.Contains(id), $"no label '{id}'");
            Assert.Matches(@"[\u4E00-\u9FFF]", zh[id]);
            Assert.DoesNotMatch(@"_", en[id]);
        }
    }

    [Theory]
    [InlineData("GBP", "£")]
    [InlineData("CNY", "¥")]
    [InlineData("EUR", "€")]
    [InlineData("CHF", "CHF ")]
    public void The_currency_of_the_schema_prints_its_sign(string code, string sign)
    {
        Assert.Equal(sign, ReportFormat.CurrencySymbol(code));
        var model = Model(retail.Run, ReportLanguage.En, code);
        Assert.Contains(model.Summary.Cards, c => c.Label == $"Revenue ({sign.Trim()})");
        Assert.Contains($"({sign.Trim()})", model.Kpis.Table.Header[2]);
    }

    [Theory]
    [InlineData(false, "not pseudonymised")]
    [InlineData(true, "customer ids pseudonymised")]
    public void The_privacy_line_says_pseudonymised_only_when_a_key_was_given(bool pseudonymised, string expected)
    {
        var model = Model(retail.Run, ReportLanguage.En, pseudonymised: pseudonymised);
        Assert.Contains(expected, model.PageFooter);
        Assert.Contains(expected, model.Cover.Confidentiality);
        if (!pseudonymised) Assert.DoesNotContain("customer ids pseudonymised", model.PageFooter);
    }

    [Fact]
    public void Descriptions_carry_no_size_from_fitting_time()
    {
        Assert.Equal("Purchase frequency 1.0× the population's, mean age 43.",
            SegmentOverviewModel.WithoutFittedCount("1,346 customers (28%); purchase frequency 1.0× the population's, mean age 43."));
        Assert.Equal("购买频次为整体的 1.0 倍。", SegmentOverviewModel.WithoutFittedCount("共 1,346 位客户（占 28%），购买频次为整体的 1.0 倍。"));
        foreach (var language in new[] { ReportLanguage.En, ReportLanguage.Zh })
        foreach (var run in new[] { sample.Run, retail.Run })
            Assert.All(Model(run, language).Overview.Table.Rows, r => Assert.DoesNotMatch(@"customers \(|位客户", r.Cells[1]));
    }

    [Fact]
    public void Campaign_targets_resolve_to_the_models_segment_names()
    {
        // The sample's campaigns name their targets with planted keys (young_online_high, senior_occasional, …).
        var model = Model(sample.Run, ReportLanguage.En);
        Assert.Null(model.Campaigns.UnmatchedTargets);
        var names = sample.Run.Result.Segments.Select(s => s.NameEn).ToHashSet();
        Assert.All(model.Campaigns.Table!.Rows, r => Assert.Contains(r.Cells[1], names));
        // A target that names no segment is reported.
        var renamed = sample.Run with
        {
            Result = sample.Run.Result with
            {
                Campaigns = [.. sample.Run.Result.Campaigns.Select((u, i) => i == 0 ? u with { Campaign = u.Campaign with { TargetSegment = "gold_club" } } : u)],
            },
        };
        var report = Model(renamed, ReportLanguage.En);
        // Its treated customers still sit mostly in one segment: the target is read from them, and the note says so with the share.
        var first = renamed.Result.Campaigns[0];
        Assert.True(first.TreatedSegmentShare >= 0.5, $"{first.TreatedSegment}: {first.TreatedSegmentShare}");
        var landing = renamed.Result.Segments.Single(s => s.Key == first.TreatedSegment);
        Assert.Equal(landing.NameEn, report.Campaigns.Table!.Rows[0].Cells[1]);
        Assert.Contains($"{first.Campaign.Name} → {landing.NameEn} (", report.Campaigns.TargetsByLanding);
        Assert.Null(report.Campaigns.UnmatchedTargets);
        // A target that names no segment and whose treated customers are spread out matches none, and that is reported.
        var scattered = renamed with
        {
            Result = renamed.Result with
            {
                Campaigns = [.. renamed.Result.Campaigns.Select((u, i) => i == 0 ? u with { TreatedSegmentShare = 0.3 } : u)],
            },
        };
        var none = Model(scattered, ReportLanguage.En);
        Assert.Equal("Campaign targets that match no segment of the model: gold_club.", none.Campaigns.UnmatchedTargets);
        Assert.Equal("gold_club (no such segment)", none.Campaigns.Table!.Rows[0].Cells[1]);
    }

    [Fact]
    public void Drift_marks_cumulative_features_and_compares_consecutive_segment_mixes()
    {
        var drift = Model(retail.Run, ReportLanguage.En).Appendix.Drift!;
        var frequency = drift.Rows.Single(r => r.Cells[0] == "Purchase occasions (cumulative)");
        Assert.Equal("not comparable (cumulative)", frequency.Cells[2]);
        Assert.False(frequency.Flagged);
        Assert.Contains(drift.Rows, r => r.Cells[0] == "Segment mix vs previous period");
        // Refit only where a comparable PSI passes 0.25.
        Assert.All(drift.Rows.Where(r => r.Cells[2] == "refit"), r => Assert.True(double.Parse(r.Cells[1], CultureInfo.InvariantCulture) > 0.25));
    }

    [Fact]
    public void Drift_shows_orders_in_the_last_12_months_and_only_comparable_measures_decide()
    {
        // The sample (model trained 2025-10-31, data from 2024-11): the window is complete at both snapshots; its PSI is the
        // pandas reference's (tests/reference/evaluation/orders_12m_psi.json: 0.0423).
        var sampleDrift = sample.Run.Result.Drift!;
        var window = Assert.Single(sampleDrift.Windows);
        Assert.Equal(WindowFeatures.Orders12Months, window.Name);
        Assert.Equal(0.042275386760636725, window.Index, 1e-9);
        Assert.Empty(sampleDrift.IncompleteWindows);
        var en = Model(sample.Run, ReportLanguage.En).Appendix;
        var row = en.Drift!.Rows.Single(r => r.Cells[0] == "Orders in the last 12 months");
        Assert.Equal(["0.042", "stable"], row.Cells.Skip(1));
        Assert.Equal("近12个月订单数", Model(sample.Run, ReportLanguage.Zh).Appendix.Drift!.Rows.Single(r => r.Cells[1] == "0.042" && r.Cells[2] == "稳定").Cells[0]);
        // The recommendation names the worst deciding measure. A year after training, the frozen segments are no longer reproduced
        // by refits on this month's buyers (bootstrap Jaccard < 0.6 for segments that were reproduced at training): refit, naming them.
        var stability = sampleDrift.Stability!;
        var dissolved = stability.Segments.Where(s => s.Deciding && s.CurrentJaccard < StabilityDrift.DissolvedBelow).ToArray();
        Assert.NotEmpty(dissolved);
        Assert.All(stability.Segments, s => Assert.True(s.TrainingJaccard > 0.9, $"{s.Key} {s.TrainingJaccard}"));
        Assert.Equal(DriftLevel.Refit, sampleDrift.Level);
        Assert.Contains("Recommendation: refit the segmentation (stability of ", en.DriftNote);
        var names = sample.Run.Model.Segments.ToDictionary(s => s.Key, s => s.NameEn);
        foreach (var s in dissolved) Assert.Contains($"stability of {names[s.Key]} {s.CurrentJaccard:F2}", en.DriftNote);
        Assert.Contains($"Bootstrap stability on this month's buyers ({stability.Bootstraps} refits): lowest mean Jaccard", en.DriftNote);

        // Online Retail 2011-09 (trained 2011-05-31): the training window starts 2010-06-01, before the data (2010-12): not comparable, not deciding.
        var retailDrift = retail.Run.Result.Drift!;
        Assert.Contains(WindowFeatures.Orders12Months, retailDrift.IncompleteWindows);
        var retailRow = Model(retail.Run, ReportLanguage.En).Appendix.Drift!.Rows.Single(r => r.Cells[0] == "Orders in the last 12 months");
        Assert.Equal("not comparable (window starts before the data)", retailRow.Cells[2]);
        Assert.False(retailRow.Flagged);
    }

    [Fact]
    public void A_shifted_window_feature_gives_refit_and_shifted_model_features_never_do()
    {
        var drift = sample.Run.Result.Drift!;
        var shifted = drift.Windows[0] with { Index = 0.31 };
        // Every model feature (cumulative or not) far beyond 0.25, the window and the mix stable: keep the model.
        var features = drift.Features.Select(f => f with { Index = 2.0 }).ToArray();
        // (The stability re-check is left out here: this test is about the PSI measures.)
        drift = drift with { Stability = null };
        var noisy = sample.Run with { Result = sample.Run.Result with { Drift = drift with { Features = features, Segments = drift.Segments with { Index = 0.01 } } } };
        Assert.Equal(DriftLevel.Stable, noisy.Result.Drift!.Level);
        var appendix = Model(noisy, ReportLanguage.En).Appendix;
        Assert.DoesNotContain(appendix.Drift!.Rows, r => r.Cells[2] == "refit");
        Assert.Contains(appendix.Drift.Rows, r => r.Cells[2] == "shifted (does not decide)");
        var mixOnly = sample.Run with { Result = sample.Run.Result with { Drift = drift } };
        Assert.EndsWith("Recommendation: keep the model and watch (Segment mix vs training 0.103).", Model(mixOnly, ReportLanguage.En).Appendix.DriftNote);
        Assert.DoesNotContain("refit the segmentation", appendix.DriftNote);
        // The window beyond 0.25: refit, named.
        var moved = sample.Run with { Result = sample.Run.Result with { Drift = drift with { Windows = [shifted] } } };
        Assert.Equal(DriftLevel.Refit, moved.Result.Drift!.Level);
        var refit = Model(moved, ReportLanguage.En).Appendix;
        Assert.Equal("refit", refit.Drift!.Rows.Single(r => r.Cells[0] == "Orders in the last 12 months").Cells[2]);
        Assert.EndsWith("Recommendation: refit the segmentation (Orders in the last 12 months 0.310).", refit.DriftNote);
        Assert.EndsWith("结论：需重新建模（近12个月订单数 0.310）。", Model(moved, ReportLanguage.Zh).Appendix.DriftNote);
    }

    [Fact]
    public void The_evaluation_json_carries_the_recommendation_and_the_stability_of_every_segment()
    {
        var export = EvaluationExport.Create(sample.Run);
        var drift = sample.Run.Result.Drift!;
        Assert.Equal(drift.Level.ToString(), export.DriftRecommendation);
        Assert.Equal(drift.Stability!.Segments.Select(s => (s.Key, s.CurrentJaccard)), export.SegmentStability.Select(s => (s.Segment, s.CurrentJaccard)));
        using var json = System.Text.Json.JsonDocument.Parse(Segmentation.Analytics.Serialization.ModelJson.Serialize(export));
        var first = json.RootElement.GetProperty("segmentStability")[0];
        Assert.Equal(drift.Stability.Segments[0].TrainingJaccard, first.GetProperty("trainingJaccard").GetDouble(), 1e-12);
        // A model fitted on the month itself has nothing to re-check: no stability, and the JSON says so with an empty list.
        Assert.Empty(EvaluationExport.Create(retail.Run with { Result = retail.Run.Result with { Drift = null } }).SegmentStability);
    }

    [Fact]
    public void The_evaluation_json_carries_the_forecast_suppressed_as_in_the_report()
    {
        var forecast = sample.Run.Result.Forecast!;
        Assert.True(forecast.Reliable);
        var export = EvaluationExport.Create(sample.Run).Forecast!;
        Assert.Equal("2026-10-31", export.PeriodEnd);
        Assert.Equal("2026-11-30", export.HorizonEnd);
        Assert.Equal(forecast.Segments.Select(x => (x.Segment, x.Buyers, x.Orders, x.Revenue)), export.Segments.Select(x => (x.Segment, x.Buyers!, x.Orders!, x.Revenue)));
        Assert.Equal(forecast.Previous!.Select(x => x.ActualOrders), export.Previous!.Select(x => x.ActualOrders));
        using var json = System.Text.Json.JsonDocument.Parse(Segmentation.Analytics.Serialization.ModelJson.Serialize(EvaluationExport.Create(sample.Run)));
        var total = json.RootElement.GetProperty("forecast").GetProperty("segments").EnumerateArray().Single(e => e.GetProperty("segment").GetString() == KpiRow.AllCustomers);
        Assert.Equal(forecast.Segments.Single(x => x.Segment == KpiRow.AllCustomers).Orders.Expected, total.GetProperty("orders").GetProperty("expected").GetDouble(), 1e-9);

        // With a minimum above every segment's size, every segment row is null; the total stays (it hides nobody on its own).
        var strict = EvaluationExport.Create(sample.Run, new ReportFormat(100_000)).Forecast!;
        Assert.All(strict.Segments.Where(x => x.Segment != KpiRow.AllCustomers), x => Assert.True(x.Customers is null && x.Buyers is null && x.Revenue is null));
        Assert.NotNull(strict.Segments.Single(x => x.Segment == KpiRow.AllCustomers).Orders);
    }
}
