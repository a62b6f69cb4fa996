using System.Text;
using System.Text.RegularExpressions;
using Segmentation.Analytics.Evaluation;
using Segmentation.Reports.Monthly;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>
/// Issue 20, point 7: no page is under a third full unless it ends a section (the next page opens the next section) or the
/// document — on the sample (every input) and on the transactions-only real export, in both languages. Fill is read back from
/// the PDF as a reader sees it: the lowest text of the page body (charts carry their axis labels and legends as text).
/// </summary>
public sealed class PageFillTests(MonthlyReportFixture sample, TransactionsOnlyFixture retail)
    : IClassFixture<MonthlyReportFixture>, IClassFixture<TransactionsOnlyFixture>
{
    // MonthlyReport's page: A4 (842 pt) with margins 42 (top) and 36 (bottom); the running header (baseline ≈ 793 pt from the
    // bottom) and the footer (two lines, baselines ≈ 38 and 47) sit in them. PdfPig reads these fonts' words with a zero-height box
    // at their baseline, so words are placed by their baseline.
    internal const double PageHeight = 842, BodyTop = 785, BodyBottom = 55;

    public static TheoryData<string, ReportLanguage> Reports => new()
    {
        { "sample", ReportLanguage.Zh }, { "sample", ReportLanguage.En },
        { "online-retail", ReportLanguage.Zh }, { "online-retail", ReportLanguage.En },
    };

    /// <summary>Headings that open a section: the report's numbered sections, the appendix and any "s_…" section.</summary>
    private static string[] SectionHeadings(ReportLanguage language)
    {
        var text = ReportStrings.For(language);
        return [.. ReportStrings.Ids.Where(id => Regex.IsMatch(id, @"^s(\d+|_[a-z_]+)$")).Select(id => Squeeze(text[id].Split('{')[0]))];
    }

    private static string Squeeze(string s) => Regex.Replace(s.Normalize(NormalizationForm.FormKC), @"\s+", "");

    [Theory]
    [MemberData(nameof(Reports))]
    public void No_page_is_under_a_third_full_unless_it_ends_a_section(string data, ReportLanguage language)
    {
        var run = data == "sample" ? sample.Run : retail.Run;
        var pdf = PdfReadBack.Read(new MonthlyReport(run, language).Compose().GeneratePdf());
        var headings = SectionHeadings(language);
        Assert.NotEmpty(headings);
        var problems = new List<string>();
        for (int i = 0; i < pdf.Pages.Count - 1; i++)
        {
            var body = Body(pdf.Pages[i]);
            double lowest = body.Count == 0 ? BodyTop : body.Min(w => w.BoundingBox.Bottom);
            double fill = (BodyTop - lowest) / (BodyTop - BodyBottom);
            if (fill >= 1.0 / 3) continue;
            string next = Squeeze(FirstLine(pdf.Pages[i + 1]));
            if (!headings.Any(h => next.StartsWith(h, StringComparison.Ordinal)))
                problems.Add($"page {i + 1} is {fill:P0} full and page {i + 2} continues the section (\"{next}\")");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The first line of the page body (words on the highest baseline below the running header).</summary>
    private static string FirstLine(PdfReadBack.PageText page)
    {
        var body = Body(page);
        if (body.Count == 0) return "";
        double top = body.Max(w => w.BoundingBox.Bottom);
        return string.Concat(body.Where(w => w.BoundingBox.Bottom > top - 4).OrderBy(w => w.BoundingBox.Left).Select(w => w.Text));
    }

    private static List<UglyToad.PdfPig.Content.Word> Body(PdfReadBack.PageText page) =>
        page.RawWords.Where(w => w.BoundingBox.Bottom > BodyBottom && w.BoundingBox.Bottom < BodyTop).ToList();

    [Fact]
    public void The_measure_finds_the_section_headings_and_reads_a_short_page_as_short()
    {
        // Guards the measure itself: section openings are found as the first body line of their page, and a page that holds two
        // lines before a page break reads as far under a third full while a page of many lines does not.
        var pdf = PdfReadBack.Read(new MonthlyReport(sample.Run, ReportLanguage.En).Compose().GeneratePdf());
        var text = ReportStrings.For(ReportLanguage.En);
        var firstLines = pdf.Pages.Select(p => Squeeze(FirstLine(p))).ToList();
        foreach (var id in new[] { "s1", "s4", "s7" })
            Assert.Contains(firstLines, l => l.StartsWith(Squeeze(text[id]), StringComparison.Ordinal));
        Assert.DoesNotContain(pdf.Pages, p => p.RawWords.Any(w => w.BoundingBox.Bottom < 0 || w.BoundingBox.Top > PageHeight));

        var demo = PdfReadBack.Read(Segmentation.Reports.Composition.ReportDocument.Create(doc => doc.Page(page =>
        {
            page.Size(Segmentation.Reports.Composition.PageSizes.A4);
            page.Margin(42, 40, 42, 36);
            page.Header().Text("header");
            page.Footer().Text("footer");
            page.Content().Column(col =>
            {
                col.Item().Text("A short page: two lines.");
                col.Item().Text("Second line.");
                col.Item().PageBreak();
                for (int i = 0; i < 60; i++) col.Item().Text($"Line {i} of a full page.");
            });
        })).GeneratePdf());
        double Fill(PdfReadBack.PageText page) => (BodyTop - Body(page).Min(w => w.BoundingBox.Bottom)) / (BodyTop - BodyBottom);
        Assert.True(Fill(demo.Pages[0]) < 0.1, $"{Fill(demo.Pages[0]):P0}");
        Assert.True(Fill(demo.Pages[1]) > 0.9, $"{Fill(demo.Pages[1]):P0}");
    }
}
