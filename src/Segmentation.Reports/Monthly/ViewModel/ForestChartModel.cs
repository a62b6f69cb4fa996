namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Estimates with their 95 % intervals, one per campaign (conversion uplift as a share, 0.01 = 1 point).</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Labels">Campaign names, in table order.</param>
/// <param name="Estimates">Point estimates.</param>
/// <param name="Lower">Lower bounds.</param>
/// <param name="Upper">Upper bounds.</param>
public sealed record ForestChartModel(string Title, IReadOnlyList<string> Labels, IReadOnlyList<double> Estimates,
                                      IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);
