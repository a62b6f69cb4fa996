using Segmentation.Reports.Composition;

namespace Segmentation.Reports.Monthly.Sections;

/// <summary>A chart's legend as a line of text under it: a square in the series colour, then its name (joined by a no-break
/// space, so a wrapped legend never leaves a square at the end of a line and its name on the next)
/// (ScottPlot's own legend clips CJK labels: ScottPlot issue #5213).</summary>
/// <param name="items">Name and palette index of every series shown.</param>
/// <param name="theme">Colours and sizes of the document.</param>
internal sealed class ChartLegend(IReadOnlyList<(string Name, int Colour)> items, Theme theme) : IComponent
{
    public void Compose(Container container) =>
        container.Padding(0, 0, 0, 6).Text(t =>
        {
            t.AlignCenter();
            foreach (var (name, colour) in items)
            {
                t.Span("■\u00A0").FontSize(theme.SmallSize).FontColor(ReportCharts.SkColorOf(colour));
                t.Span(name + "    ").FontSize(theme.SmallSize);
            }
        });
}
