namespace Segmentation.Notebooks;

/// <summary>What <see cref="Formatters.Register"/> set up; displays as a one-line banner under the setup cell.</summary>
/// <param name="LibraryVersion">Informational version of Segmentation.Notebooks.</param>
/// <param name="Language">Header language.</param>
/// <param name="Charts">Chart rendering requested.</param>
/// <param name="PlotlyJsVersion">Version of the bundled plotly.js when Plotly.NET loads in this kernel, else null (charts as SVG).</param>
/// <param name="MaxRows">Rows a DataFrame display shows.</param>
public sealed record NotebookSession(string LibraryVersion, DisplayLanguage Language, ChartRendering Charts, string? PlotlyJsVersion, int MaxRows)
{
    /// <summary>How charts will be shown in this session.</summary>
    public string ChartDescription => Charts == ChartRendering.Svg || PlotlyJsVersion is null
        ? "static SVG (ScottPlot)" + (Charts != ChartRendering.Svg ? " — Plotly.NET 6 cannot load in this kernel (it needs FSharp.Core ≥ 10.1)" : "")
        : $"interactive Plotly.NET, plotly.js {PlotlyJsVersion} embedded once (offline)";

    /// <summary>A one-line summary.</summary>
    public override string ToString() => $"Segmentation.Notebooks {LibraryVersion}: formatters registered ({Language}); charts: {ChartDescription}; DataFrames show {MaxRows} rows.";
}
