using ScottPlot;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Monthly;

/// <summary>The report's charts, drawn with ScottPlot (vectors on the PDF page). Titles and labels come in the report's language.</summary>
internal static class ReportCharts
{
    private static readonly string[] Palette = ["#1F4E79", "#2E86AB", "#F18F01", "#C73E1D", "#3B8B5A", "#8E6C8A", "#6B7280", "#B8860B"];

    /// <summary>Palette index of the customer-share bars.</summary>
    public const int CustomerShareColor = 0;

    /// <summary>Palette index of the revenue-share bars.</summary>
    public const int RevenueShareColor = 2;

    public static Color ColorOf(int i) => Color.FromHex(Palette[i % Palette.Length]);

    /// <summary>The same colour for the report's own legends (ScottPlot's legend clips CJK labels: ScottPlot issue #5213).</summary>
    public static SkiaSharp.SKColor SkColorOf(int i) => SkiaSharp.SKColor.Parse(Palette[i % Palette.Length]);

    /// <summary>Sizes for a chart a few inches wide on an A4 page (ScottPlot's defaults are for screens).</summary>
    private static Plot Styled(Plot plot, string title)
    {
        plot.Title(title);
        plot.Axes.Title.Label.FontSize = 12;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right })
        {
            axis.TickLabelStyle.FontSize = 8;
            axis.Label.FontSize = 9;
        }
        plot.Legend.FontSize = 8;
        return plot;
    }

    /// <summary>Grouped horizontal bars per segment: its share of customers and its share of revenue (%).</summary>
    public static Plot SegmentSizes(ShareChartModel chart)
    {
        var plot = Styled(new Plot(), chart.Title);
        var labels = chart.Segments;
        int n = labels.Count;
        Bar[] Bars(IReadOnlyList<double> values, double offset, int color) => values.Select((v, i) => new Bar
        {
            Position = n - 1 - i + offset, Value = v * 100, FillColor = ColorOf(color), LineWidth = 0, Size = 0.38, Orientation = Orientation.Horizontal,
        }).ToArray();
        var customers = plot.Add.Bars(Bars(chart.CustomerShares, 0.2, CustomerShareColor));
        customers.LegendText = chart.CustomersLabel;
        var revenue = plot.Add.Bars(Bars(chart.RevenueShares, -0.2, RevenueShareColor));
        revenue.LegendText = chart.RevenueLabel;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), labels.ToArray());
        plot.Axes.Bottom.Label.Text = "%";
        plot.Axes.Margins(left: 0);
        plot.HideLegend(); // drawn by the report under the chart (CustomerShareColor and RevenueShareColor)
        return plot;
    }

    /// <summary>One line per series over the period labels.</summary>
    public static Plot Trend(TrendChartModel chart)
    {
        var (periods, series, percent) = (chart.Periods, chart.Series, chart.Percent);
        var plot = Styled(new Plot(), chart.Title);
        double[] xs = Enumerable.Range(0, periods.Count).Select(i => (double)i).ToArray();
        for (int s = 0; s < series.Count; s++)
        {
            var (name, values) = series[s];
            var pts = xs.Zip(values).Where(p => p.Second is { } v && double.IsFinite(v)).ToArray();
            if (pts.Length == 0) continue;
            var line = plot.Add.Scatter(pts.Select(p => p.First).ToArray(), pts.Select(p => p.Second!.Value * (percent ? 100 : 1)).ToArray(), ColorOf(s));
            line.LineWidth = 2;
            line.MarkerSize = 4;
            line.LegendText = name;
        }
        plot.Axes.Bottom.SetTicks(xs, periods.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        // Every period keeps its slot (a month without data is an empty slot, not a shorter axis), with half a slot of room so
        // the first rotated label is not cut at the edge.
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(-0.7, periods.Count - 0.3);
        // The first label, turned, reaches left of its tick by width·cos 30°: the left axis panel is made at least that wide so it is
        // never cut at the chart's edge (short y tick labels such as "%" values leave a narrow panel).
        if (periods.Count > 0)
        {
            using var paint = Paint.NewDisposablePaint();
            float first = plot.Axes.Bottom.TickLabelStyle.Measure(periods[0], paint).Size.Width;
            plot.Axes.Left.MinimumSize = Math.Max(plot.Axes.Left.MinimumSize, first * MathF.Cos(MathF.PI / 6) + 6);
        }
        if (percent) plot.Axes.Left.Label.Text = "%";
        plot.HideLegend(); // drawn by the report under the chart (series s in colour s)
        return plot;
    }

    /// <summary>Forest plot: one row per campaign, estimate with its interval, a dashed zero line.</summary>
    public static Plot Forest(ForestChartModel chart)
    {
        var (labels, estimates, lower, upper) = (chart.Labels, chart.Estimates, chart.Lower, chart.Upper);
        var plot = Styled(new Plot(), chart.Title);
        for (int i = 0; i < estimates.Count; i++)
        {
            double y = estimates.Count - 1 - i;
            var line = plot.Add.Line(lower[i] * 100, y, upper[i] * 100, y);
            line.Color = ColorOf(0);
            line.LineWidth = 2;
            var m = plot.Add.Marker(estimates[i] * 100, y, MarkerShape.FilledSquare, 9);
            m.Color = lower[i] > 0 || upper[i] < 0 ? ColorOf(4) : ColorOf(0);
        }
        var zero = plot.Add.VerticalLine(0);
        zero.Color = Colors.Gray;
        zero.LinePattern = LinePattern.Dashed;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)(labels.Count - 1 - i)).ToArray(), labels.ToArray());
        plot.Axes.Bottom.Label.Text = "pt";
        return plot;
    }

    /// <summary>Breaks <paramref name="label"/> onto lines of about <paramref name="width"/> characters at spaces (CJK: every <paramref name="width"/> characters).</summary>
    internal static string Wrap(string label, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (string word in label.Split(' '))
        {
            string rest = word;
            while (rest.Length > width && rest.Any(ch => ch >= '\u2E80'))
            {
                if (line.Length > 0) { lines.Add(line.ToString()); line.Clear(); }
                lines.Add(rest[..width]);
                rest = rest[width..];
            }
            if (line.Length > 0 && line.Length + 1 + rest.Length > width) { lines.Add(line.ToString()); line.Clear(); }
            if (line.Length > 0) line.Append(' ');
            line.Append(rest);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return string.Join("\n", lines);
    }

    /// <summary>Heatmap of row shares with the value printed in every cell (columns numbered as the rows when both list the same segments).</summary>
    public static Plot Heatmap(HeatmapModel chart)
    {
        var (rows, columns, shares) = (chart.From, chart.To, chart.RowShares);
        var plot = Styled(new Plot(), chart.Title);
        var colormap = new ScottPlot.Colormaps.Blues();
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < columns.Count; c++)
            {
                double v = shares[r][c];
                var rect = plot.Add.Rectangle(c - 0.5, c + 0.5, r - 0.5, r + 0.5);
                rect.FillColor = double.IsFinite(v) ? colormap.GetColor(1 - Math.Clamp(v, 0, 1)) : Colors.White; // Blues runs dark → light
                rect.LineColor = Colors.White;
                string label = double.IsFinite(v) ? (v * 100).ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + "%" : ReportFormat.Dash;
                string? interval = chart.Intervals is { } ci && r < ci.Count && c < ci[r].Count ? ci[r][c] : null;
                var text = plot.Add.Text(interval is null ? label : label + "\n" + interval, c, r);
                text.LabelFontSize = chart.Intervals is null ? 9 : 7.5f;
                text.LabelFontColor = v > 0.5 ? Colors.White : Colors.Black;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        // Long segment names under narrow columns clip and overlap: the columns carry numbers, and the rows say which number is
        // which segment ("1 · name"); when the two lists differ, the columns keep short names wrapped onto lines.
        bool same = rows.SequenceEqual(columns);
        string[] columnLabels = same ? [.. Enumerable.Range(1, columns.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]
                                     : [.. columns.Select(c => Wrap(c, 10))];
        string[] rowLabels = same ? [.. rows.Select((r, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " · " + r)] : [.. rows];
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns.Count).Select(i => (double)i).ToArray(), columnLabels);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rowLabels);
        plot.Axes.SetLimits(-0.5, columns.Count - 0.5, rows.Count - 0.5, -0.5);
        return plot;
    }
}
