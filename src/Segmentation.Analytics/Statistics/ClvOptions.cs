namespace Segmentation.Analytics.Statistics;

/// <summary>Options of <see cref="CustomerLifetimeValue"/>.</summary>
/// <param name="MonthlyDiscountRate">Discount rate per month d ≥ 0 (0.01 ≈ 12.7 % a year).</param>
/// <param name="MarginShare">Share of spend that is margin, in (0, 1] (1 = value in revenue).</param>
/// <param name="HorizonMonths">Months to sum over (≥ 1).</param>
/// <param name="TimeUnitsPerMonth">Time units of the BG/NBD model per month (&gt; 0): 4.345 for weeks, 30 for days. Note: lifetimes' default <c>freq="D"</c> uses 30 whatever the data's unit.</param>
public sealed record ClvOptions(double MonthlyDiscountRate = 0.01, double MarginShare = 1.0, int HorizonMonths = 12, double TimeUnitsPerMonth = 4.345)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!(MonthlyDiscountRate >= 0) || !double.IsFinite(MonthlyDiscountRate))
            throw new ArgumentOutOfRangeException(nameof(MonthlyDiscountRate), MonthlyDiscountRate, "must be a finite number ≥ 0.");
        if (!(MarginShare > 0 && MarginShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(MarginShare), MarginShare, "must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(HorizonMonths, 1, nameof(HorizonMonths));
        if (!(TimeUnitsPerMonth > 0) || !double.IsFinite(TimeUnitsPerMonth))
            throw new ArgumentOutOfRangeException(nameof(TimeUnitsPerMonth), TimeUnitsPerMonth, "must be a positive finite number.");
    }
}
