namespace Segmentation.Analytics.Evaluation;

/// <summary>Length of a KPI period.</summary>
public enum ReportingCycle
{
    /// <summary>Calendar months.</summary>
    Monthly = 1,
    /// <summary>Three consecutive months ending with the period-end month.</summary>
    Quarterly = 3,
    /// <summary>Twelve consecutive months ending with the period-end month.</summary>
    Yearly = 12,
}
