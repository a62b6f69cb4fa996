namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>A KPI card of the executive summary.</summary>
/// <param name="Label">What is measured.</param>
/// <param name="Value">The report period's figure, formatted.</param>
/// <param name="Delta">The changes against the last period and the baseline, one per line.</param>
/// <param name="Favourable">True when the change against the last period is not negative.</param>
public sealed record KpiCardModel(string Label, string Value, string Delta, bool Favourable)
{
    /// <summary>False when the data cannot measure the KPI: the value is "n/a" and the delta says why.</summary>
    public bool Measured { get; init; } = true;
}
