namespace Segmentation.Data.Sql;

/// <summary>How the text of one date or date-time column is read, as found in its values.</summary>
/// <param name="Formats">Formats found in the values beyond ISO 8601 and the defaults (e.g. <c>%m/%d/%Y %H:%M</c>).</param>
/// <param name="Zone">The IANA time zone values with a UTC offset are converted to, or null for a fixed offset.</param>
/// <param name="OffsetMinutes">The fixed offset east of UTC they are converted to, when <paramref name="Zone"/> is null.</param>
/// <param name="ValuesWithOffset">Values that carry a UTC offset (0: no conversion).</param>
internal sealed record DateReading(IReadOnlyList<string> Formats, string? Zone, int OffsetMinutes, long ValuesWithOffset)
{
    /// <summary>
    /// A value ending in a UTC offset right after a time of day (<c>10:00Z</c>, <c>10:00:00+08</c>, <c>+0800</c>,
    /// <c>+08:00</c>); a date alone (<c>2026-01-05</c>) never matches.
    /// </summary>
    public const string OffsetPattern = ".*[0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)";

    /// <summary>The offset at the end of a value (capture group 1).</summary>
    public const string OffsetSuffix = "(Z|[+-][0-9]{2}(:?[0-9]{2})?)$";
}
