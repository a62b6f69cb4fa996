using System.Globalization;
using System.Text;
using Segmentation.Reports.Composition;
using Segmentation.Reports.Fonts;

namespace Segmentation.Reports.Tests.Composition;

public class ReportDocumentTests
{
    private const int LongTableRows = 200;

    private static string Revenue(int row) => (row * 137.5).ToString("N1", CultureInfo.InvariantCulture);

    private static ReportDocument LongTable(int rows = LongTableRows, string? changedCell = null) => ReportDocument.Create(doc =>
    {
        doc.Metadata("Long table", creationDate: DemoDocument.AsOf);
        doc.Page(page =>
        {
            page.Content().Table(table =>
            {
                table.Columns(c => { c.Constant(70); c.Relative(2); c.Relative(1); });
                table.Header(h =>
                {
                    h.Cell().Text("客户编号");
                    h.Cell().Text("Segment");
                    h.Cell().Text("Revenue").AlignRight();
                });
                for (int i = 1; i <= rows; i++)
                {
                    table.Cell().Text($"C{i:0000}");
                    table.Cell().Text(i == 1 && changedCell is not null ? changedCell : $"段{i % 5}");
                    table.Cell().Text(Revenue(i)).AlignRight();
                }
                table.ZebraStripes();
            });
            page.Footer().PageNumber("Page {0} of {1}").AlignRight();
        });
    });

    [Fact]
    public void Long_table_breaks_between_rows_and_repeats_its_header_on_every_page()
    {
        PdfReadBack read = PdfReadBack.Read(LongTable().GeneratePdf());

        Assert.True(read.Pages.Count >= 4, $"200 rows should need several A4 pages, got {read.Pages.Count}");
        var seen = new List<int>();
        foreach (PdfReadBack.PageText page in read.Pages)
        {
            Assert.Contains("客户编号", page.Words);
            Assert.Contains("Revenue", page.Words);
            var ids = page.RawWords.Where(w => w.Text.Length == 5 && w.Text[0] == 'C' && char.IsDigit(w.Text[1])).ToList();
            Assert.NotEmpty(ids);
            // The header is above every row of its page (PDF y grows upwards).
            double headerBottom = page.RawWords.First(w => w.Text == "Revenue").BoundingBox.Bottom;
            Assert.All(ids, id => Assert.True(id.BoundingBox.Top < headerBottom, $"{id.Text} above the header on page {page.Number}"));
            foreach (var id in ids)
            {
                int row = int.Parse(id.Text[1..], CultureInfo.InvariantCulture);
                seen.Add(row);
                // A row is never cut: its last cell is on the same page as its first.
                Assert.Contains(Revenue(row), page.Words);
            }
        }
        Assert.Equal(Enumerable.Range(1, LongTableRows), seen);
    }

    [Fact]
    public void Repeated_header_keeps_the_inset_of_a_padded_table()
    {
        byte[] pdf = ReportDocument.Create(doc => doc.Page(page => page.Content().Padding(60, 0, 0, 0).Table(table =>
        {
            table.Columns(c => { c.Relative(); c.Relative(); });
            table.Header(h => { h.Cell().Text("Key"); h.Cell().Text("Value"); });
            for (int i = 0; i < 120; i++) { table.Cell().Text($"k{i}"); table.Cell().Text($"v{i}"); }
        }))).GeneratePdf();
        PdfReadBack read = PdfReadBack.Read(pdf);
        Assert.True(read.Pages.Count >= 2);
        var lefts = read.Pages.Select(p => p.RawWords.Single(w => w.Text == "Key").BoundingBox.Left).ToList();
        Assert.All(lefts, left => Assert.Equal(lefts[0], left, 0.01));
        Assert.InRange(lefts[0], 40 + 60, 40 + 60 + 4 + 2); // margin + padding + cell padding (+ side bearing)
    }

