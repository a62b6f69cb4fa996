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
    }
}
