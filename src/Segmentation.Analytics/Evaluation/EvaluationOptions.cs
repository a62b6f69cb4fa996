using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Evaluation;

/// <summary>Options of <see cref="EffectEvaluator"/>: the report month, the KPI grid, the before/after windows and the extras.</summary>
/// <param name="Month">Any day of the report month (the last KPI period ends with it; the churn models are fitted at its last day).</param>
/// <param name="Cycle">KPI period length.</param>
/// <param name="Periods">KPI periods (13 monthly periods give period-over-period and year-over-year).</param>
/// <param name="ManagementStart">First month of segment-based management; null = no before/after comparison.</param>
/// <param name="WindowMonths">Length of the baseline window (the months right before <paramref name="ManagementStart"/>) and of the
/// evaluation window (from it, cut at the report month).</param>
/// <param name="Seed">Seed of every bootstrap and model fit.</param>
public sealed record EvaluationOptions(DateOnly Month, ReportingCycle Cycle = ReportingCycle.Monthly, int Periods = 13,
                                       DateOnly? ManagementStart = null, int WindowMonths = 12, int Seed = 0)
{
    /// <summary>Day of the first transaction in the data (null = unknown): the baseline window never starts before the first whole
    /// month with data, and the two windows are cut to the same length (see <see cref="Windows"/>).</summary>
    public DateOnly? DataStart { get; init; }

    /// <summary>Bootstrap replicates of ratio comparisons.</summary>
    public int BootstrapReplicates { get; init; } = BootstrapTest.DefaultReplicates;

    /// <summary>Churn window W in days (null = the cycle's default, see <see cref="KpiOptions"/>).</summary>
    public int? ChurnWindowDays { get; init; }

    /// <summary>The previous assignment, for the migration matrix (null = none).</summary>
    public SegmentAssignment? PreviousAssignment { get; init; }

    /// <summary>An engine table (customer_id, segment) already holding the assignment (<see cref="InEngineSegments"/>): the evaluation
    /// reads it instead of uploading the assignment, and leaves it in place; null = upload the assignment.</summary>
    public string? SegmentsTable { get; init; }

    /// <summary>
    /// With <see cref="SegmentsTable"/>: the customers of each segment key in that table, when the evaluated assignment is a sample of
    /// it (<see cref="InEngineSegments.DrawCustomers"/>) rather than every customer. Sizes, KPIs, campaigns and migration still come
    /// from the engine table; the churn summary and CLV are fitted on the sample's buyers and scaled to these counts
    /// (<see cref="ChurnRiskSummary.ScaledTo"/>), drift compares these counts, and next month's forecast is left out unless the sample
    /// holds every customer. Null = the assignment is every customer.
    /// </summary>
    public IReadOnlyDictionary<string, long>? SegmentCounts { get; init; }

    /// <summary>The engine table of the sample's customers (customer_id, …) when <see cref="SegmentCounts"/> is set.</summary>
    public string? SampleTable { get; init; }

    /// <summary>
    /// The customer summaries of the churn section already in an engine table, made by a pass over the purchase days the run did
    /// anyway (<see cref="MonthlyEvaluation"/>): read when its ends are the evaluated month's end and the month before's, instead of
    /// passing over the transactions again; left in place. Null = from the transactions.
    /// </summary>
    public CustomerSummaryTable? CustomerSummaries { get; init; }

    /// <summary>
    /// The KPI tables' customer × month grain of every customer, folded by the pass that aggregated the run's snapshots
    /// (<see cref="IHeldForEvaluation.CustomerMonths"/>): used, when it covers the KPI periods' transactions, for the
    /// assignment uploaded here (not with <see cref="SegmentsTable"/>) instead of passing over the transactions again. Null = from the
    /// transactions.
    /// </summary>
    internal HeldCustomerMonths? CustomerMonths { get; init; }

    /// <summary>
    /// The customer summaries of the churn section held in process by the pass that aggregated the run's snapshots
    /// (<see cref="IHeldForEvaluation.Summaries"/>): read when their ends are the evaluated month's end and the month
    /// before's, before <see cref="CustomerSummaries"/>. Null = not held.
    /// </summary>
    internal Statistics.HeldCustomerSummaries? HeldSummaries { get; init; }

    /// <summary>The migration matrix when it was counted elsewhere (<see cref="InEngineSegments.Migration"/>); null = from
    /// <see cref="PreviousAssignment"/>.</summary>
    public SegmentMigration? Migration { get; init; }

    /// <summary>The model's training reference, for drift (null = none).</summary>
    public DriftReference? Drift { get; init; }

    /// <summary>Marketing budget to allocate (0 = no allocation).</summary>
    public decimal MarketingBudget { get; init; }

    /// <summary>Weights of the budget rule.</summary>
    public BudgetWeights BudgetWeights { get; init; } = new();

    /// <summary>The strategy playbook (null = <see cref="StrategyPlaybook.Default"/>).</summary>
    public StrategyPlaybook? Playbook { get; init; }

    /// <summary>The KPI options these options imply.</summary>
    public KpiOptions Kpi => new(Month, Cycle, Periods, ChurnWindowDays);

    /// <summary>Baseline and evaluation windows of the same length in whole months: the evaluation window from the management start
    /// (at most <see cref="WindowMonths"/>, cut at the report month), the baseline the same number of months right before it, cut
    /// further to the whole months with data (<see cref="DataStart"/>). Null without a management start, when it is after the
    /// report month, or when there is no whole month of data before it.</summary>
    public IReadOnlyList<KpiPeriod>? Windows
    {
        get
        {
            if (ManagementStart is not { } start) return null;
            var first = new DateOnly(start.Year, start.Month, 1);
            var report = new DateOnly(Month.Year, Month.Month, 1);
            int after = Math.Min(WindowMonths, (report.Year - first.Year) * 12 + report.Month - first.Month + 1);
            if (after < 1) return null;
            // Like for like: the baseline holds only whole months with data (none before the first transaction, not its partial
            // month), and both windows have the same length, so totals compare as per-month rates.
            int before = WindowMonths;
            if (DataStart is { } data)
            {
                var firstFull = data.Day == 1 ? new DateOnly(data.Year, data.Month, 1) : new DateOnly(data.Year, data.Month, 1).AddMonths(1);
                before = Math.Min(before, Math.Max(0, (first.Year - firstFull.Year) * 12 + first.Month - firstFull.Month));
            }
            int months = Math.Min(before, after);
            if (months < 1) return null;
            return [KpiPeriod.Of(0, first.AddMonths(-months), months), KpiPeriod.Of(1, first, months)];
        }
    }

    /// <summary>Checks the options; throws naming the bad one.</summary>
    public void Validate()
    {
        Kpi.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowMonths, 1, nameof(WindowMonths));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WindowMonths, 120, nameof(WindowMonths));
        ArgumentOutOfRangeException.ThrowIfLessThan(BootstrapReplicates, 100, nameof(BootstrapReplicates));
        if (MarketingBudget < 0) throw new ArgumentOutOfRangeException(nameof(MarketingBudget), MarketingBudget, "must be ≥ 0.");
        BudgetWeights.Validate();
        if (SegmentCounts is not null && (SegmentsTable is null || SampleTable is null))
            throw new ArgumentException("SegmentCounts (a sampled assignment) needs the SegmentsTable it was drawn from and its SampleTable.");
    }
}
