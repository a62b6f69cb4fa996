using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Segmentation.Notebooks;

/// <summary>Draws a <see cref="NotebookChart"/> with Plotly.NET: one trace object per layer, a plain layout, plotly.js referenced in full (offline).</summary>
internal static class PlotlyRenderer
{
    public static GenericChart Render(NotebookChart chart)
    {
        var traces = new List<Trace>();
        var shapes = new List<object>();
        foreach (var layer in chart.Layers)
        {
            switch (layer)
            {
                case LineLayer l:
                {
                    var t = new Trace("scatter");
                    t.SetProperty("name", l.Name);
                    t.SetProperty("x", Values(l.X));
                    t.SetProperty("y", Values(l.Y));
                    t.SetProperty("mode", l.Mode switch { LineMode.Lines => "lines", LineMode.Markers => "markers", _ => "lines+markers" });
                    t.SetProperty("marker", new Dictionary<string, object> { ["color"] = ChartPalette.Color(l.ColorIndex), ["size"] = l.Mode == LineMode.Markers ? 5 : 7 });
                    t.SetProperty("line", new Dictionary<string, object> { ["color"] = ChartPalette.Color(l.ColorIndex), ["width"] = 2 });
                    t.SetProperty("showlegend", l.ShowInLegend);
                    if (l.YError is not null)
                        t.SetProperty("error_y", new Dictionary<string, object> { ["type"] = "data", ["array"] = Values(l.YError), ["visible"] = true });
                    traces.Add(t);
                    break;
                }
                case BarLayer b:
                {
                    var t = new Trace("bar");
                    t.SetProperty("name", b.Name);
                    t.SetProperty(b.Horizontal ? "y" : "x", Values(b.Positions));
                    t.SetProperty(b.Horizontal ? "x" : "y", Values(b.Values));
                    t.SetProperty("orientation", b.Horizontal ? "h" : "v");
                    t.SetProperty("width", b.Width);
                    t.SetProperty("marker", new Dictionary<string, object> { ["color"] = ChartPalette.Color(b.ColorIndex) });
                    traces.Add(t);
                    break;
                }
                case HeatmapLayer h:
                {
                    var t = new Trace("heatmap");
                    t.SetProperty("x", h.Columns);
                    t.SetProperty("y", h.Rows);
                    t.SetProperty("z", h.Z.Select(Values).ToArray());
                    t.SetProperty("colorscale", "RdBu");
                    t.SetProperty("reversescale", true);
                    t.SetProperty("text", h.Z.Select(r => r.Select(v => v.ToString(h.ValueFormat, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray());
                    t.SetProperty("texttemplate", "%{text}");
                    traces.Add(t);
                    break;
                }
                case SankeyLayer s:
                {
                    var t = new Trace("sankey");
                    t.SetProperty("node", new Dictionary<string, object>
                    {
                        ["label"] = s.Nodes, ["pad"] = 12, ["thickness"] = 16,
                        ["color"] = s.Nodes.Select((_, i) => ChartPalette.Color(i < s.FromLabels.Length ? i : i - s.FromLabels.Length)).ToArray(),
                    });
                    t.SetProperty("link", new Dictionary<string, object> { ["source"] = s.Sources, ["target"] = s.Targets, ["value"] = s.Values });
                    traces.Add(t);
                    break;
                }
                case PolylineLayer p:
                {
                    var t = new Trace("scatter");
                    t.SetProperty("name", p.Name);
                    t.SetProperty("x", Values(p.X));
                    t.SetProperty("y", Values(p.Y));
                    t.SetProperty("mode", "lines");
                    t.SetProperty("connectgaps", false);
                    t.SetProperty("hoverinfo", "y");
                    t.SetProperty("line", new Dictionary<string, object> { ["color"] = ChartPalette.Color(p.ColorIndex), ["width"] = 1.5 });
                    t.SetProperty("showlegend", false);
                    traces.Add(t);
                    break;
                }
                case IntervalLayer iv:
                {
                    var t = new Trace("scatter");
                    t.SetProperty("name", iv.Name);
                    t.SetProperty("x", Values(iv.Estimates));
                    t.SetProperty("y", Enumerable.Range(0, iv.Estimates.Length).Select(i => (double)i).ToArray());
                    t.SetProperty("mode", "markers");
                    t.SetProperty("marker", new Dictionary<string, object> { ["color"] = ChartPalette.Color(iv.ColorIndex), ["size"] = 9, ["symbol"] = "square" });
                    t.SetProperty("error_x", new Dictionary<string, object>
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

        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = chart.Title });
        layout.SetProperty("width", chart.Width);
        layout.SetProperty("height", chart.Height);
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 70, ["r"] = 20, ["t"] = 50, ["b"] = 60 });
        layout.SetProperty("xaxis", Axis(chart.XTitle, chart.XCategories, reversed: false));
        layout.SetProperty("yaxis", Axis(chart.YTitle, chart.YCategories, reversed: chart.YCategories is not null || chart.Layers.Any(l => l is HeatmapLayer)));
        if (chart.Layers.OfType<BarLayer>().Any(b => b.Width >= 1)) layout.SetProperty("bargap", 0);
        if (shapes.Count > 0) layout.SetProperty("shapes", shapes);
        var display = DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));
        return GenericChart.NewMultiChart(ListModule.OfSeq(traces), layout, new Config(), display);
    }

    public static string FigureJson(NotebookChart chart) => GenericChart.toFigureJson(Render(chart));

    /// <summary>The plotly.js bundled in Plotly.NET (what <see cref="PlotlyJSReference.Full"/> inlines), and its version.</summary>
    public static (string Script, string Version) PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().First(n => n.EndsWith(".min.js", StringComparison.Ordinal) && n.Contains("plotly-", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var version = name[(name.IndexOf("plotly-", StringComparison.Ordinal) + 7)..^".min.js".Length];
        return (reader.ReadToEnd(), version);
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

    // JSON has no NaN: missing values become null (a gap in lines).
    private static object?[] Values(double[] values) => values.Select(v => double.IsFinite(v) ? (object?)v : null).ToArray();
}
