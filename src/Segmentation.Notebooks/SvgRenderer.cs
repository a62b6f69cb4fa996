using System.Globalization;
using ScottPlot;

namespace Segmentation.Notebooks;

/// <summary>
/// Draws a <see cref="NotebookChart"/> with ScottPlot as SVG: the static fallback where Plotly.NET cannot load. A Sankey
/// becomes its transition matrix as an annotated heatmap (ScottPlot has no Sankey).
/// </summary>
internal static class SvgRenderer
{
    public static string Render(NotebookChart chart, int width, int height)
    {
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
                    Cells(plot, h.Rows, h.Columns, h.Z, h.ValueFormat);
                    (xTicks, yTicks, invertY) = (h.Columns, h.Rows, true);
                    break;
                case SankeyLayer s:
                    Cells(plot, s.FromLabels, s.ToLabels, s.Matrix, "0");
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
        if (xTicks is not null) plot.Axes.Bottom.SetTicks(Enumerable.Range(0, xTicks.Length).Select(i => (double)i).ToArray(), xTicks);
        if (yTicks is not null) plot.Axes.Left.SetTicks(Enumerable.Range(0, yTicks.Length).Select(i => (double)i).ToArray(), yTicks);
        if (invertY)
        {
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsY(limits.Top, limits.Bottom);
        }
        if (legend) plot.ShowLegend();
        return plot.GetSvgXml(width, height);
    }

    private static void Cells(Plot plot, string[] rows, string[] columns, double[][] z, string format)
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
