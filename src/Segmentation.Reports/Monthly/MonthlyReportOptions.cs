namespace Segmentation.Reports.Monthly;

/// <summary>Options of the monthly report: its language, how numbers print and which groups are suppressed, and an optional experiment.</summary>
/// <param name="Language">Language of every text (Chinese by default).</param>
/// <param name="Format">Number formats and the minimum group size; null = <see cref="ReportFormat"/>'s defaults (10 customers).</param>
/// <param name="Experiment">A randomised experiment to add as a section, or null for none.</param>
public sealed record MonthlyReportOptions(ReportLanguage Language = ReportLanguage.Zh, ReportFormat? Format = null, ExperimentSection? Experiment = null)
{
    /// <summary>Number formats and the minimum group size.</summary>
    public ReportFormat Format { get; init; } = Format ?? new ReportFormat();
}
