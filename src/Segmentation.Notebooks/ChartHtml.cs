using System.Runtime.CompilerServices;
using System.Text;

namespace Segmentation.Notebooks;

/// <summary>
/// The HTML of a chart in a notebook session. Plotly: the first chart after <see cref="Formatters.Register"/> carries
/// plotly.js inline (offline, once per notebook, ~3.5 MB); every chart draws itself as soon as <c>window.Plotly</c> exists.
/// SVG: ScottPlot's SVG inline. In <see cref="ChartRendering.Auto"/> a failure to load Plotly.NET (an older FSharp.Core in
/// the kernel) switches the session to SVG.
/// </summary>
public static class ChartHtml
{
    private static readonly object Gate = new();
    private static ChartRendering mode = ChartRendering.Auto;
    private static bool plotlyJsEmbedded;
    private static int counter;

    /// <summary>The reason Plotly.NET could not be used in this session, or null.</summary>
    public static string? PlotlyUnavailableReason { get; private set; }

    /// <summary>The rendering in effect (Auto turns into Svg after a load failure).</summary>
    public static ChartRendering Mode { get { lock (Gate) return mode; } }

    /// <summary>Starts a new session: plotly.js is embedded again with the next chart.</summary>
    public static void Reset(ChartRendering rendering = ChartRendering.Auto)
    {
        lock (Gate)
        {
            mode = rendering;
            plotlyJsEmbedded = false;
            counter = 0;
            PlotlyUnavailableReason = null;
        }
    }

    /// <summary>The chart's HTML for this session.</summary>
    public static string Render(NotebookChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        lock (Gate)
        {
            if (mode != ChartRendering.Svg)
            {
                try
                {
                    return PlotlyHtml(chart);
                }
                catch (Exception e) when (mode == ChartRendering.Auto && IsLoadFailure(e))
                {
                    mode = ChartRendering.Svg;
                    PlotlyUnavailableReason = $"{e.GetType().Name}: {e.Message}";
                }
            }
            return SvgHtml(chart);
        }
    }

    /// <summary>The plotly.js script block (AMD-safe: Jupyter's require.js would otherwise capture it), or null when Plotly.NET cannot load.</summary>
    public static string? PlotlyJsScript()
    {
        try
        {
            return PlotlyJsScriptCore();
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            return null;
        }
    }

    /// <summary>The version of the bundled plotly.js, or null when Plotly.NET cannot load.</summary>
    public static string? PlotlyJsVersion()
    {
        try
        {
            return PlotlyJsVersionCore();
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            return null;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string PlotlyJsVersionCore() => PlotlyRenderer.PlotlyJs().Version;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string PlotlyJsScriptCore()
    {
        var (script, version) = PlotlyRenderer.PlotlyJs();
        return new StringBuilder()
            .Append("<script type=\"text/javascript\">/* plotly.js ").Append(version).Append(" (bundled with Plotly.NET), inline for offline use */\n")
            .Append("(function(){var d=window.define;if(d&&d.amd){window.define=undefined;}try{\n")
            .Append(script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
            .Append("\n}finally{if(d&&d.amd){window.define=d;}}})();</script>")
            .ToString();
    }

    // Separate, not inlined: the JIT resolves Plotly.NET (and FSharp.Core) when compiling this method, inside Render's try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string PlotlyHtml(NotebookChart chart)
    {
        var figure = PlotlyRenderer.FigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        var sb = new StringBuilder();
        if (!plotlyJsEmbedded)
        {
            sb.Append(PlotlyJsScriptCore());
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

    private static bool IsLoadFailure(Exception e) =>
        e is FileLoadException or FileNotFoundException or TypeLoadException or MissingMethodException or MissingFieldException or BadImageFormatException
        || (e is TypeInitializationException t && t.InnerException is { } inner && IsLoadFailure(inner));
}
