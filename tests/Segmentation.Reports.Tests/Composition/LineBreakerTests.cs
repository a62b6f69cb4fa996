using Segmentation.Reports.Composition;
using Segmentation.Reports.Composition.Layout;
using Segmentation.Reports.Fonts;

namespace Segmentation.Reports.Tests.Composition;

public class LineBreakerTests
{
    private const string ClosingPunctuation = "，。、；：？！）」』》";
    private const string OpeningPunctuation = "（「『《";

    private static LayoutContext Context() =>
        new(FontLibrary.Default, Theme.Default, new TextStyle(10), new FontCache());

    [Fact]
    public void Chinese_breaks_anywhere_but_never_starts_a_line_with_closing_punctuation()
    {
        LayoutContext context = Context();
        var style = new TextStyle(10);
        string text = DemoDocument.ChineseParagraph + "他说：「好。」然后（再）离开。";
        // From the widest unbreakable group up ("「好。」" = 4 full-width characters = 40 pt); narrower
        // columns fall back to splitting by character, where the punctuation rule cannot hold.
        for (float width = 40; width <= 400; width += 6.5f)
        {
            List<TextLine> lines = LineBreaker.Break(text, style, context, width);
            Assert.Equal(text, string.Concat(lines.Select(l => l.Text)));
            for (int i = 0; i < lines.Count; i++)
            {
                string line = lines[i].Text;
                if (i > 0) Assert.False(ClosingPunctuation.Contains(line[0]), $"width {width}: line {i} starts with '{line[0]}'");
                if (i < lines.Count - 1) Assert.False(OpeningPunctuation.Contains(line[^1]), $"width {width}: line {i} ends with '{line[^1]}'");
                // A glued punctuation pair may exceed the width by at most one full-width character.
                Assert.True(lines[i].Width <= width + 10.01f, $"width {width}: line {i} is {lines[i].Width}");
            }
        }
    }

    [Fact]
    public void A_no_break_space_keeps_a_legend_marker_with_its_chinese_or_english_name()
    {
        LayoutContext context = Context();
        var style = new TextStyle(10);
        string text = "■\u00A0线上·高频·年轻    ■\u00A0沉睡流失·低频·低消费    ■\u00A0企业采购·高客单·高消费    ■\u00A0Business buyers, premium";
        for (float width = 60; width <= 400; width += 7.5f)
        {
            List<TextLine> lines = LineBreaker.Break(text, style, context, width);
            Assert.Equal(text.Replace(" ", ""), string.Concat(lines.Select(l => l.Text)).Replace(" ", ""));
            foreach (var line in lines)
            {
                string trimmed = line.Text.TrimEnd();
                Assert.False(trimmed.EndsWith('■') || trimmed.EndsWith('\u00A0'), $"width {width}: '{line.Text}' ends with a marker");
                Assert.False(line.Text.StartsWith('\u00A0'), $"width {width}: '{line.Text}' starts with the no-break space");
            }
        }
    }

    [Fact]
    public void Latin_breaks_only_at_spaces_and_fits_the_width()
    {
        LayoutContext context = Context();
        var style = new TextStyle(10);
        string[] words = DemoDocument.EnglishParagraph.Split(' ');
        float longestWord = words.Max(w => LineBreaker.Shape(w, style, context).Width);
        for (float width = longestWord; width <= 500; width += 9.5f)
        {
            List<TextLine> lines = LineBreaker.Break(DemoDocument.EnglishParagraph, style, context, width);
            Assert.Equal(words, lines.SelectMany(l => l.Text.Split(' ')));
            Assert.All(lines, l => Assert.True(l.Width <= width + 0.01f, $"width {width}: '{l.Text}' is {l.Width}"));
            // Greedy: the next line's first word would not have fitted on this line.
            for (int i = 0; i + 1 < lines.Count; i++)
            {
                string extended = lines[i].Text + " " + lines[i + 1].Text.Split(' ')[0];
                Assert.True(LineBreaker.Shape(extended, style, context).Width > width, $"width {width}: line {i} could take one more word");
            }
        }
    }

    [Fact]
    public void Spans_of_different_styles_wrap_as_one_paragraph()
    {
        LayoutContext context = Context();
        var body = new TextStyle(10);
        var big = new TextStyle(16, Bold: true);
        TextSpan[] spans =
        [
            new("Retention of high-value customers rose to ", body),
            new("87.5%", big),
            new(" this month, 高价值客户留存率继续提高，流失风险组户数下降。", body),
        ];
        string all = string.Concat(spans.Select(s => s.Text));
        for (float width = 90; width <= 400; width += 23)
        {
            List<TextLine> lines = LineBreaker.Break(spans, context, width);
            Assert.Equal(all.Replace(" ", ""), string.Concat(lines.Select(l => l.Text)).Replace(" ", ""));
            foreach (TextLine line in lines)
            {
                bool hasBig = line.Runs.Any(r => r.Style == big);
                Assert.Equal(hasBig ? 16 * 1.4f : 10 * 1.4f, line.Height, 0.001f);
                Assert.True(line.Width <= width + 0.01f);
            }
        }
    }

    [Fact]
    public void A_word_wider_than_the_line_is_split_by_character()
    {
        LayoutContext context = Context();
        List<TextLine> lines = LineBreaker.Break("https://example.com/a/very/long/path", new TextStyle(10), context, 40);
        Assert.True(lines.Count > 1);
        Assert.Equal("https://example.com/a/very/long/path", string.Concat(lines.Select(l => l.Text)));
        Assert.All(lines, l => Assert.True(l.Width <= 40.01f));
    }

    [Fact]
    public void Mixed_text_measures_as_the_sum_of_its_runs()
    {
        LayoutContext context = Context();
        var style = new TextStyle(12, Bold: true);
        TextLine line = LineBreaker.Shape("收入 Revenue 增长 5.1%", style, context);
        float sum = line.Runs.Sum(r => r.Width);
        Assert.Equal(sum, line.Width, 0.001f);
        float manual = "收入 Revenue 增长 5.1%".EnumerateRunes().Sum(r => LineBreaker.Shape(r.ToString(), style, context).Width);
        Assert.Equal(manual, line.Width, 0.01f);
    }
}
