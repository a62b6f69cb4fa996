using Microsoft.Data.Analysis;
using Segmentation.Analytics.Data;
using Segmentation.Analytics.Data.Sql;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The monthly job in one call, the same for the CLI, the notebook and the report: read and validate the data directory
/// as of the month end, load (or fit) the frozen segmentation model, assign every customer at the month end and at the
/// previous period's end, and evaluate (KPIs, comparisons, campaigns, migration, drift, churn, strategies, budget).
/// </summary>
/// <param name="DataQuality">What was read, accepted and rejected.</param>
/// <param name="Model">The segmentation model used.</param>
/// <param name="ModelFitted">True when the model was fitted in this run (none was given or found).</param>
/// <param name="Assignment">Every customer's segment at the month end.</param>
/// <param name="Result">The evaluation.</param>
public sealed record MonthlyEvaluation(IngestReport DataQuality, SegmentationModel Model, bool ModelFitted, SegmentAssignment Assignment, EvaluationResult Result)
{
    /// <summary>Runs the monthly evaluation of <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="DataFileException">An input cannot be read.</exception>
    public static MonthlyEvaluation Run(string dataDirectory, MonthlyRunOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var asOf = options.MonthEnd.ToDateTime(TimeOnly.MinValue);
        using var ws = DataWorkspace.Load(dataDirectory, new IngestOptions(asOf, options.Mapping, options.Pseudonymizer), progress);
        return Run(ws, ws.Report, options, progress);
    }

    /// <summary>
    /// Runs the monthly evaluation on tables already validated in an engine (DuckDB, PostgreSQL or the ClickHouse cluster):
    /// the transaction-level work runs there, only per-customer and per-segment rows come back.
    /// </summary>
    /// <param name="engine">The engine holding the validated tables of the data model.</param>
    /// <param name="dataQuality">The validation report of those tables.</param>
    /// <param name="options">Month, model and windows.</param>
    /// <param name="progress">Progress messages.</param>
    public static MonthlyEvaluation Run(ISqlEngine engine, IngestReport dataQuality, MonthlyRunOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(dataQuality);
        ArgumentNullException.ThrowIfNull(options);
        var asOf = options.MonthEnd.ToDateTime(TimeOnly.MinValue);
        var ws = engine;

        progress?.Report("feature table");
        var features = CustomerFeatureTable.Build(ws, asOf);
        var trainingDay = options.EffectiveTrainingSnapshot.ToDateTime(TimeOnly.MinValue);
        var trainingAll = trainingDay == asOf ? features : CustomerFeatureTable.Build(ws, trainingDay);
        var trainingFeatures = Buyers(trainingAll);

        SegmentationModel model;
        bool fitted = false;
        if (options.ModelPath is { } path && File.Exists(path))
        {
            model = SegmentationModel.Load(path);
        }
        else
        {
            progress?.Report($"fitting the segmentation model at {options.EffectiveTrainingSnapshot:yyyy-MM-dd}");
            model = SegmentationModelBuilder.Fit(trainingFeatures, options.DefaultModel);
            fitted = true;
            if (options.ModelPath is { } p)
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(p));
                if (dir is not null) Directory.CreateDirectory(dir);
                model.Save(p);
            }
        }

        progress?.Report("assigning customers");
        var current = ToEvaluationAssignment(model, features);
        var previousEnd = PreviousPeriodEnd(options.Month, options.Cycle).ToDateTime(TimeOnly.MinValue);
        var previous = ToEvaluationAssignment(model, CustomerFeatureTable.Build(ws, previousEnd));
        // The reference mix: the model's segment shares among buyers at the training snapshot, scaled to all customers, plus
        // the prospects' share then.
        double buyerShare = trainingAll.Rows.Count == 0 ? 1 : (double)trainingFeatures.Rows.Count / trainingAll.Rows.Count;
        var trainingShares = model.Segments.ToDictionary(s => s.Key, s => s.Share * buyerShare, StringComparer.Ordinal);
        trainingShares[ProspectsKey] = 1 - buyerShare;
        var drift = new DriftReference(trainingShares, model.Transform(trainingFeatures), model.Transform(Buyers(features)));

        progress?.Report("evaluating");
        var evaluation = new EvaluationOptions(new DateOnly(options.Month.Year, options.Month.Month, 1), options.Cycle,
            ManagementStart: options.ManagementStart, Seed: options.Seed)
        {
            PreviousAssignment = previous,
            Drift = drift,
            MarketingBudget = options.MarketingBudget,
        };
        var result = EffectEvaluator.Evaluate(ws, current, evaluation);
        return new MonthlyEvaluation(dataQuality, model, fitted, current, result);
    }

    /// <summary>
    /// The model's assignment as the evaluation's segment assignment: customers who bought get the model's segment (names
    /// from the model, value rank by the segments' training revenue share, 1 = most valuable, archetype from
    /// <see cref="ArchetypeRules"/>); customers without any purchase yet are <see cref="ProspectsKey"/> (潜在客户 / Prospects).
    /// </summary>
    public static SegmentAssignment ToEvaluationAssignment(SegmentationModel model, DataFrame features)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var buyers = Buyers(features);
        var assigned = model.Assign(buyers);
        var byValue = model.Profiles.Segments
            .OrderByDescending(p => p.Value.RevenueShare ?? 0).ThenBy(p => p.Segment)
            .Select((p, rank) => (p.Segment, Rank: rank + 1)).ToDictionary(x => x.Segment, x => x.Rank);
        var definitions = model.Segments.Select(s => new SegmentDefinition(s.Key, s.NameZh, s.NameEn, byValue.GetValueOrDefault(s.Segment),
                ArchetypeRules.Infer(model.Profiles.Segments.First(p => p.Segment == s.Segment))))
            .Append(new SegmentDefinition(ProspectsKey, "潜在客户", "Prospects", model.Segments.Count + 1, null)).ToArray();
        var segmentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = assigned.Keys;
        for (int i = 0; i < keys.Length; i++) segmentOf[assigned.CustomerIds![i]!] = keys[i];
        var ids = features["customer_id"].Cast<string>().ToArray();
        return new SegmentAssignment(ids, ids.Select(id => segmentOf.GetValueOrDefault(id, ProspectsKey)).ToArray(), definitions);
    }

    /// <summary>Segment key of customers who have not bought yet.</summary>
    public const string ProspectsKey = "prospects";

    /// <summary>Customers with at least one purchase (the model describes buying behaviour; prospects have no recency).</summary>
    public static DataFrame Buyers(DataFrame features)
    {
        var recency = features["recency_days"];
        var keep = new BooleanDataFrameColumn("keep", features.Rows.Count);
        for (long i = 0; i < features.Rows.Count; i++) keep[i] = recency[i] is not null;
        return features.Filter(keep);
    }

    private static DateOnly PreviousPeriodEnd(DateOnly month, ReportingCycle cycle)
    {
        int months = cycle switch { ReportingCycle.Quarterly => 3, ReportingCycle.Yearly => 12, _ => 1 };
        return new DateOnly(month.Year, month.Month, 1).AddMonths(1 - months).AddDays(-1);
    }
}
