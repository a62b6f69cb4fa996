using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Segmentation.Analytics.Evaluation;
using Segmentation.Notebooks.Running;
using Segmentation.Reports.Monthly;
using UglyToad.PdfPig;
using Segmentation.Data;

namespace Segmentation.Notebooks.Tests.Running;

/// <summary>
/// Notebook 07 shows the monthly PDF's numbers, and notebook 00 (the reviewer re-run) fails when a stored validation number
/// of the model it checks has drifted.
/// </summary>
public sealed class ReportNotebookTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Fact]
    public async Task Notebook_07_displays_the_numbers_the_monthly_pdf_prints()
    {
        NotebookExecutionTests.RequireSampleData();
        RepositoryPaths.RequireCommittedModel();
        var result = await new NotebookRunner().RunAsync(Path.Combine(RepositoryPaths.Notebooks, "07-effect-evaluation.ipynb"));
        Assert.True(result.Succeeded, result.ToString());
        var html = string.Concat(result.Cells.SelectMany(c => c.Outputs).Select(o => o["text/html"] ?? o["text/plain"] ?? ""));
        var shownCells = RichDisplayResultsTests.Cells(html);
        var shownText = WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

        // The PDF of the same inputs (the README's main job), read back as its words.
        var run = MonthlyEvaluation.Run(RepositoryPaths.Data("sample"), SampleEvaluationFixture.Options);
        Assert.False(run.ModelFitted);
        var report = new MonthlyReport(run, ReportLanguage.Zh);
        var (pdfWords, pdfText) = ReadPdf(report.Compose().GeneratePdf());
        var e = run.Result;
        var format = new ReportFormat();
        int last = e.Kpis.Periods.Count - 1;
        var total = e.Kpis.Total(last);
        int compared = 0;
        // asCell: a table cell in the notebook and a word of the PDF; else a run of text in both (the PDF's summary cards may
        // wrap a value such as "419.5万" over two lines, so they are found in the page text with the white space removed).
        void InBoth(string what, string value, bool asCell = true)
        {
            Assert.True(asCell ? pdfWords.Contains(value) : pdfText.Contains(value, StringComparison.Ordinal), $"{what}: the PDF does not print '{value}'.");
            Assert.True(asCell ? shownCells.Contains(value) : shownText.Contains(value, StringComparison.Ordinal), $"{what}: notebook 07 does not show '{value}'.");
            compared++;
        }

        InBoth("total customers", format.Count(total.Customers));
        InBoth("revenue of the month (summary card)", ReportFormat.Compact(total.Revenue, ReportLanguage.Zh), asCell: false);
        InBoth("profit of the month (summary card)", ReportFormat.Compact(total.Profit, ReportLanguage.Zh), asCell: false);
        foreach (var s in e.Segments.Where(s => !format.Suppress(e.Kpis.Row(s.Key, last).Customers)))
            InBoth($"customers of {s.Key}", format.Count(e.Kpis.Row(s.Key, last).Customers));
        foreach (var c in e.BeforeAfter.Where(c => !format.Suppress(e.Kpis.Row(c.Segment, last).Customers)))
        {
            InBoth($"revenue before, {c.Segment}", ReportFormat.Money(c.Change("revenue").Reference));
            InBoth($"revenue after, {c.Segment}", ReportFormat.Money(c.Change("revenue").Current));
        }
        foreach (var c in e.Campaigns)
        {
            InBoth($"incremental profit of {c.Campaign.CampaignId}", ReportFormat.Money(c.IncrementalProfit));
            InBoth($"cost of {c.Campaign.CampaignId}", ReportFormat.Money(c.Campaign.Cost));
            InBoth($"p of {c.Campaign.CampaignId}", ReportFormat.P(c.Conversion.PValue));
        }
        foreach (var s in e.ChurnRisk!.Segments.Where(s => !format.Suppress(s.Customers)))
        {
            InBoth($"value at risk of {s.Segment}", ReportFormat.Money(s.ValueAtRisk));
            InBoth($"at-risk customers of {s.Segment}", format.Count(s.AtRiskCustomers));
        }
        foreach (var p in e.Drift!.Features.Prepend(e.Drift.Segments)) InBoth($"PSI of {p.Name}", p.Index.ToString("F3", Inv));
        foreach (var b in e.Budget!.Segments) InBoth($"budget of {b.Segment}", ((double)b.Amount).ToString("N2", Inv));
        Assert.True(compared >= 40, $"only {compared} numbers compared");

        // The findings, word for word.
        foreach (var f in report.Findings().Concat(new MonthlyReport(run, ReportLanguage.En).Findings()))
            Assert.Contains(f, shownText);
    }

    [Fact]
    public async Task Notebook_00_passes_on_the_committed_model_and_fails_when_a_stored_number_drifts()
    {
        NotebookExecutionTests.RequireSampleData();
        RepositoryPaths.RequireCommittedModel();
        var notebook = Path.Combine(RepositoryPaths.Notebooks, "00-reviewer-rerun.ipynb");
        var folder = Path.Combine(Path.GetTempPath(), "seg-reviewer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(RepositoryPaths.CommittedModel))!;
            var indices = json["validation"]!["indices"]!;
            double silhouette = indices["silhouette"]!.GetValue<double>();
            indices["silhouette"] = silhouette + 0.01;
            var altered = Path.Combine(folder, "segmentation-model-altered.json");
            File.WriteAllText(altered, json.ToJsonString(), new UTF8Encoding(false));

            var passed = await RunWithModel(notebook, RepositoryPaths.CommittedModel);
            var failed = await RunWithModel(notebook, altered);

            Assert.True(passed.Succeeded, passed.ToString());
            Assert.False(failed.Succeeded);
            Assert.Equal(failed.CodeCells, failed.FailedCell!.CodeCellNumber);   // the verdict cell
            Assert.Contains("1 of ", failed.FailedCell.Error);
            Assert.Contains("silhouette: stored " + (silhouette + 0.01).ToString("R", Inv), failed.FailedCell.Error);
            Assert.Contains("recomputed " + silhouette.ToString("R", Inv), failed.FailedCell.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<NotebookRunResult> RunWithModel(string notebook, string model)
    {
        Environment.SetEnvironmentVariable("SEG_REVIEW_MODEL", model);
        try
        {
            return await new NotebookRunner().RunAsync(notebook);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SEG_REVIEW_MODEL", null);
        }
    }

    /// <summary>PdfPig 0.1.16's words (NFKC-normalised) and the page texts joined without white space.</summary>
    private static (HashSet<string> Words, string Text) ReadPdf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToArray();
        var words = pages.SelectMany(p => p.GetWords()).Select(w => w.Text.Normalize(NormalizationForm.FormKC)).ToHashSet(StringComparer.Ordinal);
        var text = Regex.Replace(string.Concat(pages.Select(p => p.Text)).Normalize(NormalizationForm.FormKC), @"\s+", "");
        return (words, text);
    }
}
