using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Segmentation.Notebooks.Plotly;

/// <summary>
/// What Segmentation.Notebooks calls, by reflection, across its private load context: strings in, strings out, so no type
/// of Plotly.NET or FSharp.Core ever meets the kernel's own copies.
/// </summary>
public static class PlotlyHost
{
    /// <summary>
    /// The Plotly figure JSON (<c>{"data": [...], "layout": {...}}</c>) that Plotly.NET makes of a figure specification:
    /// <c>{"traces": [{"type": "scatter", "x": [...], ...}, ...], "layout": {...}}</c> — each trace's and the layout's
    /// properties are set as given (Plotly's own attribute names); plotly.js is referenced in full (offline).
    /// </summary>
    /// <exception cref="ArgumentException">The specification is not an object with a <c>traces</c> array.</exception>
    public static string FigureJson(string specification) => GenericChart.toFigureJson(Chart(specification));

    /// <summary>The whole chart as Plotly.NET writes it (<c>GenericChart.toChartHTML</c>: a div and its script, plotly.js inline).</summary>
    public static string ChartHtml(string specification) => GenericChart.toChartHTML(Chart(specification));

    /// <summary>The plotly.js bundled in Plotly.NET (what <see cref="PlotlyJSReference.Full"/> inlines).</summary>
    public static string PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        using var stream = assembly.GetManifestResourceStream(PlotlyJsResource())!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The version of the bundled plotly.js (e.g. 2.27.1).</summary>
    public static string PlotlyJsVersion()
    {
        var name = PlotlyJsResource();
        return name[(name.IndexOf("plotly-", StringComparison.Ordinal) + 7)..^".min.js".Length];
    }

    /// <summary>One line naming the Plotly.NET and FSharp.Core in use and the load context they live in.</summary>
    public static string Runtime()
    {
        static string Version(Assembly a) => a.GetName().Version?.ToString() ?? "?";
        var plotly = typeof(GenericChart).Assembly;
        var fsharp = typeof(FSharpOption<>).Assembly;
        var context = AssemblyLoadContext.GetLoadContext(fsharp)?.Name ?? "default";
        return $"Plotly.NET {Version(plotly)}, FSharp.Core {Version(fsharp)} (load context '{context}')";
    }

    private static string PlotlyJsResource() =>
        typeof(GenericChart).Assembly.GetManifestResourceNames()
            .First(n => n.EndsWith(".min.js", StringComparison.Ordinal) && n.Contains("plotly-", StringComparison.Ordinal));

    private static GenericChart Chart(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        using var json = JsonDocument.Parse(specification);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("traces", out var tracesJson) || tracesJson.ValueKind != JsonValueKind.Array)
            throw new ArgumentException("A figure specification is a JSON object with a \"traces\" array.", nameof(specification));

        var traces = new List<Trace>();
        foreach (var t in tracesJson.EnumerateArray())
        {
            var type = t.TryGetProperty("type", out var ty) ? ty.GetString() ?? "scatter" : "scatter";
            var trace = new Trace(type);
            foreach (var p in t.EnumerateObject())
                if (p.Name != "type") trace.SetProperty(p.Name, Value(p.Value));
            traces.Add(trace);
        }
        var layout = new Layout();
        if (root.TryGetProperty("layout", out var layoutJson) && layoutJson.ValueKind == JsonValueKind.Object)
            foreach (var p in layoutJson.EnumerateObject()) layout.SetProperty(p.Name, Value(p.Value));
        var display = DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));
        return GenericChart.NewMultiChart(ListModule.OfSeq(traces), layout, new Config(), display);
    }

    // JSON → plain .NET values Plotly.NET (Newtonsoft) writes back unchanged: objects as dictionaries, arrays as object arrays.
    private static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(Value).ToArray(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(), // integers stay integers (indices, sizes)
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
