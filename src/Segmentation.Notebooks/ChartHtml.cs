using System.Text;

namespace Segmentation.Notebooks;

/// <summary>
/// The HTML of a chart in a notebook session. Plotly: Plotly.NET makes the figure inside its private load context
/// (<see cref="PlotlyHostLoader"/>: it works in the stock kernel too); the first chart after <see cref="Formatters.Register"/>
/// carries plotly.js inline (offline, once per notebook, ~3.5 MB); every chart draws itself as soon as <c>window.Plotly</c>
/// exists. SVG: ScottPlot's SVG inline. In <see cref="ChartRendering.Auto"/> SVG is used only when the Plotly.NET host cannot
/// be loaded at all (<see cref="PlotlyUnavailableReason"/> says why).
/// </summary>
public static class ChartHtml
{
    private static readonly object Gate = new();
    private static ChartRendering mode = ChartRendering.Auto;
    private static bool plotlyJsEmbedded;
    private static int counter;

    /// <summary>The reason Plotly.NET could not be used in this session, or null.</summary>
    public static string? PlotlyUnavailableReason { get; private set; }

    /// <summary>The rendering asked for (<see cref="Reset"/>).</summary>
    public static ChartRendering Mode { get { lock (Gate) return mode; } }

    /// <summary>The renderer charts of this session actually use: <see cref="ChartRendering.Plotly"/> or <see cref="ChartRendering.Svg"/>.</summary>
    public static ChartRendering Effective
    {
        get
        {
            lock (Gate)
                return mode == ChartRendering.Svg || (mode == ChartRendering.Auto && PlotlyHostLoader.TryGet().Host is null) ? ChartRendering.Svg : ChartRendering.Plotly;
        }
    }

    /// <summary>Starts a new session: plotly.js is embedded again with the next chart. Loads the Plotly.NET host unless <paramref name="rendering"/> is SVG.</summary>
    public static void Reset(ChartRendering rendering = ChartRendering.Auto)
    {
        lock (Gate)
        {
            mode = rendering;
            plotlyJsEmbedded = false;
            counter = 0;
            PlotlyUnavailableReason = rendering == ChartRendering.Svg ? null : PlotlyHostLoader.TryGet().Failure;
        }
    }

    /// <summary>The chart's HTML for this session.</summary>
    /// <exception cref="InvalidOperationException">Rendering is <see cref="ChartRendering.Plotly"/> and the Plotly.NET host cannot be loaded.</exception>
    public static string Render(NotebookChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        lock (Gate)
        {
            if (mode == ChartRendering.Svg) return SvgHtml(chart);
            var (host, failure) = PlotlyHostLoader.TryGet();
            if (host is not null) return PlotlyHtml(host, chart);
            if (mode == ChartRendering.Plotly)
                throw new InvalidOperationException($"Plotly.NET could not be loaded ({failure}); use ChartRendering.Auto or Svg.");
            return SvgHtml(chart);
        }
    }

    /// <summary>The plotly.js script block (AMD-safe: Jupyter's require.js would otherwise capture it), or null when Plotly.NET cannot load.</summary>
    public static string? PlotlyJsScript() => PlotlyHostLoader.TryGet().Host is { } host ? PlotlyJsScript(host) : null;

    /// <summary>The version of the bundled plotly.js, or null when Plotly.NET cannot load.</summary>
    public static string? PlotlyJsVersion() => PlotlyHostLoader.TryGet().Host?.PlotlyJsVersion;

    /// <summary>Plotly.NET, FSharp.Core and the load context they run in, or null when Plotly.NET cannot load.</summary>
    public static string? PlotlyRuntime() => PlotlyHostLoader.TryGet().Host?.Runtime;

    /// <summary>The Plotly figure JSON Plotly.NET makes of the chart.</summary>
    /// <exception cref="InvalidOperationException">The Plotly.NET host cannot be loaded.</exception>
    internal static string FigureJson(NotebookChart chart)
    {
        var (host, failure) = PlotlyHostLoader.TryGet();
        if (host is null) throw new InvalidOperationException($"Plotly.NET could not be loaded ({failure}).");
        return host.Call("FigureJson", PlotlyRenderer.Specification(chart));
    }

    private static string PlotlyJsScript(PlotlyHostLoader.Host host) =>
        new StringBuilder()
            .Append("<script type=\"text/javascript\">/* plotly.js ").Append(host.PlotlyJsVersion).Append(" (bundled with Plotly.NET), inline for offline use */\n")
            .Append("(function(){var d=window.define;if(d&&d.amd){window.define=undefined;}try{\n")
            .Append(host.Call("PlotlyJs").Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
            .Append("\n}finally{if(d&&d.amd){window.define=d;}}})();</script>")
            .ToString();

    private static string PlotlyHtml(PlotlyHostLoader.Host host, NotebookChart chart)
    {
        var figure = host.Call("FigureJson", PlotlyRenderer.Specification(chart)).Replace("</", "<\\/", StringComparison.Ordinal);
        var sb = new StringBuilder();
        if (!plotlyJsEmbedded)
        {
            sb.Append(PlotlyJsScript(host));
            plotlyJsEmbedded = true;
        }
        var id = $"seg-plot-{++counter}-{(uint)figure.GetHashCode():x8}";
        sb.Append("<div id=\"").Append(id).Append("\" class=\"seg-plotly\" style=\"width:").Append(chart.Width).Append("px;height:").Append(chart.Height).Append("px\"></div>")
          .Append("<script type=\"text/javascript\">(function(){var fig=").Append(figure).Append(";")
          .Append("function draw(){Plotly.newPlot('").Append(id).Append("',fig.data,fig.layout,{responsive:true,displaylogo:false});}")
          .Append("if(window.Plotly){draw();}else{var n=0,t=setInterval(function(){if(window.Plotly){clearInterval(t);draw();}else if(++n>400){clearInterval(t);}},50);}")
          .Append("})();</script>");
        return sb.ToString();
    }

    private static string SvgHtml(NotebookChart chart)
    {
        var svg = chart.ToSvg();
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return "<div class=\"seg-svg\">" + (start > 0 ? svg[start..] : svg) + "</div>";
    }
}
