using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Models;
using Segmentation.Data;
using Segmentation.Reports.Monthly;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>Issue 20, point 4: a model fitted on data after the report month is refused, or used only when allowed and then said.</summary>
public sealed class LookaheadTests(MonthlyReportFixture fixture) : IClassFixture<MonthlyReportFixture>
{
    [Fact]
    public void The_fitted_model_records_its_training_snapshot() =>
        Assert.Equal(new DateOnly(2025, 10, 31), SegmentationModel.Load(fixture.Options.ModelPath!).TrainingSnapshot);

    [Fact]
    public void A_model_fitted_after_the_month_is_refused_and_allowed_only_on_request()
    {
        // The fixture's model (fitted at 2025-10-31) judging 2025-06.
        var early = new MonthlyRunOptions(new DateOnly(2025, 6, 1), ModelPath: fixture.Options.ModelPath);
        var data = Path.Combine(MonthlyReportFixture.Root, "data", "sample");
        var refused = Assert.Throws<ModelLookaheadException>(() => MonthlyEvaluation.Run(data, early));
        Assert.Equal(new DateOnly(2025, 10, 31), refused.TrainingSnapshot);
        Assert.Contains("2025-10-31", refused.Message);
        Assert.Contains("--allow-lookahead", refused.Message);
        Assert.IsAssignableFrom<ArgumentException>(refused); // the CLI's exit code 1 (wrong arguments)

        var allowed = MonthlyEvaluation.Run(data, early with { AllowLookahead = true });
        Assert.True(allowed.Lookahead);
        foreach (var (language, words) in new[] { (ReportLanguage.En, "Look-ahead warning"), (ReportLanguage.Zh, "前视偏差警告") })
        {
            var pdf = PdfReadBack.Read(new MonthlyReport(allowed, language).Compose().GeneratePdf());
            Assert.Contains(words.Replace(" ", ""), pdf.Pages[0].Text.Replace(" ", ""));
        }
        Assert.False(fixture.Run.Lookahead);
        Assert.Null(new MonthlyReport(fixture.Run).Model.Cover.Warning);
    }
}
