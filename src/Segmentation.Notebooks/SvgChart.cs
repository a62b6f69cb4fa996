namespace Segmentation.Notebooks;

/// <summary>
/// A chart as a static SVG document that displays with the <c>image/svg+xml</c> MIME type (end a cell with
/// <c>chart.AsSvg()</c>, or <c>display(chart.AsSvg())</c>). A plain string has no <c>image/svg+xml</c> formatter in the stock
/// .NET Interactive kernel (<c>display(svg, "image/svg+xml")</c> throws there); <c>svg.DisplayAs("image/svg+xml")</c> works too.
/// </summary>
/// <param name="Svg">The SVG document (ScottPlot, text in the CJK font).</param>
public sealed record SvgChart(string Svg)
{
    /// <summary>The MIME type this displays with.</summary>
    public const string MimeType = "image/svg+xml";

    /// <summary>The SVG document.</summary>
    public override string ToString() => Svg;
}
