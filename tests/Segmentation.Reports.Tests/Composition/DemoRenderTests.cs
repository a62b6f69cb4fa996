namespace Segmentation.Reports.Tests.Composition;

public class DemoRenderTests
{
    [Fact]
    public void Demo_document_renders_and_reads_back_its_title()
    {
        byte[] pdf = DemoDocument.Create().GeneratePdf();
        string? outDir = Environment.GetEnvironmentVariable("SEG_REPORTS_DEMO_DIR");
        if (outDir is not null) File.WriteAllBytes(Path.Combine(outDir, "demo.pdf"), pdf);
        PdfReadBack read = PdfReadBack.Read(pdf);
        Assert.Contains("客户细分管理效果评估报告", read.Pages[0].Text);
        Assert.True(read.Pages.Count >= 3, $"expected at least 3 pages, got {read.Pages.Count}");
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Single(document.GetPage(1).GetImages()); // the PNG, embedded once
        Assert.Contains("结论", read.Pages[^1].Text);      // after the page break, on its own page
        Assert.DoesNotContain("C0001", read.Pages[^1].Text);
    }
}
