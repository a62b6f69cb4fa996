namespace Segmentation.Reports.Monthly;

/// <summary>Options of the monthly report: its language, how numbers print and which groups are suppressed, and an optional experiment.</summary>
/// <param name="Language">Language of every text (Chinese by default).</param>
/// <param name="Format">Number formats and the minimum group size; null = <see cref="ReportFormat"/>'s defaults (10 customers).</param>
/// <param name="Experiment">A randomised experiment to add as a section, or null for none.</param>
public sealed record MonthlyReportOptions(ReportLanguage Language = ReportLanguage.Zh, ReportFormat? Format = null, ExperimentSection? Experiment = null)
{
    /// <summary>Number formats and the minimum group size.</summary>
    public ReportFormat Format { get; init; } = Format ?? new ReportFormat();

    /// <summary>The currency of the amounts: an ISO 4217 code (<c>GBP</c> → £, <c>CNY</c> → ¥, see <see cref="ReportFormat.CurrencySymbol"/>)
    /// or a symbol; null = amounts print without a currency sign.</summary>
    public string? Currency { get; init; }

    /// <summary>True when the customer ids were pseudonymised at ingest (a pseudonym key was given); the confidentiality line says so
    /// only then.</summary>
    public bool Pseudonymised { get; init; }
}
