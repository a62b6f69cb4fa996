namespace Segmentation.Reports.Monthly;

/// <summary>Language of the monthly report.</summary>
public enum ReportLanguage
{
    /// <summary>Chinese (default).</summary>
    Zh,
    /// <summary>English.</summary>
    En,
}
