namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>A transition matrix as row shares; a suppressed row is all NaN (drawn blank).</summary>
/// <param name="Title">Chart title.</param>
/// <param name="From">Row labels (previous segments).</param>
/// <param name="To">Column labels (current segments).</param>
/// <param name="RowShares">Share of each row's customers per column, 0..1.</param>
public sealed record HeatmapModel(string Title, IReadOnlyList<string> From, IReadOnlyList<string> To, IReadOnlyList<IReadOnlyList<double>> RowShares)
{
    /// <summary>Per cell the interval printed under its share ("(58–66)", percent), null for a blank or hidden cell; null for none.</summary>
    public IReadOnlyList<IReadOnlyList<string?>>? Intervals { get; init; }
}
