using SkiaSharp;
using Segmentation.Reports.Composition.Layout;
using Segmentation.Reports.Fonts;

namespace Segmentation.Reports.Composition;

/// <summary>
/// A document composed with a fluent API in the spirit of QuestPDF and written as PDF through
/// SkiaSharp's PDF backend:
/// <code>
/// ReportDocument.Create(doc => doc.Page(page =>
/// {
///     page.Header().Text("客户细分月报");
///     page.Content().Column(col => { col.Item().Heading("1. 概览"); col.Item().Paragraph(text); });
///     page.Footer().PageNumber("第 {0} 页 / 共 {1} 页").AlignCenter();
/// })).GeneratePdf("report.pdf");
/// </code>
/// </summary>
/// <remarks>
/// Generation runs in two passes: every element is laid out into unsplittable blocks and paginated
/// (so the total page count is known), then each page is drawn. Text, rules and charts are vectors;
/// fonts are embedded (CFF faces as Type 3 glyph subsets with a ToUnicode map, so the text stays
/// extractable). Output is deterministic: the same composition gives byte-identical PDFs (no clock,
/// no random IDs). Content that cannot fit an empty page body raises <see cref="LayoutOverflowException"/>.
/// </remarks>
public sealed class ReportDocument
{
    private const string Producer = "Segmentation.Reports (SkiaSharp PDF)";
    private readonly DocumentDescriptor descriptor;

    private ReportDocument(DocumentDescriptor descriptor) => this.descriptor = descriptor;

    /// <summary>Composes a document; nothing is laid out until a <c>GeneratePdf</c> call.</summary>
    public static ReportDocument Create(Action<DocumentDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var descriptor = new DocumentDescriptor();
        compose(descriptor);
        if (descriptor.Pages.Count == 0)
            throw new InvalidOperationException("A document needs at least one doc.Page(...).");
        return new ReportDocument(descriptor);
    }

    /// <summary>Writes the PDF to <paramref name="path"/> (created or overwritten).</summary>
    public void GeneratePdf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = GeneratePdf(); // lay out fully before touching the file: a layout error leaves no half-written file
        Segmentation.Analytics.Serialization.AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Returns the PDF bytes.</summary>
    public byte[] GeneratePdf()
    {
        using var buffer = new MemoryStream();
        GeneratePdf(buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the PDF to <paramref name="stream"/>, which stays open.</summary>
    /// <exception cref="LayoutOverflowException">An unsplittable item is taller than a page body.</exception>
    /// <exception cref="CjkFontNotFoundException">Text needs CJK glyphs and no CJK font was found.</exception>
    public void GeneratePdf(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Theme theme = descriptor.ThemeValue;
        using var fontCache = new FontCache();
        var context = new LayoutContext(theme.Fonts ?? FontLibrary.Default, theme,
                                        descriptor.DefaultStyle ?? new TextStyle(theme.BodySize), fontCache);
        List<PageLayout> pages = descriptor.Pages.SelectMany(page => Paginate(page, context)).ToList();

        DocumentMetadata info = descriptor.MetadataValue;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = info.Title ?? "",
            Author = info.Author ?? "",
            Subject = info.Subject ?? "",
            Keywords = info.Keywords ?? "",
            Creator = Producer,
            Producer = Producer,
            Creation = info.CreationDate,
            Modified = info.CreationDate,
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };
        using var managed = new SKManagedWStream(stream, disposeManagedStream: false);
        using (SKDocument pdf = SKDocument.CreatePdf(managed, metadata))
        {
            for (int i = 0; i < pages.Count; i++)
            {
                PageLayout page = pages[i];
                var draw = new DrawContext(i + 1, pages.Count);
                SKCanvas canvas = pdf.BeginPage(page.Size.Width, page.Size.Height);
                page.Header?.Paint(canvas, page.Left, page.HeaderTop, draw);
                foreach (PlacedBlock placed in page.Body)
                    placed.Block.Paint(canvas, page.Left, page.BodyTop + placed.Y, draw);
                page.Footer?.Paint(canvas, page.Left, page.FooterTop, draw);
                pdf.EndPage();
            }
            pdf.Close();
        }
        managed.Flush();
    }

    private static IEnumerable<PageLayout> Paginate(PageDescriptor page, LayoutContext context)
    {
        (float left, float top, float right, float bottom) = page.Margins;
        PageSize size = page.PageSize;
        float width = size.Width - left - right;
        if (!(width > 0))
            throw new InvalidOperationException($"The margins ({left} + {right} pt) leave no width on a {size.Width} pt wide page.");

        Theme theme = context.Theme;
        LayoutContext small = context with
        {
            DefaultStyle = context.DefaultStyle with { Size = theme.SmallSize, Color = theme.MutedText },
        };
        Block? header = page.HeaderSlot.IsEmpty ? null : Block.Stack(page.HeaderSlot.LayoutChild(small, width), "page header");
        Block? footer = page.FooterSlot.IsEmpty ? null : Block.Stack(page.FooterSlot.LayoutChild(small, width), "page footer");
        float headerSpace = header is null ? 0 : header.Height + theme.HeaderFooterGap;
        float footerSpace = footer is null ? 0 : footer.Height + theme.HeaderFooterGap;
        float bodyHeight = size.Height - top - bottom - headerSpace - footerSpace;
        if (!(bodyHeight > 0))
            throw new LayoutOverflowException("page header and footer", headerSpace + footerSpace, size.Height - top - bottom);

        foreach (List<PlacedBlock> body in Paginator.Paginate(page.ContentSlot.LayoutChild(context, width), bodyHeight))
            yield return new PageLayout(size, left, top, top + headerSpace, size.Height - bottom - (footer?.Height ?? 0),
                                        header, body, footer);
    }

    private sealed record PageLayout(PageSize Size, float Left, float HeaderTop, float BodyTop, float FooterTop,
                                     Block? Header, List<PlacedBlock> Body, Block? Footer);
}