    [Fact]
    public void Right_aligned_cells_share_their_right_edge()
    {
        PdfReadBack read = PdfReadBack.Read(LongTable(rows: 30).GeneratePdf());
        PdfReadBack.PageText page = read.Pages[0];
        var rights = Enumerable.Range(1, 30).Select(row => page.RawWords.Single(w => w.Text == Revenue(row)).BoundingBox.Right).ToList();
        // Glyph bounding boxes differ by side bearings (≈0.5 pt at 10 pt); a left-aligned column would spread by ~20 pt.
        Assert.InRange(rights.Max() - rights.Min(), 0, 1.0);
    }

    [Fact]
    public void Page_numbers_count_every_page_of_the_document()
    {
        PdfReadBack read = PdfReadBack.Read(LongTable().GeneratePdf());
        int total = read.Pages.Count;
        foreach (PdfReadBack.PageText page in read.Pages)
            Assert.Contains($"Page{page.Number}of{total}", page.Text.Replace(" ", ""));

        PdfReadBack demo = PdfReadBack.Read(DemoDocument.Create().GeneratePdf());
        foreach (PdfReadBack.PageText page in demo.Pages)
            Assert.Contains($"第{page.Number}页/共{demo.Pages.Count}页", page.Text.Replace(" ", ""));
    }

    [Fact]
    public void Chinese_text_reads_back_exactly_without_radical_substitutes()
    {
        byte[] pdf = ReportDocument.Create(doc => doc.Page(page => page.Content().Column(col =>
        {
            col.Item().Heading("客户细分管理效果评估报告");
            col.Item().Paragraph("月 户 风");
            col.Item().Paragraph(DemoDocument.ChineseParagraph);
        }))).GeneratePdf();

        string raw = PdfReadBack.Read(pdf).Pages[0].RawText; // not NFKC-normalised: radicals would show here
        Assert.Contains("客户细分管理效果评估报告", raw);
        Assert.Contains("月户风", raw.Replace(" ", ""));
        Assert.Contains(DemoDocument.ChineseParagraph, raw.Replace(" ", ""));
        Assert.DoesNotContain(raw, c => c is >= '\u2E80' and <= '\u2FDF' or >= '\u31C0' and <= '\u31EF');
    }

    [Fact]
    public void English_paragraph_wraps_between_words_never_inside_one()
    {
        byte[] pdf = ReportDocument.Create(doc => doc.Page(page =>
            page.Content().Row(row => row.ConstantItem(160).Paragraph(DemoDocument.EnglishParagraph)))).GeneratePdf();
        PdfReadBack.PageText page = PdfReadBack.Read(pdf).Pages[0];

        string[] expected = DemoDocument.EnglishParagraph.Split(' ');
        // Reading order: lines top to bottom, words left to right.
        static double Baseline(UglyToad.PdfPig.Content.Word w) => Math.Round(w.Letters[0].StartBaseLine.Y, 1);
        var words = page.RawWords.OrderByDescending(Baseline).ThenBy(w => w.BoundingBox.Left).ToList();
        Assert.Equal(expected, words.Select(w => w.Text));
        int lines = words.Select(Baseline).Distinct().Count();
        Assert.True(lines >= 10, $"a 160 pt column should wrap this paragraph into many lines, got {lines}");
        double left = words.Min(w => w.BoundingBox.Left);
        Assert.All(words, w => Assert.True(w.BoundingBox.Right <= left + 160 + 0.5, $"'{w.Text}' overflows the column"));
    }

    [Fact]
    public void Chart_is_drawn_as_vector_paths_with_readable_chinese_labels()
    {
        static byte[] Make(bool withChart) => ReportDocument.Create(doc => doc.Page(page => page.Content().Column(col =>
        {
            col.Item().Text("Chart below");
            if (withChart) col.Item().Chart(DemoDocument.SegmentChart(), 220);
            else col.Item().Spacer(220);
        }))).GeneratePdf();

        PdfReadBack.PageText with = PdfReadBack.Read(Make(true)).Pages[0];
        PdfReadBack.PageText without = PdfReadBack.Read(Make(false)).Pages[0];
        // Four bars, the axis frame and the tick marks are paths: many more than the page without a chart.
        Assert.True(with.PathCount >= without.PathCount + 5, $"paths: {with.PathCount} with chart, {without.PathCount} without");
        foreach (string label in new[] { "高价值", "潜力客户", "流失风险", "客户数", "1,500" })
            Assert.Contains(label, with.RawText);
    }

