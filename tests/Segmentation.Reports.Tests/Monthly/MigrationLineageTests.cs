using System.Text.RegularExpressions;
using Segmentation.Analytics;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Models;
using Segmentation.Reports.Monthly;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>Issue 21, point 3: the migration page of a refit says which segments continued, which are new and which retired.</summary>
public sealed class MigrationLineageTests(MonthlyReportFixture sample) : IClassFixture<MonthlyReportFixture>
{
    /// <summary>
    /// The sample's run with its model turned into a refit of a previous model that had five of its segments (same centroids, same
    /// keys) and, instead of the largest one, a segment far away ("Lapsed regulars"): five continue, the largest is new, one retired.
    /// The keys of the run's model do not change (continued keys are the previous keys), so the evaluation's numbers stay valid.
    /// </summary>
    private (MonthlyEvaluation Run, Segmentation.Analytics.Models.SegmentDefinition Fresh) Refit()
    {
        var model = sample.Run.Model;
        var previous = model with
        {
            Segments = model.Segments.Select(s => s.Segment != 0 ? s : s with
            {
                Key = "lapsed_regulars", NameZh = "流失老客户", NameEn = "Lapsed regulars",
                Centroid = s.Centroid.Select(v => v + 10).ToEquatableArray(),
            }).ToEquatableArray(),
            TrainingSnapshot = new DateOnly(2025, 9, 30),
        };
        var refit = model.WithLineage(previous);
        Assert.Equal(model.Segments.Select(s => s.Key), refit.Segments.Select(s => s.Key));
        return (sample.Run with { Model = refit }, refit.Segments[0]);
    }

    private static MonthlyReportModel Model(MonthlyEvaluation run, ReportLanguage language) =>
        MonthlyReportModel.Create(run, new MonthlyReportOptions(language));

    [Theory]
    [InlineData(ReportLanguage.En, "5 continued", "1 new", "1 retired (Lapsed regulars)", " [new]")]
    [InlineData(ReportLanguage.Zh, "延续 5 个", "新增 1 个", "退出 1 个（流失老客户）", "［新］")]
    public void The_migration_page_names_continued_new_and_retired_segments(ReportLanguage language, string continued, string fresh, string retired, string mark)
    {
        var (run, segment) = Refit();
        var model = Model(run, language);
        var sentence = model.Migration.Lineage!;
        Assert.Contains(continued, sentence);
        Assert.Contains(fresh, sentence);
        Assert.Contains(retired, sentence);
        Assert.Contains(language == ReportLanguage.Zh ? segment.NameZh : segment.NameEn, sentence);
        Assert.Contains("2025-09-30", sentence); // the previous model's snapshot
        // The heatmap and the table mark the new segment, and only it.
        string name = language == ReportLanguage.Zh ? segment.NameZh : segment.NameEn;
        var heatmap = model.Migration.Heatmap!;
        Assert.Equal(1, heatmap.To.Count(l => l.EndsWith(mark, StringComparison.Ordinal)));
        Assert.Contains(heatmap.To, l => l.StartsWith(name, StringComparison.Ordinal) && l.EndsWith(mark, StringComparison.Ordinal));
        Assert.Contains(model.Migration.Table!.Header, h => h.EndsWith(mark, StringComparison.Ordinal));
        // On the page, and still no raw identifier (the retired key, the previous model's hash) in the PDF.
        var pdf = PdfReadBack.Read(new MonthlyReport(model).Compose().GeneratePdf());
        var text = Regex.Replace(pdf.AllText, @"\s+", "");
        Assert.Contains(Regex.Replace(continued, @"\s+", ""), text);
        Assert.DoesNotContain("lapsed_regulars", pdf.AllText);
        Assert.DoesNotContain(run.Model.PreviousModel!.ModelSha256[..12], pdf.AllText);
        Assert.DoesNotContain(pdf.Pages.SelectMany(p => p.Words), w => Regex.IsMatch(w, @"[a-z]+(_[a-z0-9]+)+"));
    }

    [Fact]
    public void A_model_fitted_afresh_prints_no_lineage_and_marks_nothing()
    {
        var model = Model(sample.Run, ReportLanguage.En);
        Assert.Null(model.Migration.Lineage);
        Assert.DoesNotContain(model.Migration.Heatmap!.To, l => l.EndsWith(" [new]", StringComparison.Ordinal));
    }
}
