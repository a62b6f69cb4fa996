using System.Text.Json;

namespace Segmentation.Notebooks;

/// <summary>
/// The Plotly figure of a <see cref="NotebookChart"/>: one trace per layer and a plain layout, written as a figure
/// specification (plain JSON) that Plotly.NET turns into the figure inside its private load context
/// (<see cref="PlotlyHostLoader"/>).
/// </summary>
internal static class PlotlyRenderer
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The figure specification: <c>{"traces": [{"type": …, …}], "layout": {…}}</c> (what <c>PlotlyHost.FigureJson</c> reads).</summary>
    public static string Specification(NotebookChart chart)
    {
        var traces = new List<Dictionary<string, object?>>();
        var shapes = new List<object>();
        foreach (var layer in chart.Layers)
        {
            switch (layer)
            {
                case LineLayer l:
                {
                    var t = Trace("scatter");
                    t.Set("name", l.Name);
                    t.Set("x", Values(l.X));
                    t.Set("y", Values(l.Y));
                    t.Set("mode", l.Mode switch { LineMode.Lines => "lines", LineMode.Markers => "markers", _ => "lines+markers" });
                    t.Set("marker", new Dictionary<string, object> { ["color"] = ChartPalette.Color(l.ColorIndex), ["size"] = l.Mode == LineMode.Markers ? 5 : 7 });
                    t.Set("line", new Dictionary<string, object> { ["color"] = ChartPalette.Color(l.ColorIndex), ["width"] = 2 });
                    t.Set("showlegend", l.ShowInLegend);
                    if (l.YError is not null)
                        t.Set("error_y", new Dictionary<string, object> { ["type"] = "data", ["array"] = Values(l.YError), ["visible"] = true });
                    traces.Add(t);
                    break;
                }
                case BarLayer b:
                {
                    var t = Trace("bar");
                    t.Set("name", b.Name);
                    t.Set(b.Horizontal ? "y" : "x", Values(b.Positions));
                    t.Set(b.Horizontal ? "x" : "y", Values(b.Values));
                    t.Set("orientation", b.Horizontal ? "h" : "v");
                    t.Set("width", b.Width);
                    t.Set("marker", new Dictionary<string, object> { ["color"] = ChartPalette.Color(b.ColorIndex) });
                    traces.Add(t);
                    break;
                }
                case HeatmapLayer h:
                {
                    var t = Trace("heatmap");
                    t.Set("x", h.Columns);
                    t.Set("y", h.Rows);
                    t.Set("z", h.Z.Select(Values).ToArray());
                    t.Set("colorscale", "RdBu");
                    t.Set("reversescale", true);
                    t.Set("text", h.Z.Select(r => r.Select(v => v.ToString(h.ValueFormat, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray());
                    t.Set("texttemplate", "%{text}");
                    traces.Add(t);
                    break;
                }
                case SankeyLayer s:
                {
                    var t = Trace("sankey");
                    t.Set("node", new Dictionary<string, object>
                    {
                        ["label"] = s.Nodes, ["pad"] = 12, ["thickness"] = 16,
                        ["color"] = s.Nodes.Select((_, i) => ChartPalette.Color(i < s.FromLabels.Length ? i : i - s.FromLabels.Length)).ToArray(),
                    });
                    t.Set("link", new Dictionary<string, object> { ["source"] = s.Sources, ["target"] = s.Targets, ["value"] = s.Values });
                    traces.Add(t);
                    break;
                }
                case PolylineLayer p:
                {
                    var t = Trace("scatter");
                    t.Set("name", p.Name);
                    t.Set("x", Values(p.X));
                    t.Set("y", Values(p.Y));
                    t.Set("mode", "lines");
                    t.Set("connectgaps", false);
                    t.Set("hoverinfo", "y");
                    t.Set("line", new Dictionary<string, object> { ["color"] = ChartPalette.Color(p.ColorIndex), ["width"] = 1.5 });
                    t.Set("showlegend", false);
                    traces.Add(t);
                    break;
                }
                case IntervalLayer iv:
                {
                    var t = Trace("scatter");
                    t.Set("name", iv.Name);
                    t.Set("x", Values(iv.Estimates));
                    t.Set("y", Enumerable.Range(0, iv.Estimates.Length).Select(i => (double)i).ToArray());
                    t.Set("mode", "markers");
                    t.Set("marker", new Dictionary<string, object> { ["color"] = ChartPalette.Color(iv.ColorIndex), ["size"] = 9, ["symbol"] = "square" });
                    t.Set("error_x", new Dictionary<string, object>
                    {
                        ["type"] = "data", ["symmetric"] = false, ["visible"] = true,
                        ["array"] = Values(iv.Upper.Zip(iv.Estimates, (u, e) => u - e).ToArray()),
                        ["arrayminus"] = Values(iv.Estimates.Zip(iv.Lower, (e, l) => e - l).ToArray()),
                    });
                    traces.Add(t);
                    break;
                }
                case ReferenceLineLayer r:
                    shapes.Add(new Dictionary<string, object>
                    {
                        ["type"] = "line", ["xref"] = r.Vertical ? "x" : "paper", ["yref"] = r.Vertical ? "paper" : "y",
                        ["x0"] = r.Vertical ? r.Value : 0, ["x1"] = r.Vertical ? r.Value : 1,
                        ["y0"] = r.Vertical ? 0 : r.Value, ["y1"] = r.Vertical ? 1 : r.Value,
                        ["line"] = new Dictionary<string, object> { ["color"] = "#555", ["width"] = 1, ["dash"] = "dash" },
                    });
                    break;
            }
        }

        var layout = new Dictionary<string, object?>();
        layout.Set("title", new Dictionary<string, object> { ["text"] = chart.Title });
        layout.Set("width", chart.Width);
        layout.Set("height", chart.Height);
        layout.Set("margin", new Dictionary<string, object> { ["l"] = 70, ["r"] = 20, ["t"] = 50, ["b"] = 60 });
        layout.Set("xaxis", Axis(chart.XTitle, chart.XCategories, reversed: false));
        layout.Set("yaxis", Axis(chart.YTitle, chart.YCategories, reversed: chart.YCategories is not null || chart.Layers.Any(l => l is HeatmapLayer)));
        if (chart.Layers.OfType<BarLayer>().Any(b => b.Width >= 1)) layout.Set("bargap", 0);
        if (shapes.Count > 0) layout.Set("shapes", shapes);
        return JsonSerializer.Serialize(new Dictionary<string, object?> { ["traces"] = traces, ["layout"] = layout }, Json);
    }

    private static Dictionary<string, object> Axis(string? title, string[]? categories, bool reversed)
    {
        var axis = new Dictionary<string, object> { ["zeroline"] = false, ["automargin"] = true };
        if (title is not null) axis["title"] = new Dictionary<string, object> { ["text"] = title };
        if (categories is not null)
        {
            axis["tickvals"] = Enumerable.Range(0, categories.Length).ToArray();
            axis["ticktext"] = categories;
            if (reversed) axis["autorange"] = "reversed";
        }
        return axis;
    }

    private static Dictionary<string, object?> Trace(string type) => new() { ["type"] = type };

    private static void Set(this Dictionary<string, object?> target, string name, object? value) => target[name] = value;

    // JSON has no NaN: missing values become null (a gap in lines).
    private static object?[] Values(double[] values) => values.Select(v => double.IsFinite(v) ? (object?)v : null).ToArray();
}
