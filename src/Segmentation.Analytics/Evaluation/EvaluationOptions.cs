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
    /// <summary>Bootstrap replicates of ratio comparisons.</summary>
    public int BootstrapReplicates { get; init; } = BootstrapTest.DefaultReplicates;

    /// <summary>Churn window W in days (null = the cycle's default, see <see cref="KpiOptions"/>).</summary>
    public int? ChurnWindowDays { get; init; }

    /// <summary>The previous assignment, for the migration matrix (null = none).</summary>
    public SegmentAssignment? PreviousAssignment { get; init; }

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

    /// <summary>Baseline and evaluation windows, or null without a management start (or when it is after the report month).</summary>
    public IReadOnlyList<KpiPeriod>? Windows
    {
        get
        {
            if (ManagementStart is not { } start) return null;
            var first = new DateOnly(start.Year, start.Month, 1);
            var report = new DateOnly(Month.Year, Month.Month, 1);
            int after = Math.Min(WindowMonths, (report.Year - first.Year) * 12 + report.Month - first.Month + 1);
            if (after < 1) return null;
            return [KpiPeriod.Of(0, first.AddMonths(-WindowMonths), WindowMonths), KpiPeriod.Of(1, first, after)];
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
    }
}
