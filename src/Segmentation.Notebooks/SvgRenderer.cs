using System.Globalization;
using ScottPlot;
using Segmentation.Reports.Fonts;

namespace Segmentation.Notebooks;

/// <summary>
/// Draws a <see cref="NotebookChart"/> with ScottPlot as SVG: the static fallback where Plotly.NET cannot load. A Sankey
/// becomes its transition matrix as an annotated heatmap (ScottPlot has no Sankey). Every text is set in the report's CJK
/// font (<see cref="FontLibrary.Default"/>: the bundled Noto Sans SC subset first), category labels that do not fit side by
/// side are wrapped or turned, and the legend sits to the right of the data.
/// </summary>
internal static class SvgRenderer
{
    private const float TickFontSize = 12;

    public static string Render(NotebookChart chart, int width, int height)
    {
        var fonts = FontLibrary.Default;
        var plot = new Plot();
        plot.Title(chart.Title);
        if (chart.XTitle is not null) plot.XLabel(chart.XTitle);
        if (chart.YTitle is not null) plot.YLabel(chart.YTitle);
        bool legend = false;
        string[]? xTicks = chart.XCategories, yTicks = chart.YCategories;
        bool invertY = chart.YCategories is not null;
        foreach (var layer in chart.Layers)
        {
            switch (layer)
            {
                case LineLayer l:
                {
                    var color = Color.FromHex(ChartPalette.Color(l.ColorIndex));
                    foreach (var (xs, ys) in Pieces(l.X, l.Y))
                    {
                        var s = plot.Add.Scatter(xs, ys, color);
                        s.LineWidth = l.Mode == LineMode.Markers ? 0 : 2;
                        s.MarkerSize = l.Mode == LineMode.Lines ? 0 : (l.Mode == LineMode.Markers ? 4 : 6);
                        if (l.ShowInLegend && !string.IsNullOrEmpty(l.Name)) { s.LegendText = l.Name; legend = true; }
                    }
                    if (l.YError is not null)
                    {
                        var e = plot.Add.ErrorBar(l.X, l.Y, l.YError);
                        e.Color = color;
                    }
                    break;
                }
                case BarLayer b:
                {
                    var color = Color.FromHex(ChartPalette.Color(b.ColorIndex));
                    var bars = b.Positions.Select((p, i) => new Bar { Position = p, Value = b.Values[i], FillColor = color, LineWidth = 0, Size = b.Width }).ToArray();
                    var plottable = plot.Add.Bars(bars);
                    plottable.Horizontal = b.Horizontal;
                    if (!string.IsNullOrEmpty(b.Name)) { plottable.LegendText = b.Name; legend = true; }
                    break;
                }
                case HeatmapLayer h:
                    Cells(plot, h.Rows, h.Columns, h.Z, h.ValueFormat, fonts.ChartFontName);
                    (xTicks, yTicks, invertY) = (h.Columns, h.Rows, true);
                    break;
                case SankeyLayer s:
                    Cells(plot, s.FromLabels, s.ToLabels, s.Matrix, "0", fonts.ChartFontName);
                    (xTicks, yTicks, invertY) = (s.ToLabels, s.FromLabels, true);
                    plot.XLabel("→ to / 迁入");
                    plot.YLabel("from / 迁出 →");
                    break;
                case PolylineLayer p:
                    foreach (var (xs, ys) in Pieces(p.X, p.Y))
                    {
                        var s = plot.Add.ScatterLine(xs, ys, Color.FromHex(ChartPalette.Color(p.ColorIndex)));
                        s.LineWidth = 1.5f;
                    }
                    break;
                case IntervalLayer iv:
                {
                    var color = Color.FromHex(ChartPalette.Color(iv.ColorIndex));
                    for (int i = 0; i < iv.Estimates.Length; i++)
                    {
                        var line = plot.Add.Line(iv.Lower[i], i, iv.Upper[i], i);
                        line.Color = color;
                        line.LineWidth = 2;
                        var m = plot.Add.Marker(iv.Estimates[i], i, MarkerShape.FilledSquare, 9);
                        m.Color = color;
                    }
                    break;
                }
                case ReferenceLineLayer r:
                {
                    if (r.Vertical)
                    {
                        var v = plot.Add.VerticalLine(r.Value);
                        v.Color = Colors.Gray;
                        v.LinePattern = LinePattern.Dashed;
                    }
                    else
                    {
                        var h = plot.Add.HorizontalLine(r.Value);
                        h.Color = Colors.Gray;
                        h.LinePattern = LinePattern.Dashed;
                    }
                    break;
                }
            }
        }
        fonts.ApplyTo(plot);
        foreach (var axis in plot.Axes.GetAxes().OfType<ScottPlot.AxisPanels.AxisBase>()) axis.ClipLabel = false; // the CJK face is taller than measured
        plot.Axes.Left.Label.OffsetX = 5; // and the turned title of the y axis would touch the left edge
        float legendWidth = 0;
        if (legend)
        {
            // The CJK face rises above the line box ScottPlot measures and the legend clips its items to that box: each
            // label is drawn a little lower (manual items, so the offset is kept), or the first one loses its top.
            var items = plot.Legend.GetItems();
            foreach (var item in items) item.LabelStyle.OffsetY = 3;
            plot.Legend.DisplayPlottableLegendItems = false;
            legendWidth = LegendWidth(plot, items.Select(i => i.LabelText), fonts.ChartFontName);
            // Long names (English segment names run to 50 characters) would give a legend beside the data a third of the chart:
            // such a legend goes under the chart, its items side by side.
            if (legendWidth > MaxLegendShare * width)
            {
                plot.ShowLegend(Edge.Bottom);
                legendWidth = 0;
            }
            else plot.ShowLegend(Edge.Right);
            plot.Legend.ManualItems.AddRange(items);
        }
        if (xTicks is not null) CategoryTicks(plot.Axes.Bottom, plot.Axes.Right, xTicks, width - 90 - Math.Max(20, legendWidth));
        if (yTicks is not null) plot.Axes.Left.SetTicks(Enumerable.Range(0, yTicks.Length).Select(i => (double)i).ToArray(), yTicks);
        if (invertY)
        {
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsY(limits.Top, limits.Bottom);
        }
        return plot.GetSvgXml(width, height);
    }

