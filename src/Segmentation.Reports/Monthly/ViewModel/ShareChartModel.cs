namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Bars per segment: its share of customers and its share of revenue (0..1).</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Segments">Segment names, top to bottom.</param>
/// <param name="CustomerShares">Share of customers per segment.</param>
/// <param name="RevenueShares">Share of revenue per segment.</param>
/// <param name="CustomersLabel">Legend name of the customer bars.</param>
/// <param name="RevenueLabel">Legend name of the revenue bars.</param>
public sealed record ShareChartModel(string Title, IReadOnlyList<string> Segments, IReadOnlyList<double> CustomerShares,
                                     IReadOnlyList<double> RevenueShares, string CustomersLabel, string RevenueLabel);
