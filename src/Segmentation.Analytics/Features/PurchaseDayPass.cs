using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>
/// What <see cref="CustomerAggregateQuery.RenderSnapshots(SqlDialect, IReadOnlyList{DateTime}, string, PurchaseDayPass, string)"/> adds to its
/// pass over the distinct (customer, purchase day) pairs.
/// </summary>
/// <param name="Windows">Day windows [Start, End) on timestamps (whole days, each ending by the last snapshot's next day): each customer's
/// distinct purchase days in each, as <c>window0</c>, <c>window1</c>, … (BIGINT).</param>
/// <param name="Aggregates">Further per-customer aggregates, each a SQL select item (<c>expression AS name</c>) over the grain's columns
/// <c>customer_id</c>, <c>day</c> (DATE) and <c>day_amount</c> (the day's purchase amounts, DECIMAL, summed exactly).</param>
public sealed record PurchaseDayPass(IReadOnlyList<(DateTime Start, DateTime End)> Windows, IReadOnlyList<string> Aggregates)
{
    /// <summary>Nothing added: the pass counts purchase days per snapshot and its table is dropped.</summary>
    public static PurchaseDayPass None { get; } = new([], []);

    /// <summary>
    /// Set when <see cref="Aggregates"/> are <see cref="Statistics.CustomerSummaryQuery.DayAggregatesAtTwoEnds"/> at this earlier end:
    /// an engine that aggregates the snapshots in process (<see cref="ICustomerAggregateSnapshotSource"/>) computes those itself
    /// (other aggregates, SQL text only, leave the pass to the SQL).
    /// </summary>
    internal DateOnly? SummariesEarlierEnd { get; init; }

    /// <summary>
    /// Set when the KPI tables' customer × month grain of the transactions before the last snapshot's next day is wanted later
    /// (the monthly job's evaluation): an engine that aggregates the snapshots in process folds it in the same pass and holds it
    /// (<see cref="Evaluation.IHeldForEvaluation.CustomerMonths"/>); the SQL ignores it.
    /// </summary>
    internal bool CustomerMonths { get; init; }

    /// <summary>Whether the per-customer table of the pass (<c>_days</c>) is kept for the caller.</summary>
    public bool KeepsDays => Windows.Count > 0 || Aggregates.Count > 0;
}
