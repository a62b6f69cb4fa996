namespace Segmentation.Notebooks;

/// <summary>What <see cref="Formatters.Register"/> set up; displays as a one-line banner under the setup cell.</summary>
/// <param name="LibraryVersion">Informational version of Segmentation.Notebooks.</param>
/// <param name="Language">Header language.</param>
/// <param name="Charts">Chart rendering requested.</param>
/// <param name="PlotlyJsVersion">Version of the bundled plotly.js when charts are interactive Plotly.NET in this session, else null (charts as SVG).</param>
/// <param name="MaxRows">Rows a DataFrame display shows.</param>
/// <param name="PlotlyRuntime">Plotly.NET, FSharp.Core and the load context they run in, when Plotly.NET is used.</param>
/// <param name="PlotlyUnavailableReason">Why Plotly.NET could not be loaded, when it could not (charts then fall back to SVG).</param>
public sealed record NotebookSession(string LibraryVersion, DisplayLanguage Language, ChartRendering Charts, string? PlotlyJsVersion, int MaxRows,
                                     string? PlotlyRuntime = null, string? PlotlyUnavailableReason = null)
{
    /// <summary>The renderer charts use in this session: <see cref="ChartRendering.Plotly"/> or <see cref="ChartRendering.Svg"/>.</summary>
    public ChartRendering Renderer => Charts == ChartRendering.Svg || PlotlyJsVersion is null ? ChartRendering.Svg : ChartRendering.Plotly;

    /// <summary>How charts will be shown in this session, and why.</summary>
    public string ChartDescription => Renderer == ChartRendering.Plotly
        ? $"interactive Plotly.NET ({PlotlyRuntime ?? "Plotly.NET"}), plotly.js {PlotlyJsVersion} embedded once (offline)"
        : Charts == ChartRendering.Svg
            ? "static SVG (ScottPlot), as requested (ChartRendering.Svg)"
            : $"static SVG (ScottPlot) — the Plotly.NET host could not be loaded: {PlotlyUnavailableReason ?? "unknown reason"}";

    /// <summary>A one-line summary.</summary>
    public override string ToString() => $"Segmentation.Notebooks {LibraryVersion}: formatters registered ({Language}); charts: {ChartDescription}; DataFrames show {MaxRows} rows.";
}
