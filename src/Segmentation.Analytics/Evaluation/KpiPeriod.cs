using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>One period of a KPI table: whole months [<see cref="Start"/>, <see cref="End"/>].</summary>
/// <param name="Index">0-based position in the table (0 = oldest).</param>
/// <param name="Start">First day (a month start).</param>
/// <param name="End">Last day (inclusive, a month end).</param>
/// <param name="Label">Display label: 2026-10 (month), 2026-Q3 (calendar quarter), 2026 (calendar year), else 2025-11..2026-10.</param>
public sealed record KpiPeriod(int Index, DateOnly Start, DateOnly End, string Label)
{
    /// <summary>The day after <see cref="End"/> (exclusive bound used in SQL).</summary>
    public DateOnly EndExclusive => End.AddDays(1);

    /// <summary>Whole months in the period.</summary>
    public int Months => (End.Year - Start.Year) * 12 + End.Month - Start.Month + 1;

    /// <summary>Calendar days in the period.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>True when <paramref name="date"/> lies in the period.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>A period of whole months from <paramref name="firstMonth"/> (any day of it) for <paramref name="months"/> months.</summary>
    public static KpiPeriod Of(int index, DateOnly firstMonth, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var start = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        var end = start.AddMonths(months).AddDays(-1);
        string label = months switch
        {
            1 => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            3 when (start.Month - 1) % 3 == 0 => string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{(start.Month - 1) / 3 + 1}"),
            12 when start.Month == 1 => start.Year.ToString(CultureInfo.InvariantCulture),
            _ => string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM}..{end:yyyy-MM}"),
        };
        return new KpiPeriod(index, start, end, label);
    }
}
