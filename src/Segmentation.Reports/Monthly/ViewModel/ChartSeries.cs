namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>A named line of a chart: one value per period, null where a value is not shown.</summary>
/// <param name="Name">Legend name.</param>
/// <param name="Values">Values in period order.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values)
{
    /// <summary>True when at least one value is shown (only such series get a legend entry).</summary>
    public bool HasValues => Values.Any(v => v is { } d && double.IsFinite(d));
}
