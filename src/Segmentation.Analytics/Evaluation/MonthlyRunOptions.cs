
namespace Segmentation.Analytics.Evaluation;

/// <summary>Options of <see cref="MonthlyEvaluation.Run(Engines.ISqlEngine, Engines.IngestReport, MonthlyRunOptions, IProgress{string})"/>: which month, which model, which comparison windows.</summary>
/// <param name="Month">The report month (any day of it); the data are read as of its last day.</param>
/// <param name="Cycle">Reporting cycle (the report month closes the period).</param>
/// <param name="ManagementStart">First month of segment-based management (before/after windows), or null for none.</param>
/// <param name="MarketingBudget">Next period's marketing budget to allocate (currency); 0 = no allocation.</param>
/// <param name="ModelPath">A saved SegmentationModel to assign with (frozen); null or a missing file = fit one (see <see cref="DefaultModel"/>).</param>
/// <param name="TrainingSnapshot">The day the model's features are taken at when one is fitted, and the reference of the drift
/// check; null = the day before <paramref name="ManagementStart"/> (else the report month's last day).</param>
/// <param name="Seed">Seed of everything random (model fit, bootstraps).</param>
public sealed record MonthlyRunOptions(
    DateOnly Month,
    ReportingCycle Cycle = ReportingCycle.Monthly,
    DateOnly? ManagementStart = null,
    decimal MarketingBudget = 0,
    string? ModelPath = null,
    DateOnly? TrainingSnapshot = null,
    int Seed = 20261)
{
    /// <summary>
    /// When a model is fitted and there are more buyers than this at the training snapshot, fit, validate and profile it on a
    /// seeded uniform sample of this many buyers (<see cref="Models.SegmentationOptions.TrainingSampleSize"/>, recorded in the model
    /// as <see cref="Models.SegmentationModel.Sample"/>), then assign every customer; null = always every buyer. 100 000 keeps a
    /// segment's share within ±0.3 percentage points (95 %) and the fit with its bootstrap validation to seconds.
    /// </summary>
    public int? TrainingSampleSize { get; init; } = 100_000;

    /// <summary>
    /// Above this many customers (distinct customer ids of the transactions) the segments stay in the engine
    /// (<see cref="InEngineSegments"/>): the model is fitted on <see cref="TrainingSampleSize"/> buyers sampled there (100 000 when
    /// that is null), both snapshots are assigned in SQL into engine tables the evaluation reads, migration is counted there, and
    /// drift and stability are measured on the sample; null = never (every customer's features come back, as before).
    /// </summary>
    public long? InEngineAbove { get; init; }

    /// <summary>The CLI's default of <see cref="InEngineAbove"/> (<c>--in-engine-above</c>): 5 M customers, where the per-customer
    /// tables of the in-process path (≈ 250 bytes per customer and feature table) approach the 2 GB the analysis process should need.</summary>
    public const long DefaultInEngineAbove = 5_000_000;

    /// <summary>Use a saved model even when it was fitted on data after the report month (look-ahead); false = refuse it with a
    /// <see cref="ModelLookaheadException"/>. The report's cover says when it was used.</summary>
    public bool AllowLookahead { get; init; }

    /// <summary>Last day of the report month.</summary>
    public DateOnly MonthEnd => new DateOnly(Month.Year, Month.Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>The training snapshot in effect.</summary>
    public DateOnly EffectiveTrainingSnapshot =>
        TrainingSnapshot ?? (ManagementStart is { } m ? new DateOnly(m.Year, m.Month, 1).AddDays(-1) : MonthEnd);

    /// <summary>The model fitted when none is given: k-means, k = 6, on recency, frequency, ln(1 + average order value) and the
    /// online share, z-scored — the behaviours that separate customers in this product's data (see data/sample/README.md).</summary>
    public Models.SegmentationOptions DefaultModel => new(
        Features: ["recency_days", "frequency", "avg_order_value", "online_share"],
        Clusters: 6,
        LogFeatures: ["avg_order_value"],
        Seed: Seed);
}