    /// <summary>
    /// Category labels under the x axis: side by side when the widest fits its slot; else wrapped onto two lines when that
    /// fits; else turned 45° (90° when the slots are narrower than a line of text), with the axis made tall enough for them.
    /// </summary>
    internal static void CategoryTicks(IAxis bottom, IAxis right, string[] labels, float dataWidth)
    {
        var positions = Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray();
        var style = bottom.TickLabelStyle;
        style.FontSize = TickFontSize;
        using var paint = Paint.NewDisposablePaint();
        float Widest(IEnumerable<string> ls) => ls.Select(l => style.Measure(l, paint).Size.Width).DefaultIfEmpty(0).Max();
        float slot = dataWidth / Math.Max(1, labels.Length) * 0.92f;
        if (Widest(labels) <= slot)
        {
            bottom.SetTicks(positions, labels);
            return;
        }
        var wrapped = labels.Select(WrapInTwo).ToArray();
        if (Widest(wrapped) <= slot)
        {
            bottom.SetTicks(positions, wrapped);
            return;
        }
        float widest = Widest(labels);
        bool vertical = slot < TickFontSize * 2f; // turned 45°, neighbours are slot·sin 45° apart: at least a line
        style.Rotation = vertical ? 90 : 45;
        style.Alignment = Alignment.MiddleLeft;
        bottom.SetTicks(positions, labels);
        double angle = style.Rotation * Math.PI / 180;
        bottom.MinimumSize = (float)(widest * Math.Sin(angle) + TickFontSize * 4.5); // labels, then the axis title below them
        if (!vertical) right.MinimumSize = Math.Max(right.MinimumSize, (float)(widest * Math.Cos(angle)));
    }

    /// <summary>
    /// A label on two lines of similar length: broken at the space (or _ · /) nearest the middle, else between two CJK
    /// characters near the middle; a Latin word without such a break is left whole (it is turned instead).
    /// </summary>
    internal static string WrapInTwo(string label)
    {
        if (label.Length < 4 || label.Contains('\n', StringComparison.Ordinal)) return label;
        int middle = label.Length / 2, best = -1;
        for (int i = 1; i < label.Length - 1; i++)
            if (label[i] is ' ' or '_' or '·' or '/' && (best < 0 || Math.Abs(i - middle) < Math.Abs(best - middle))) best = i;
        if (best > 0) return label[..best].TrimEnd() + "\n" + (label[best] == ' ' ? label[(best + 1)..] : label[best..]).TrimStart();
        for (int d = 0; d <= middle - 1; d++)
            foreach (int i in new[] { middle - d, middle + d })
                if (i > 0 && i < label.Length && FontLibrary.IsCjk(label[i - 1]) && FontLibrary.IsCjk(label[i]))
                    return label[..i] + "\n" + label[i..];
        return label;
    }

    /// <summary>Above this share of the chart's width, legend names are put on two lines (<see cref="WrapInTwo"/>).</summary>
    internal const float MaxLegendShare = 0.25f;

    /// <summary>Width of the legend box: the widest line of any name, plus the marker and padding.</summary>
    private static float LegendWidth(Plot plot, IEnumerable<string> names, string fontName)
    {
        var lines = names.Where(n => !string.IsNullOrEmpty(n)).SelectMany(n => n.Split('\n')).ToArray();
        if (lines.Length == 0) return 0;
        var style = new LabelStyle { FontName = fontName, FontSize = plot.Legend.FontSize ?? TickFontSize };
        using var paint = Paint.NewDisposablePaint();
        return lines.Max(n => style.Measure(n, paint).Size.Width) + 45;
    }

    private static void Cells(Plot plot, string[] rows, string[] columns, double[][] z, string format, string fontName)
    {
        var finite = z.SelectMany(r => r).Where(double.IsFinite).ToArray();
        double lo = finite.Length > 0 ? finite.Min() : 0, hi = finite.Length > 0 ? finite.Max() : 1;
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < columns.Length; c++)
            {
                double v = z[r][c];
                var rect = plot.Add.Rectangle(c - 0.5, c + 0.5, r - 0.5, r + 0.5);
                rect.FillColor = double.IsFinite(v) ? colormap.GetColor(hi > lo ? (v - lo) / (hi - lo) : 0.5) : Colors.LightGray;
                rect.LineWidth = 0;
                var text = plot.Add.Text(double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "·", c, r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = hi > lo && (v - lo) / (hi - lo) > 0.6 ? Colors.Black : Colors.White;
                text.LabelFontSize = 10;
                text.LabelFontName = fontName;
            }
    }

    // NaN separates pieces of a polyline.
    private static IEnumerable<(double[] X, double[] Y)> Pieces(double[] x, double[] y)
    {
        int start = 0;
        for (int i = 0; i <= x.Length; i++)
        {
            if (i == x.Length || !double.IsFinite(x[i]) || !double.IsFinite(y[i]))
            {
                if (i > start) yield return (x[start..i], y[start..i]);
                start = i + 1;
            }
        }
    }
}
