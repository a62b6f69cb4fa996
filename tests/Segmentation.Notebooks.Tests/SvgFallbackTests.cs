using System.Globalization;
using System.Text.RegularExpressions;
using Segmentation.Analytics.Segmenting;
using Segmentation.Reports.Fonts;

namespace Segmentation.Notebooks.Tests;

/// <summary>
/// The static SVG fallback as an analyst sees it: Chinese text kept and set in the bundled CJK face, category labels that
/// do not run into each other, legends beside the data rather than on it.
/// </summary>
public sealed class SvgFallbackTests
{
    private static readonly string[] Segments = ["高价值忠诚客户", "年轻线上高消费", "steady middle aged", "流失风险客户", "新客户", "沉睡客户"];
    private static readonly string[] Features = ["recency_days", "frequency", "monetary", "avg_order_value", "online_share", "category_breadth", "return_rate", "campaign_share"];

    private static readonly Regex Text = new(
        "<text transform=\"(?<t>translate|matrix)\\((?<m>[^)]*)\\)\" font-size=\"(?<size>[0-9.]+)\"[^>]*?font-family=\"(?<family>[^\"]*)\" x=\"(?<x>[^\"]*)\"[^>]*>\\s*(?<s>[^<]*?)\\s*</text>",
        RegexOptions.Compiled);

