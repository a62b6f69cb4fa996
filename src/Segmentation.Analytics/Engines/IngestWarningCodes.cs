namespace Segmentation.Analytics.Engines;

/// <summary>The codes of <see cref="IngestWarning"/>s.</summary>
public static class IngestWarningCodes
{
    /// <summary>A value outside an open code list, kept as <c>other</c>.</summary>
    public const string OtherCategory = "other_category";
    /// <summary>Transactions with amount 0, kept as purchase occasions with value 0.</summary>
    public const string ZeroAmount = "zero_amount_kept";
    /// <summary>Line items of one record that disagree in a field taken from the first line.</summary>
    public const string LinesDisagree = "lines_disagree";
    /// <summary>Timestamps carrying a UTC offset, converted to the table's time zone.</summary>
    public const string TimeZone = "time_zone";
}
