namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Lines per segment over the last periods.</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Periods">Period labels, oldest first.</param>
/// <param name="Series">One line per segment shown.</param>
/// <param name="Percent">True when the values are shares (0..1) drawn as percentages.</param>
public sealed record TrendChartModel(string Title, IReadOnlyList<string> Periods, IReadOnlyList<ChartSeries> Series, bool Percent);
