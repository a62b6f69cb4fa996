using Segmentation.Analytics.Statistics;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Held summaries read ahead: the rows at both ends are read, and last month's forecast fitted on them
/// (<see cref="NextPeriodForecast.FitPast"/>), on another thread from the moment this is made, while the monthly job
/// assigns its customers; the evaluation then takes both instead of making them itself. What it takes is what it
/// would make: the same rows, and fits of the very summaries it reads (<see cref="PastFits"/> gives them for those alone).
/// </summary>
internal sealed class ReadAheadSummaries : HeldCustomerSummaries
{
    private readonly HeldCustomerSummaries held;
    private readonly Task<CustomerSummaryAtTwoEnds?> read;
    private readonly Task<NextPeriodForecast.Fits?> fits;
    private readonly int seed;

    /// <param name="held">The summaries held by the pass.</param>
    /// <param name="seed">The seed the evaluation fits with.</param>
    public ReadAheadSummaries(HeldCustomerSummaries held, int seed)
    {
        this.held = held ?? throw new ArgumentNullException(nameof(held));
        this.seed = seed;
        read = Task.Run(() => held.Read(withEarlier: true));
        fits = Task.Run(async () => await read.ConfigureAwait(false) is { } summaries
            ? NextPeriodForecast.FitPast(summaries, held.LaterEnd, seed) : null);
    }

    public override DateOnly LaterEnd => held.LaterEnd;

    public override DateOnly EarlierEnd => held.EarlierEnd;

    /// <summary>The rows read ahead (both ends; the later end's alone read now when that is all that is asked).</summary>
    public override CustomerSummaryAtTwoEnds? Read(bool withEarlier) => withEarlier ? read.GetAwaiter().GetResult() : held.Read(withEarlier: false);

    /// <summary>Last month's fits at <paramref name="periodEnd"/>'s previous month end when they were made of <paramref name="summaries"/>
    /// (the object <see cref="Read"/> gave) with <paramref name="seed"/>; else null (the caller fits).</summary>
    public Task<NextPeriodForecast.Fits?>? PastFits(CustomerSummaryAtTwoEnds summaries, DateOnly periodEnd, int seed) =>
        periodEnd == held.LaterEnd && seed == this.seed && read.IsCompletedSuccessfully && ReferenceEquals(read.Result, summaries) ? fits : null;

    /// <summary>Waits for the work started here (its outcome, whatever it is, is left to whoever takes it).</summary>
    public void Settle() => ((Task)fits).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
}

