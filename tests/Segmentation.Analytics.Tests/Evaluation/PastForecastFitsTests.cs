using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Statistics;
using Segmentation.Data;
using Segmentation.Testing;

namespace Segmentation.Analytics.Tests.Evaluation;

/// <summary>
/// Last month's forecast fits its models at the previous month end. The monthly job starts those fits on another thread
/// (<see cref="NextPeriodForecast.StartPastFits"/>) while it reads the KPIs: the forecast made from them must be the one the
/// forecast makes when it fits them itself, bit for bit, and say the same when they cannot be fitted.
/// </summary>
public sealed class PastForecastFitsTests
{
    private static readonly DateOnly MonthEnd = new(2026, 10, 31), PreviousEnd = new(2026, 9, 30);

    [Fact]
    public async Task Last_months_forecast_from_the_fits_started_beforehand_equals_the_one_fitted_in_place_on_the_sample()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var summaries = CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, PreviousEnd);
        var assignment = Assignment(summaries.Later.Select(r => r.Id));
        var previous = Assignment(summaries.Earlier!.Select(r => r.Id));

        var inPlace = NextPeriodForecast.Compute(ws, assignment, previous, MonthEnd, 3, NextPeriodForecast.DefaultLevel, null, summaries);
        var pastFits = NextPeriodForecast.StartPastFits(summaries, MonthEnd, 3);
        Assert.NotNull(pastFits);
        var fits = (await pastFits)!;
        Assert.Equal(summaries.Earlier!.Count, fits.Summary.Count);
        Assert.NotNull(fits.Spend);
        var beforehand = NextPeriodForecast.Compute(ws, assignment, previous, MonthEnd, 3, NextPeriodForecast.DefaultLevel, null, summaries, pastFits);

        Assert.NotNull(inPlace.Previous);
        Assert.True(inPlace.Previous.Count >= 3, $"{inPlace.Previous.Count} rows");
        Assert.Equal(inPlace.Previous, beforehand.Previous);
        Assert.Equal(inPlace.Segments, beforehand.Segments);
        Assert.Null(beforehand.PreviousReason);
        // And both are the public overload's, which queries each summary.
        Assert.Equal(NextPeriodForecast.Compute(ws, assignment, previous, MonthEnd, 3).Previous, beforehand.Previous);
        // Another seed gives other fits' draws: the fits started beforehand are the forecast's seed's.
        Assert.NotEqual(NextPeriodForecast.Compute(ws, assignment, previous, MonthEnd, 4, NextPeriodForecast.DefaultLevel, null, summaries).Previous,
            beforehand.Previous);
    }

    [Fact]
    public async Task When_last_months_purchases_cannot_be_modelled_the_fits_started_beforehand_give_the_same_reason()
    {
        // By the previous month end nobody has bought twice: BG/NBD cannot be fitted there (it can at the month end).
        using var dir = new TempDirectory();
        var rows = new List<string> { "transaction_id,customer_id,timestamp,amount" };
        for (int c = 0; c < 40; c++)
        {
            rows.Add($"T{c}a,C{c:D2},2026-0{1 + c % 8}-1{c % 10} 10:00:00,{20 + c}.00");
            rows.Add($"T{c}b,C{c:D2},2026-10-{10 + c % 15} 10:00:00,{30 + c}.00");
        }
        dir.Write("transactions.csv", string.Join("\n", rows) + "\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var summaries = CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, PreviousEnd);
        var assignment = Assignment(summaries.Later.Select(r => r.Id));
        var previous = Assignment(summaries.Earlier!.Select(r => r.Id));

        var inPlace = NextPeriodForecast.Compute(ws, assignment, previous, MonthEnd, 0, NextPeriodForecast.DefaultLevel, null, summaries);
        var pastFits = NextPeriodForecast.StartPastFits(summaries, MonthEnd, 0)!;
        await Assert.ThrowsAnyAsync<ArgumentException>(() => pastFits);
        var beforehand = NextPeriodForecast.Compute(ws, assignment, previous, MonthEnd, 0, NextPeriodForecast.DefaultLevel, null, summaries, pastFits);

        Assert.Null(inPlace.Previous);
        Assert.False(string.IsNullOrEmpty(inPlace.PreviousReason));
        Assert.Null(beforehand.Previous);
        Assert.Equal(inPlace.PreviousReason, beforehand.PreviousReason);
    }

    [Fact]
    public async Task Without_buyers_by_the_previous_month_end_there_is_nothing_to_fit_beforehand()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\nT1,A,2026-10-02 10:00:00,10.00\nT2,A,2026-10-09 10:00:00,12.00\n" +
                                      "T3,B,2026-10-03 10:00:00,15.00\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var summaries = CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, PreviousEnd);
        Assert.Null(NextPeriodForecast.StartPastFits(null, MonthEnd, 0));
        Assert.Null(await NextPeriodForecast.StartPastFits(summaries, MonthEnd, 0)!);
    }

    [Fact]
    public async Task Summaries_read_ahead_are_read_once_and_their_fits_are_given_only_for_them()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var held = new CountingSummaries(CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, PreviousEnd));
        var ahead = new ReadAheadSummaries(held, seed: 5);
        Assert.Equal(MonthEnd, ahead.LaterEnd);
        Assert.Equal(PreviousEnd, ahead.EarlierEnd);
        var summaries = ahead.Read(withEarlier: true)!;
        Assert.Same(summaries, ahead.Read(withEarlier: true));
        Assert.Equal(1, held.Reads);

        var fits = ahead.PastFits(summaries, MonthEnd, 5);
        Assert.NotNull(fits);
        var expected = NextPeriodForecast.FitPast(summaries, MonthEnd, 5)!;
        var actual = (await fits)!;
        Assert.Equal(summaries.Earlier!.Count, actual.Summary.Count);
        Assert.Equal((expected.Purchases.R, expected.Purchases.Alpha, expected.Purchases.A, expected.Purchases.B),
            (actual.Purchases.R, actual.Purchases.Alpha, actual.Purchases.A, actual.Purchases.B));
        Assert.Equal((expected.Spend!.P, expected.Spend.Q, expected.Spend.Gamma), (actual.Spend!.P, actual.Spend.Q, actual.Spend.Gamma));
        // Not for other summaries (even equal ones), another seed or another month.
        Assert.Null(ahead.PastFits(CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, PreviousEnd), MonthEnd, 5));
        Assert.Null(ahead.PastFits(summaries, MonthEnd, 6));
        Assert.Null(ahead.PastFits(summaries, PreviousEnd, 5));
        // Only the later end asked for: read from the held rows then.
        Assert.Null(ahead.Read(withEarlier: false)!.Earlier);
        Assert.Equal(2, held.Reads);
        ahead.Settle();
    }

    /// <summary>Held summaries that count their reads.</summary>
    private sealed class CountingSummaries(CustomerSummaryAtTwoEnds rows) : HeldCustomerSummaries
    {
        public int Reads;

        public override DateOnly LaterEnd => rows.LaterEnd;

        public override DateOnly EarlierEnd => rows.EarlierEnd!.Value;

        public override CustomerSummaryAtTwoEnds? Read(bool withEarlier)
        {
            Interlocked.Increment(ref Reads);
            return CustomerSummaryAtTwoEnds.FromRows(rows.LaterEnd, [.. rows.Later], withEarlier ? rows.EarlierEnd : null, withEarlier ? [.. rows.Earlier!] : null);
        }
    }

    /// <summary>The customers in three segments by turn.</summary>
    private static SegmentAssignment Assignment(IEnumerable<string> ids)
    {
        var kept = ids.ToArray();
        return new SegmentAssignment(kept, kept.Select((_, i) => (i % 3) switch { 0 => "a", 1 => "b", _ => "c" }).ToArray(),
            [new("a", "甲", "A", 1, null), new("b", "乙", "B", 2, null), new("c", "丙", "C", 3, null)]);
    }
}
