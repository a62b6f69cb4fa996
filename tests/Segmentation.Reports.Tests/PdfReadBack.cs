using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Segmentation.Reports.Tests;

/// <summary>What a PDF reader (PdfPig 0.1.16) sees in a generated PDF: per page, words and text, NFKC-normalised.</summary>
internal sealed record PdfReadBack(IReadOnlyList<PdfReadBack.PageText> Pages)
{
    internal sealed record PageText(int Number, IReadOnlyList<string> Words, string Text, string RawText, IReadOnlyList<Word> RawWords,
                                    int PathCount, double Width, double Height);

    public static PdfReadBack Read(byte[] pdf)
    {
        using PdfDocument document = PdfDocument.Open(pdf);
        var pages = new List<PageText>();
        foreach (Page page in document.GetPages())
        {
            List<Word> words = page.GetWords().ToList();
            pages.Add(new PageText(page.Number,
                                   words.Select(w => w.Text.Normalize(NormalizationForm.FormKC)).ToList(),
                                   page.Text.Normalize(NormalizationForm.FormKC), page.Text,
                                   words, page.Paths.Count, page.Width, page.Height));
        }
        return new PdfReadBack(pages);
    }

    /// <summary>All page texts concatenated (PdfPig joins runs without spaces).</summary>
    public string AllText => string.Concat(Pages.Select(p => p.Text));
}