    [Fact]
    public void Same_content_gives_byte_identical_pdf()
    {
        byte[] first = DemoDocument.Create().GeneratePdf();
        byte[] second = DemoDocument.Create().GeneratePdf();
        Assert.Equal(first, second);

        byte[] table = LongTable(rows: 20).GeneratePdf();
        Assert.Equal(table, LongTable(rows: 20).GeneratePdf());
        Assert.NotEqual(table, LongTable(rows: 20, changedCell: "changed").GeneratePdf());
    }

    [Fact]
    public void Metadata_dates_come_from_the_composition_not_the_clock()
    {
        byte[] bytes = DemoDocument.Create(tableRows: 3).GeneratePdf();
        string pdf = Encoding.Latin1.GetString(bytes);
        Assert.Contains("/CreationDate (D:20240131000000", pdf);
        Assert.Contains("/ModDate (D:20240131000000", pdf);
        using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
        Assert.Equal("客户细分管理效果评估报告", document.Information.Title);
        Assert.Equal("Segmentation.Analytics", document.Information.Author);

        string undated = Encoding.Latin1.GetString(ReportDocument.Create(doc => doc.Page(p => p.Content().Text("x"))).GeneratePdf());
        Assert.DoesNotContain("/CreationDate", undated);
    }

    [Fact]
    public void Bold_text_uses_the_bundled_bold_face()
    {
        string bold = Encoding.Latin1.GetString(ReportDocument.Create(doc => doc.Page(page =>
            page.Content().Text("加粗 Bold").Bold())).GeneratePdf());
        string regular = Encoding.Latin1.GetString(ReportDocument.Create(doc => doc.Page(page =>
            page.Content().Text("加粗 Bold"))).GeneratePdf());
        Assert.Contains("NotoSansCJKsc-Bold", bold);
        Assert.DoesNotContain("NotoSansCJKsc-Bold", regular);
    }

    [Fact]
    public void Page_break_starts_a_new_page_without_leaving_blank_ones()
    {
        PdfReadBack read = PdfReadBack.Read(ReportDocument.Create(doc => doc.Page(page => page.Content().Column(col =>
        {
            col.Item().PageBreak(); // at the top of the first page: no effect
            col.Item().Text("first");
            col.Item().PageBreak();
            col.Item().PageBreak(); // already at the top: no blank page
            col.Item().Text("second");
        }))).GeneratePdf());
        Assert.Equal(2, read.Pages.Count);
        Assert.Equal(["first"], read.Pages[0].Words);
        Assert.Equal(["second"], read.Pages[1].Words);
    }

    [Fact]
    public void Chart_taller_than_a_page_fails_with_a_clear_message()
    {
        ReportDocument document = ReportDocument.Create(doc => doc.Page(page =>
            page.Content().Chart(DemoDocument.SegmentChart(), height: 2000)));
        var error = Assert.Throws<LayoutOverflowException>(() => document.GeneratePdf());
        Assert.Contains("chart", error.What);
        Assert.Equal(2000, error.Height);
        Assert.Equal(PageSizes.A4.Height - 80, error.Available, 0.01);
    }

