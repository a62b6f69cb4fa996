using Plotly.NET;

namespace Segmentation.Notebooks;

/// <summary>
/// A chart of the notebooks' vocabulary (made by <see cref="Charts"/>), with two renderers: Plotly.NET
/// (<see cref="ToPlotly"/>, interactive; what the notebook display uses) and ScottPlot (<see cref="ToSvg"/>, static SVG; the
/// fallback for kernels that cannot load Plotly.NET 6, and what reports can reuse).
/// </summary>
/// <remarks>This type holds data only; Plotly.NET is touched only when <see cref="ToPlotly"/> runs, so a kernel whose
/// FSharp.Core is too old to load Plotly.NET can still build charts and show them as SVG.</remarks>
public sealed class NotebookChart
{
    internal NotebookChart(string title, string? xTitle, string? yTitle, IReadOnlyList<ChartLayer> layers,
                           string[]? xCategories = null, string[]? yCategories = null, int width = 760, int height = 420)
    {
        Title = title;
        XTitle = xTitle;
        YTitle = yTitle;
        Layers = layers;
        XCategories = xCategories;
        YCategories = yCategories;
        Width = width;
        Height = height;
    }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The x-axis title, or null.</summary>
    public string? XTitle { get; }

    /// <summary>The y-axis title, or null.</summary>
    public string? YTitle { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    internal IReadOnlyList<ChartLayer> Layers { get; }

    /// <summary>Category labels at x = 0, 1, … (null: numeric x axis).</summary>
    internal string[]? XCategories { get; }

    /// <summary>Category labels at y = 0, 1, … (null: numeric y axis).</summary>
    internal string[]? YCategories { get; }

    /// <summary>The chart as a Plotly.NET chart (plotly.js embedded in full via its display options: offline).</summary>
    public GenericChart ToPlotly() => PlotlyRenderer.Render(this);

    /// <summary>The Plotly figure as JSON (<c>{"data": [...], "layout": {...}}</c>).</summary>
    public string ToPlotlyJson() => PlotlyRenderer.FigureJson(this);

    /// <summary>The chart drawn by ScottPlot as an SVG document (default size: <see cref="Width"/> × <see cref="Height"/>).</summary>
    public string ToSvg(int? width = null, int? height = null) => SvgRenderer.Render(this, width ?? Width, height ?? Height);

    /// <summary>The chart with another size.</summary>
    public NotebookChart WithSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        return new NotebookChart(Title, XTitle, YTitle, Layers, XCategories, YCategories, width, height);
    }

    /// <summary>The title.</summary>
    public override string ToString() => Title;
}
