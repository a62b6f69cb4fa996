using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Models;
using Segmentation.Reports.Composition;
using Segmentation.Reports.Monthly;
using Segmentation.Reports.Monthly.Sections;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Tests.Monthly;

public sealed class MonthlyReportModelTests(MonthlyReportFixture fixture) : IClassFixture<MonthlyReportFixture>
{
    private static MonthlyReportModel Model(MonthlyEvaluation run, ReportLanguage language = ReportLanguage.En, int minimumGroup = 10) =>
        MonthlyReportModel.Create(run, new MonthlyReportOptions(language, new ReportFormat(minimumGroup)));

    private static string Methodology(MonthlyEvaluation run, ReportLanguage language = ReportLanguage.En) =>
        string.Join("\n", Model(run, language).Methodology.Paragraphs);

    [Fact]
    public void The_evaluation_records_the_engine_it_ran_in() => Assert.Equal("duckdb", fixture.Run.Engine);

    [Theory]
    [InlineData(ReportLanguage.Zh, "数据经 DuckDB 逐行校验：缺失、类型、取值范围、未知类别、未来日期、重复主键与直接身份信息一律拒绝并记录原因；读取行数 = 接受 + 拒绝。")]
    [InlineData(ReportLanguage.En, "Every input row is validated in DuckDB: missing values, types, ranges, unknown categories, future dates, duplicate keys and direct identifiers are rejected with a reason; rows read = accepted + rejected.")]
    public void A_duckdb_run_keeps_the_validation_sentence(ReportLanguage language, string sentence) =>
        Assert.Equal(sentence, Model(fixture.Run, language).Methodology.Paragraphs[0]);

    [Theory]
    [InlineData("postgres", "validated on the PostgreSQL server", "ran in PostgreSQL")]
    [InlineData("clickhouse", "validated in DuckDB before it is loaded into the ClickHouse cluster", "ran in the ClickHouse cluster")]
    public void The_methodology_names_the_engine_that_ran(string engine, string validated, string ran)
    {
        var text = Methodology(fixture.Run with { Engine = engine });
        Assert.Contains(validated, text);
        Assert.Contains(ran, text);
        Assert.DoesNotContain("ran in DuckDB", text);
    }

    [Fact]
    public void The_methodology_says_how_the_model_came_and_which_windows_were_compared()
    {
        var fitted = Methodology(fixture.Run with { ModelFitted = true });
        Assert.Contains("the segmentation model was fitted in this run", fitted);
        Assert.Contains("monthly reporting cycle", fitted);
        Assert.Contains("each month", fitted);
        var windows = fixture.Run.Result.Windows!.Periods;
        Assert.Contains($"management started in 2025-11: baseline {windows[0].Label} vs evaluation {windows[1].Label}", fitted);

        var sampled = fixture.Run with { ModelFitted = false, Model = fixture.Run.Model with { Sample = new TrainingSample(100_000, 954_321, 20261) } };
        Assert.Contains("loaded from its saved file (frozen, not refitted in this run), fitted on a random sample of 100,000 of 954,321 buyers (seed 20261)",
            Methodology(sampled));

        var result = fixture.Run.Result;
        var quarterly = fixture.Run with { Result = result with { Options = result.Options with { Cycle = ReportingCycle.Quarterly, ManagementStart = null } } };
        var zh = Methodology(quarterly, ReportLanguage.Zh);
        Assert.Contains("季度报告周期", zh);
        Assert.Contains("模型冻结后每季度对全部客户重新归类", zh);
        Assert.Contains("未设定管理起始月，不做前后对比", zh);
    }

    [Fact]
    public void Small_groups_are_suppressed_in_the_view_model()
    {
        var result = fixture.Run.Result;
        var model = Model(fixture.Run, minimumGroup: 400);
        int last = result.Kpis.Periods.Count - 1;
        // An empty segment (0 customers) protects no one and prints 0.
        var small = result.Segments.Where(s => result.Kpis.Row(s.Key, last).Customers is > 0 and < 400).Select(s => s.NameEn).ToHashSet();
        Assert.NotEmpty(small);
        foreach (var row in model.Overview.Table.Rows.Where(r => small.Contains(r.Cells[0])))
            Assert.Equal(new[] { "<400", ReportFormat.Dash, ReportFormat.Dash, ReportFormat.Dash, ReportFormat.Dash }, row.Cells.Skip(2));
        Assert.DoesNotContain(model.Overview.Chart.Segments, small.Contains);
        Assert.All(model.Kpis.Trends, t => Assert.DoesNotContain(t.Series, s => small.Contains(s.Name)));
    }

    [Fact]
    public void A_report_of_the_view_model_is_the_report_of_the_evaluation()
    {
        var direct = new MonthlyReport(fixture.Run, ReportLanguage.En).Compose().GeneratePdf();
        var viaModel = new MonthlyReport(Model(fixture.Run)).Compose().GeneratePdf();
        Assert.Equal(direct, viaModel);
    }

    [Fact]
    public void Every_section_is_a_component_that_renders_on_its_own()
    {
        var m = Model(fixture.Run);
        var theme = MonthlyReport.Theme;
        (IComponent Section, string Heading)[] sections =
        [
            (new CoverSection(m.Cover, theme), m.Cover.Title),
            (new ExecutiveSummarySection(m.Summary, theme), m.Summary.Heading),
            (new SegmentOverviewSection(m.Overview, theme), m.Overview.Heading),
            (new SegmentKpisSection(m.Kpis, theme), m.Kpis.Heading),
            (new CampaignsSection(m.Campaigns, theme), m.Campaigns.Heading),
            (new PlaybookSection(m.Playbook, theme), m.Playbook.Heading),
            (new MigrationSection(m.Migration, theme), m.Migration.Heading),
            (new ChurnSection(m.Churn, theme), m.Churn.Heading),
            (new AppendixSection(m.Appendix, theme), m.Appendix.Heading),
            (new MethodologySection(m.Methodology, theme), m.Methodology.Heading),
        ];
        foreach (var (section, heading) in sections)
        {
            var pdf = ReportDocument.Create(doc => doc.Page(page => page.Content().Component(section))).GeneratePdf();
            Assert.Contains(heading.Replace(" ", ""), PdfReadBack.Read(pdf).AllText.Replace(" ", ""));
        }
    }
}