    private static double[,] Matrix(int rows, int columns)
    {
        var v = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) v[i, j] = Math.Sin(i + 0.7 * j);
        return v;
    }

    /// <summary>A Ward-like tree of <paramref name="n"/> leaves merged in pairs (sizes become multi-digit labels).</summary>
    private static Dendrogram PairTree(int n)
    {
        var merges = new List<DendrogramMerge>();
        var size = Enumerable.Repeat(1, n).ToList();
        var open = new Queue<int>(Enumerable.Range(0, n));
        double height = 0;
        while (open.Count > 1)
        {
            int a = open.Dequeue(), b = open.Dequeue();
            size.Add(size[a] + size[b]);
            merges.Add(new DendrogramMerge(a, b, height += 1, size[^1]));
            open.Enqueue(size.Count - 1);
        }
        return new Dendrogram(n, [.. merges]);
    }

    public static TheoryData<string> ChineseCharts() => new(["bars", "snake", "migration", "heatmap", "forest"]);

    private static NotebookChart Chart(string kind) => kind switch
    {
        "bars" => Charts.Bars(Segments, [1, 2, 3, 4, 5, 6], "每个细分的客户数 · customers per segment"),
        "snake" => Charts.SnakePlot(Segments, Features, Matrix(Segments.Length, Features.Length)),
        "migration" => Charts.MigrationSankey(Segments, Segments, Matrix(Segments.Length, Segments.Length).Abs()),
        "heatmap" => Charts.IndexHeatmap(Segments, Features, Matrix(Segments.Length, Features.Length)),
        "forest" => Charts.UpliftForest(Segments, [0, 0, 0, 0, 0, 0], [-1, -1, -1, -1, -1, -1], [1, 1, 1, 1, 1, 1]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(ChineseCharts))]
    public void Every_text_is_in_the_bundled_cjk_face_and_the_chinese_characters_are_kept(string kind)
    {
        var chart = Chart(kind);
        var svg = chart.ToSvg();
        // The reference: the family name inside the CJK font file the report bundles (Noto Sans SC subset → "Noto Sans CJK SC").
        var cjk = FontLibrary.Default.Cjk;
        Assert.NotNull(cjk);
        var texts = Text.Matches(svg).ToArray();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Equal(cjk.FamilyName, t.Groups["family"].Value));
        Assert.DoesNotContain("DejaVu", svg, StringComparison.Ordinal);

        // Every Chinese label and the Chinese half of the title are in the SVG text, character for character (a label may be
        // wrapped onto two lines: join the lines of one label first).
        var allText = string.Concat(texts.Select(t => t.Groups["s"].Value));
        foreach (var label in Segments.Where(s => s.Any(c => FontLibrary.IsCjk(c))))
            Assert.Contains(label, allText, StringComparison.Ordinal);
        var chineseTitle = string.Concat(chart.Title.Where(c => FontLibrary.IsCjk(c)));
        Assert.Contains(chineseTitle, string.Concat(allText.Where(c => FontLibrary.IsCjk(c))), StringComparison.Ordinal);
    }

    public static TheoryData<string> CategoryCharts() => new(["snake", "bars", "dendrogram-30", "dendrogram-12", "heatmap"]);

    [Theory]
    [MemberData(nameof(CategoryCharts))]
    public void Category_labels_under_the_x_axis_do_not_overlap(string kind)
    {
        var (chart, labels) = kind switch
        {
            "snake" => (Chart("snake"), Features),
            "bars" => (Chart("bars"), Segments),
            "heatmap" => (Chart("heatmap"), Features),
            _ => (Charts.Dendrogram(PairTree(1200), int.Parse(kind[^2..], CultureInfo.InvariantCulture)), null),
        };
        var svg = chart.ToSvg();
        var boxes = TickLabelBoxes(svg, labels ?? chart.XCategories!);
        Assert.Equal((labels ?? chart.XCategories!).Distinct().Count(), boxes.Select(b => b.Label).Distinct().Count());
        var ordered = boxes.OrderBy(b => b.Left).ToArray();
        for (int i = 1; i < ordered.Length; i++)
            Assert.True(ordered[i].Left >= ordered[i - 1].Right - 0.5,
                $"{kind}: '{ordered[i - 1].Label}' [{ordered[i - 1].Left:F1}, {ordered[i - 1].Right:F1}] overlaps '{ordered[i].Label}' [{ordered[i].Left:F1}, {ordered[i].Right:F1}]");
    }

    [Theory]
    [InlineData("snake")]
    [InlineData("silhouette")]
    public void The_legend_sits_right_of_the_data(string kind)
    {
        var chart = kind == "snake"
            ? Chart("snake")
            : Charts.SilhouettePlot(Enumerable.Range(0, 300).Select(i => Math.Sin(i) * 0.8).ToArray(), Enumerable.Range(0, 300).Select(i => i % 4).ToArray(), ["高价值", "年轻线上", "流失风险", "新客户"]);
        var svg = chart.ToSvg();
        var legend = Regex.Matches(svg, "<rect fill=\"white\" x=\"(?<x>[0-9.]+)\"").Select(m => double.Parse(m.Groups["x"].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Single(legend);
        // Every drawn series (paths and shapes in the palette colours, drawn before the legend) ends left of the legend box.
        var colours = Enumerable.Range(0, 8).Select(ChartPalette.Color).ToArray();
        var seriesX = Regex.Matches(svg[..svg.IndexOf("<rect fill=\"white\" x=", StringComparison.Ordinal)], "<(?:path|rect|ellipse)[^>]*(?:stroke|fill)=\"(?<c>#[0-9A-Fa-f]{6})\"[^>]*>")
            .Where(m => colours.Contains(m.Groups["c"].Value, StringComparer.OrdinalIgnoreCase))
            .SelectMany(m => XCoordinates(m.Value)).ToArray();
        Assert.NotEmpty(seriesX);
        Assert.True(seriesX.Max() < legend[0], $"data reaches x = {seriesX.Max():F1}, the legend starts at {legend[0]:F1}");
        // and every legend entry is in the SVG (one per segment)
        foreach (var name in kind == "snake" ? Segments : ["高价值", "年轻线上", "流失风险", "新客户"])
            Assert.Contains(name, svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_segment_names_put_the_legend_under_the_chart_and_leave_the_data_the_width()
    {
        string[] names = ["Campaign-driven, bargain hunters, multi-category", "Long purchase gaps, senior, offline", "Online, frequent, young",
                          "Business buyers, premium, high spending", "Dormant, infrequent, low spending", "Offline, high income, middle-aged"];
        var svg = Charts.SnakePlot(names, Features, Matrix(names.Length, Features.Length)).ToSvg();
        double width = double.Parse(Regex.Match(svg, "<svg[^>]*width=\"(?<w>[0-9.]+)\"").Groups["w"].Value, CultureInfo.InvariantCulture);
        var box = Regex.Match(svg, "<rect fill=\"white\" x=\"(?<x>[0-9.]+)\" y=\"(?<y>[0-9.]+)\"");
        double legendY = double.Parse(box.Groups["y"].Value, CultureInfo.InvariantCulture);
        var colours = Enumerable.Range(0, 8).Select(ChartPalette.Color).ToArray();
        var series = Regex.Matches(svg[..box.Index], "<(?:path|ellipse)[^>]*(?:stroke|fill)=\"(?<c>#[0-9A-Fa-f]{6})\"[^>]*>")
            .Where(m => colours.Contains(m.Groups["c"].Value, StringComparer.OrdinalIgnoreCase)).ToArray();
        var seriesX = series.SelectMany(m => XCoordinates(m.Value)).ToArray();
        Assert.NotEmpty(seriesX);
        // Beside the data the legend would take 40 % of the width; under it, the data keep more than four fifths of the width …
        Assert.True(seriesX.Max() > 0.8 * width, $"data end at x = {seriesX.Max():F1} of {width}");
        // … and the legend box starts below the lowest tick label of the x axis.
        double lowestTick = Text.Matches(svg).Where(t => Features.Any(f => f.StartsWith(t.Groups["s"].Value, StringComparison.Ordinal) || f.EndsWith(t.Groups["s"].Value, StringComparison.Ordinal)))
            .Select(t => double.Parse(t.Groups["m"].Value.Split(',', ' ').Where(v => v.Length > 0).Last(), CultureInfo.InvariantCulture)).Max();
        Assert.True(legendY > lowestTick, $"legend at y = {legendY:F1}, tick labels down to {lowestTick:F1}");
        // Every name is there whole, on one line.
        var texts = Text.Matches(svg).Select(t => t.Groups["s"].Value).ToArray();
        Assert.All(names, n => Assert.Contains(n, texts));
    }

    [Theory]
    [InlineData("recency_days", "recency\n_days")]
    [InlineData("steady middle aged", "steady\nmiddle aged")]
    [InlineData("高价值忠诚客户", "高价值\n忠诚客户")]
    [InlineData("frequency", "frequency")]
    [InlineData("(380)", "(380)")]
    public void Long_labels_break_at_a_separator_or_between_chinese_characters_never_inside_a_latin_word(string label, string expected) =>
        Assert.Equal(expected, SvgRenderer.WrapInTwo(label));

    [Fact]
    public void Svg_chart_displays_as_image_svg_xml()
    {
        Formatters.Register(charts: ChartRendering.Svg);
        try
        {
            var value = Chart("bars").AsSvg();
            var formatted = Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(value, SvgChart.MimeType);
            Assert.StartsWith("<svg", formatted.TrimStart()[..Math.Min(200, formatted.Length)].Replace("<?xml", "<svg", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("忠诚客户", formatted, StringComparison.Ordinal);
            Assert.Contains(SvgChart.MimeType, Microsoft.DotNet.Interactive.Formatting.Formatter.GetPreferredMimeTypesFor(typeof(SvgChart)));
        }
        finally
        {
            Formatters.Register();
        }
    }

    private sealed record Box(string Label, double Left, double Right);

    /// <summary>
    /// The horizontal extent of each category label under the x axis: the text lines anchored at one tick (a wrapped label
    /// has two) whose text is a label, or the label as wrapped; turned labels by their text height across the axis.
    /// </summary>
    private static List<Box> TickLabelBoxes(string svg, IReadOnlyList<string> labels)
    {
        var forms = labels.SelectMany(l => new[] { (Form: l, Label: l), (Form: SvgRenderer.WrapInTwo(l), Label: l) }).DistinctBy(f => f.Form).ToDictionary(f => f.Form, f => f.Label);
        var known = forms.Keys.SelectMany(f => f.Split('\n')).ToHashSet(StringComparer.Ordinal);
        var lines = new List<(double Anchor, string Text, double Left, double Right)>();
        foreach (Match t in Text.Matches(svg))
        {
            var s = System.Net.WebUtility.HtmlDecode(t.Groups["s"].Value);
            if (!known.Contains(s)) continue; // cell values, titles, numeric ticks
            var m = t.Groups["m"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            double size = double.Parse(t.Groups["size"].Value, CultureInfo.InvariantCulture);
            var xs = t.Groups["x"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            if (t.Groups["t"].Value == "translate")
            {
                double last = FontLibrary.IsCjk(s[^1]) ? size : 0.62 * size;
                lines.Add((m[0], s, m[0] + xs[0], m[0] + xs[^1] + last));
            }
            else
            {
                // matrix(cos θ, sin θ, −sin θ, cos θ, e, f): parallel turned lines stay clear of each other when their
                // anchors are at least one text height / sin θ apart along the axis
                double sin = Math.Abs(m[1]), e = m[4];
                lines.Add((e, s, e - size / sin, e));
            }
        }
        var boxes = new List<Box>();
        foreach (var group in lines.GroupBy(l => Math.Round(l.Anchor * 2) / 2))
        {
            var text = string.Join("\n", group.Select(g => g.Text));
            if (forms.TryGetValue(text, out var label)) boxes.Add(new Box(label, group.Min(g => g.Left), group.Max(g => g.Right)));
        }
        return boxes;
    }

    private static IEnumerable<double> XCoordinates(string element)
    {
        foreach (var name in new[] { "x", "cx" })
            if (Regex.Match(element, $" {name}=\"(?<v>-?[0-9.]+)\"") is { Success: true } m)
            {
                double x = double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture);
                var w = Regex.Match(element, " (?:width|rx)=\"(?<v>[0-9.]+)\"");
                yield return x + (w.Success ? double.Parse(w.Groups["v"].Value, CultureInfo.InvariantCulture) : 0);
            }
        if (Regex.Match(element, " d=\"(?<d>[^\"]*)\"") is { Success: true } d)
            foreach (Match p in Regex.Matches(d.Groups["d"].Value, "[ML](?<x>-?[0-9.]+)[ ,](?<y>-?[0-9.]+)"))
                yield return double.Parse(p.Groups["x"].Value, CultureInfo.InvariantCulture);
    }
}

internal static class MatrixExtensions
{
    public static double[,] Abs(this double[,] m)
    {
        var r = (double[,])m.Clone();
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < r.GetLength(1); j++) r[i, j] = Math.Round(Math.Abs(r[i, j]) * 100);
        return r;
    }
}
