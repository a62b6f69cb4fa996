namespace Segmentation.Notebooks;

/// <summary>How charts are displayed in a notebook.</summary>
public enum ChartRendering
{
    /// <summary>Plotly.NET when it loads in this kernel, otherwise ScottPlot SVG (default).</summary>
    Auto,
    /// <summary>Always Plotly.NET (fails where Plotly.NET 6 cannot load).</summary>
    Plotly,
    /// <summary>Always static ScottPlot SVG.</summary>
    Svg,
}
