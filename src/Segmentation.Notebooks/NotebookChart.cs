namespace Segmentation.Notebooks;

/// <summary>
/// A chart of the notebooks' vocabulary (made by <see cref="Charts"/>), with two renderers: Plotly.NET
/// (<see cref="ToPlotlyJson"/>, interactive; what the notebook display uses) and ScottPlot (<see cref="ToSvg"/>, static SVG;
/// the fallback where the Plotly.NET host cannot be loaded).
/// </summary>
/// <remarks>This type holds data only. Plotly.NET runs in a private load context with its own FSharp.Core
/// (<c>lib/plotly/</c>), so it works in the stock .NET Interactive kernel whose FSharp.Core is older.</remarks>
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

    /// <summary>The Plotly figure as JSON (<c>{"data": [...], "layout": {...}}</c>), made by Plotly.NET.</summary>
    /// <exception cref="InvalidOperationException">The Plotly.NET host (<c>plotly/</c> beside this library) cannot be loaded.</exception>
    public string ToPlotlyJson() => ChartHtml.FigureJson(this);

    /// <summary>The chart drawn by ScottPlot as an SVG document (default size: <see cref="Width"/> × <see cref="Height"/>).</summary>
    public string ToSvg(int? width = null, int? height = null) => SvgRenderer.Render(this, width ?? Width, height ?? Height);

    /// <summary>The SVG of <see cref="ToSvg"/> as a value that displays as <c>image/svg+xml</c> (after <see cref="Formatters.Register"/>).</summary>
    public SvgChart AsSvg(int? width = null, int? height = null) => new(ToSvg(width, height));

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