    [Fact]
    public void Chinese_text_without_any_cjk_font_fails_naming_what_was_searched()
    {
        const string missing = "/nonexistent/fonts/NotoSansCJK-Regular.ttc";
        FontLibrary latinOnly = FontLibrary.Resolve(new FontSearchOptions(
            [new FontSource(missing, 2)], [], FontSearchOptions.SystemLatinRegular, FontSearchOptions.SystemLatinBold));
        Theme theme = Theme.Default with { Fonts = latinOnly };

        byte[] english = ReportDocument.Create(doc => doc.Theme(theme).Page(page => page.Content().Text("English only"))).GeneratePdf();
        Assert.Equal(["English", "only"], PdfReadBack.Read(english).Pages[0].Words);

        ReportDocument chinese = ReportDocument.Create(doc => doc.Theme(theme).Page(page => page.Content().Text("Revenue 收入")));
        var error = Assert.Throws<CjkFontNotFoundException>(() => chinese.GeneratePdf());
        Assert.Equal('收', error.CodePoint);
        Assert.Contains(missing + "#2 (missing)", error.Message);
    }

    [Fact]
    public void Kpi_delta_is_coloured_by_whether_the_change_is_good()
    {
        byte[] pdf = ReportDocument.Create(doc => doc.Page(page => page.Content().Row(row =>
        {
            row.RelativeItem().KpiCard("收入", "100", "UP5", deltaGood: true);
            row.RelativeItem().KpiCard("成本", "80", "UP7", deltaGood: false);
        }))).GeneratePdf();
        PdfReadBack read = PdfReadBack.Read(pdf);
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var letters = document.GetPage(1).Letters;
        (double R, double G, double B) ColourOf(char c) => letters.First(l => l.Value == c.ToString()).Color.ToRGBValues();
        Theme theme = Theme.Default;
        Assert.Equal(theme.Good.Green / 255.0, ColourOf('5').G, 0.01);
        Assert.Equal(theme.Good.Red / 255.0, ColourOf('5').R, 0.01);
        Assert.Equal(theme.Bad.Red / 255.0, ColourOf('7').R, 0.01);
        Assert.Equal(theme.Bad.Green / 255.0, ColourOf('7').G, 0.01);
        Assert.Contains("收入", read.Pages[0].Text);
    }

    [Fact]
    public void Rich_text_spans_keep_their_own_colour_and_read_back_in_order()
    {
        var highlight = new SkiaSharp.SKColor(0xC6, 0x28, 0x28);
        byte[] pdf = ReportDocument.Create(doc => doc.Page(page => page.Content().Text(t =>
        {
            t.Span("留存率提升至 ");
            t.Span("87%").Bold().FontColor(highlight);
            t.Span(" (up from 84%)");
        }))).GeneratePdf();
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var letters = document.GetPage(1).Letters;
        Assert.Equal("留存率提升至87%(upfrom84%)", string.Concat(letters.Select(l => l.Value)).Replace(" ", ""));
        var eight = letters.Where(l => l.Value == "8").Select(l => l.Color.ToRGBValues()).ToList();
        Assert.Equal(2, eight.Count);
        Assert.Equal(highlight.Red / 255.0, eight[0].r, 0.01);   // the span
        Assert.Equal(Theme.Default.Text.Red / 255.0, eight[1].r, 0.01); // the plain text after it
    }

    [Fact]
    public void Heading_moves_to_the_next_page_with_the_paragraph_it_introduces()
    {
        // Body height of A4 with 40 pt margins: 761.89 pt. Fill it so that a 13 pt heading (≈17 pt line)
        // still fits but heading + first paragraph line (≈14 pt more) does not.
        PdfReadBack read = PdfReadBack.Read(ReportDocument.Create(doc => doc.Page(page => page.Content().Column(col =>
        {
            col.Item().Spacer(PageSizes.A4.Height - 80 - 25);
            col.Item().Heading("Orphan check", level: 2);
            col.Item().Paragraph("First line of the section.");
        }))).GeneratePdf());
        Assert.Equal(2, read.Pages.Count);
        Assert.Empty(read.Pages[0].Words);
        Assert.Equal(["Orphan", "check", "First", "line", "of", "the", "section."], read.Pages[1].Words);
    }

    [Fact]
    public void A_container_takes_one_content_only()
    {
        Assert.Throws<InvalidOperationException>(() => ReportDocument.Create(doc => doc.Page(page =>
        {
            page.Content().Text("one");
            page.Content().Text("two");
        })));
    }
}
