namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Options of <see cref="KpiCalculator"/>: the periods (cycle, the month the last period ends with, how many periods) and the
/// churn window.
/// </summary>
/// <param name="PeriodEnd">Any day of the month the last period ends with (the report month).</param>
/// <param name="Cycle">Period length.</param>
/// <param name="Periods">Number of consecutive periods (≥ 1), the last ending with <paramref name="PeriodEnd"/>'s month.</param>
/// <param name="ChurnWindowDays">W: a customer has churned once W days pass without a purchase. Null = 90 (monthly), 180 (quarterly),
/// 366 (yearly). Must be at least the longest period (31, 92, 366 days), so a lapse cannot fall between two purchases of one period.</param>
public sealed record KpiOptions(DateOnly PeriodEnd, ReportingCycle Cycle = ReportingCycle.Monthly, int Periods = 13, int? ChurnWindowDays = null)
{
    /// <summary>Explicit periods instead of the cycle grid (e.g. a baseline and an evaluation window); must be contiguous.</summary>
    public IReadOnlyList<KpiPeriod>? CustomPeriods { get; init; }

    /// <summary>The churn window W in days in effect.</summary>
    public int ResolvedChurnWindowDays => ChurnWindowDays ?? Cycle switch
    {
        ReportingCycle.Monthly => 90,
        ReportingCycle.Quarterly => 180,
        _ => 366,
    };

    /// <summary>The periods, oldest first.</summary>
    public IReadOnlyList<KpiPeriod> ResolvedPeriods => CustomPeriods ?? Enumerable.Range(0, Periods)
        .Select(k => KpiPeriod.Of(k, new DateOnly(PeriodEnd.Year, PeriodEnd.Month, 1).AddMonths(-(Periods - k) * (int)Cycle + 1), (int)Cycle))
        .ToArray();

    /// <summary>Options whose periods are the given contiguous windows (whole months), e.g. baseline and evaluation windows.</summary>
    /// <param name="windows">Contiguous windows of whole months, oldest first.</param>
    /// <param name="churnWindowDays">W; null = the longest window's length in days (at least 90).</param>
    public static KpiOptions ForWindows(IReadOnlyList<KpiPeriod> windows, int? churnWindowDays = null)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0) throw new ArgumentException("At least one window is required.", nameof(windows));
        return new KpiOptions(windows[^1].End, ReportingCycle.Monthly, windows.Count, churnWindowDays ?? Math.Max(90, windows.Max(w => w.Days)))
        {
            CustomPeriods = windows.Select((w, i) => w with { Index = i }).ToArray(),
        };
    }

    /// <summary>Checks the options; throws naming the option and the bad value.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Cycle)) throw new ArgumentOutOfRangeException(nameof(Cycle), Cycle, "Unknown cycle.");
        ArgumentOutOfRangeException.ThrowIfLessThan(Periods, 1, nameof(Periods));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Periods, 600, nameof(Periods));
        var periods = ResolvedPeriods;
        for (int i = 0; i < periods.Count; i++)
        {
            if (periods[i].Start.Day != 1 || periods[i].EndExclusive.Day != 1)
                throw new ArgumentException($"Period {i} ({periods[i].Start:yyyy-MM-dd}..{periods[i].End:yyyy-MM-dd}) must cover whole months.", nameof(CustomPeriods));
            if (i > 0 && periods[i].Start != periods[i - 1].EndExclusive)
                throw new ArgumentException($"Period {i} starts {periods[i].Start:yyyy-MM-dd}, not the day after period {i - 1} ends ({periods[i - 1].End:yyyy-MM-dd}): periods must be contiguous.", nameof(CustomPeriods));
        }
        int longest = periods.Max(p => p.Days);
        int w = ResolvedChurnWindowDays;
        if (w < longest || w > 3660)
            throw new ArgumentOutOfRangeException(nameof(ChurnWindowDays), w, $"The churn window must be between the longest period ({longest} days) and 3660 days.");
    }
}
