using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Statistics;

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
public sealed partial record MonthlyEvaluation(IngestReport DataQuality, SegmentationModel Model, bool ModelFitted, SegmentAssignment Assignment, EvaluationResult Result)
{
    /// <summary>
    /// The engine the evaluation ran in, as its dialect names itself (<see cref="SqlDialect.Name"/>: <c>duckdb</c>,
    /// <c>postgres</c>, <c>clickhouse</c>); null when the record was built by hand. The report's methodology says it.
    /// </summary>
    public string? Engine { get; init; }

    /// <summary>Which KPIs the data can measure (cost, feedback, market) and the first transaction day; <see cref="DataCoverage.Full"/>
    /// when the record was built by hand.</summary>
    public DataCoverage Coverage { get; init; } = DataCoverage.Full;

    /// <summary>True when the model was fitted on data after the report month and used anyway (<see cref="MonthlyRunOptions.AllowLookahead"/>).</summary>
    public bool Lookahead { get; init; }

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
        // A saved model is read first: one fitted on later data is refused before anything is computed.
        SegmentationModel? saved = options.ModelPath is { } modelPath && File.Exists(modelPath) ? SegmentationModel.Load(modelPath) : null;
        bool lookahead = saved?.TrainingSnapshot is { } snapshot && snapshot > options.MonthEnd;
        if (lookahead && !options.AllowLookahead) throw new ModelLookaheadException(options.ModelPath!, saved!.TrainingSnapshot!.Value, options.MonthEnd);
        // The drift reference is the model's own training day when it is known and not after the month.
        var trainingSnapshot = saved?.TrainingSnapshot is { } known && known <= options.MonthEnd ? known : options.EffectiveTrainingSnapshot;
        var trainingDay = trainingSnapshot.ToDateTime(TimeOnly.MinValue);
        var previousEnd = PreviousPeriodEnd(options.Month, options.Cycle).ToDateTime(TimeOnly.MinValue);
        // Beyond the threshold the segments stay in the engine (MonthlyEvaluation.InEngine.cs).
        if (options.InEngineAbove is { } above && CountCustomers(engine) > above)
            return RunInEngine(engine, dataQuality, options, saved, lookahead, trainingSnapshot, progress);

        // The per-customer aggregates of the three snapshots in one pass over the transactions (dropped once the tables are built).
        // Then one full feature table at a time: the training snapshot's (fit, profiles, drift reference) is reduced to what the
        // drift check needs before the month end's and the previous period end's tables are built, and each of those is reduced
        // to its assignment (and the month end's to its buyers' model features) right away.
        // The aggregates' pass over the (customer, purchase day) pairs also counts the drift check's 12-month windows (WindowFeatures)
        // and, when its grain ends on the month end, takes the churn section's customer summaries at the month end and the month
        // before's end and the KPI tables' customer × month grain, for the evaluation: three passes over the transactions fewer. In
        // DuckDB's workspace both are held in process; elsewhere the summaries are kept in an engine table until the evaluation has
        // read them, and the KPI tables make their own grain.
        DateTime[] snapshots = [trainingDay, asOf, previousEnd];
        var summaryEarlier = NextPeriodForecast.PreviousEndOf(options.MonthEnd);
        bool summariesInPass = snapshots.Max() == asOf;
        (DateTime, DateTime)[] windows = trainingDay == asOf ? []
            : [(WindowFeatures.WindowStart(trainingDay), trainingDay.AddDays(1)), (WindowFeatures.WindowStart(asOf), asOf.AddDays(1))];
        var aggregates = CustomerAggregateSnapshots.Prepare(engine, snapshots,
            new PurchaseDayPass(windows, summariesInPass ? CustomerSummaryQuery.DayAggregatesAtTwoEnds(engine.Dialect, summaryEarlier) : [])
            {
                SummariesEarlierEnd = summariesInPass ? summaryEarlier : null,
                // The KPI tables' customer × month grain up to the month end, when the pass reads exactly those transactions.
                CustomerMonths = summariesInPass,
            });
        var windowCounts = aggregates.PurchaseDaysInWindows;
        var heldForEvaluation = aggregates.Held as IHeldForEvaluation;
        var customerMonths = heldForEvaluation?.CustomerMonths;
        // The churn section's summaries held in process by the pass; else made into an engine table from the pass's days table.
        var heldSummaries = heldForEvaluation?.Summaries;
        CustomerSummaryTable? summaries = null;
        SegmentationModel model;
        bool fitted = false;
        SegmentAssignment assignment, previous;
        FeatureMatrix trainingMatrix, currentMatrix;
        long trainingCustomers, trainingBuyers;
        // The summaries table, once made, is dropped whatever happens after (it is only read by the evaluation).
        (EvaluationResult Result, DataCoverage Coverage) evaluated;
        // The month end's and the previous period end's feature tables, built while the model is fitted.
        Task<(DataFrame Current, DataFrame Previous)>? assignmentTables = null;
        try
        {
            try
            {
                if (heldSummaries is null && aggregates.DaysTable is { } days)
                {
                    engine.Execute(engine.Dialect.CreateTempTableAs(SummariesTable,
                        CustomerSummaryQuery.RenderAtTwoEndsFromDays(engine.Dialect, summaryEarlier, options.MonthEnd, days)));
                    summaries = new CustomerSummaryTable(SummariesTable, options.MonthEnd, summaryEarlier);
                    aggregates.DropDaysTable();
                }
                progress?.Report($"feature table at {trainingSnapshot:yyyy-MM-dd}");
                DataFrame? current = null, trainingFeatures;
                if (trainingDay == asOf)
                {
                    // The month end's table is the training table: built once, whole.
                    current = CustomerFeatureTable.Build(engine, trainingDay, FeatureTableOptions.Default with { Aggregates = aggregates });
                    trainingFeatures = Buyers(current);
                    trainingCustomers = current.Rows.Count;
                }
                else
                {
                    // Only the buyers' rows are made, and the others counted: first the model's inputs for every buyer (the training
                    // mix of the drift reference), then every column for the rows the fit reads (all, or its training sample).
                    var inputs = saved is not null ? AssignmentColumns(saved) : InputColumns(options.DefaultModel);
                    (trainingFeatures, trainingCustomers) = CustomerFeatureTable.BuildBuyers(engine, trainingDay, inputs with { Aggregates = aggregates });
                }
                trainingBuyers = trainingFeatures.Rows.Count;

                if (saved is not null)
                {
                    model = saved;
                }
                else
                {
                    var fitOptions = FitOptions(options, trainingBuyers);
                    var builder = new SegmentationModelBuilder(fitOptions);
                    // The whole month-end table is at hand; else every column of the rows the fit reads (its sample, or every buyer).
                    int[]? drawn = current is null ? SegmentationModelBuilder.TrainingRows(checked((int)trainingBuyers), fitOptions) : null;
                    var fitTable = current is not null ? trainingFeatures
                        : CustomerFeatureTable.BuildBuyers(engine, trainingDay, FeatureTableOptions.Default with { Aggregates = aggregates }, drawn).Buyers;
                    progress?.Report($"fitting the segmentation model at {trainingSnapshot:yyyy-MM-dd}");
                    // The fit reads no table: the assignment's two tables are built meanwhile, on another thread, with the columns any
                    // model fitted with these options reads (the fit uses the engine and the held aggregates no more; both cores are
                    // then busy where the fit alone leaves one idle about a third of the time).
                    var whole = current;
                    assignmentTables = Task.Run(() => AssignmentTables(engine, whole, asOf, previousEnd, InputColumns(fitOptions) with { Aggregates = aggregates }));
                    model = (drawn is null ? builder.Fit(fitTable) : builder.FitDrawn(fitTable, checked((int)trainingBuyers))) with { TrainingSnapshot = trainingSnapshot };
                    fitted = true;
                    if (options.ModelPath is { } p)
                    {
                        var dir = Path.GetDirectoryName(Path.GetFullPath(p));
                        if (dir is not null) Directory.CreateDirectory(dir);
                        model.Save(p);
                    }
                }
                trainingMatrix = model.Transform(trainingFeatures);
                trainingFeatures = null;
                CollectGarbage();

                // The evaluation reads the held summaries at the month end and the month before's, and fits last month's forecast on
                // the earlier ones: both are started now, on another thread, and done while the customers are assigned and the stability
                // re-checked (where one core is often idle; started before the fit, they slowed it by more than they gained).
                if (heldSummaries is not null && options.Cycle == ReportingCycle.Monthly && heldSummaries.LaterEnd == options.MonthEnd
                    && heldSummaries.EarlierEnd == NextPeriodForecast.PreviousEndOf(options.MonthEnd))
                    heldSummaries = new ReadAheadSummaries(heldSummaries, options.Seed);
                progress?.Report("assigning customers");
                var assignmentTable = AssignmentColumns(model) with { Aggregates = aggregates };
                DataFrame? previousTable = null;
                if (assignmentTables is not null)
                {
                    (current, previousTable) = assignmentTables.GetAwaiter().GetResult();
                    assignmentTables = null;
                    // A model reads its options' features or fewer; should one read another column, its tables are built again.
                    if (!Holds(current, model) || !Holds(previousTable, model)) (current, previousTable) = (null, null);
                }
                current ??= CustomerFeatureTable.Build(engine, asOf, assignmentTable);
                (assignment, currentMatrix) = Assign(model, current);
                current = null;
                CollectGarbage();
                (previous, _) = Assign(model, previousTable ?? CustomerFeatureTable.Build(engine, previousEnd, assignmentTable));
                previousTable = null;
            }
            finally
            {
                // A fit that failed leaves the tables' thread running: it ends before the aggregates it reads are let go (its own
                // failure, if any, is not the one to report).
                if (assignmentTables is not null)
                    try
                    {
                        assignmentTables.Wait();
                    }
                    catch (AggregateException)
                    {
                    }
                aggregates.Dispose();
            }
            evaluated = Evaluate(engine, options, model, assignment, trainingCustomers, trainingBuyers, trainingMatrix, currentMatrix, trainingDay, asOf,
                (a, b) => windowCounts is [var first, var second] ? (first, second) : WindowFeatures.Orders12MonthsAt(engine, a, b),
                evaluation => evaluation with { PreviousAssignment = previous, CustomerSummaries = summaries, CustomerMonths = customerMonths, HeldSummaries = heldSummaries }, progress);
        }
        finally
        {
            // Nothing read ahead is left running past the job, whatever happened.
            (heldSummaries as ReadAheadSummaries)?.Settle();
            if (summaries is not null) engine.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(SummariesTable)}");
        }
        return new MonthlyEvaluation(dataQuality, model, fitted, assignment, evaluated.Result) { Engine = engine.Dialect.Name, Coverage = evaluated.Coverage, Lookahead = lookahead };
    }

    /// <summary>
    /// A full, blocking collection after a step that leaves much garbage (the training table and the fit's copies; the month end's
    /// table), so that the next step reuses that memory instead of the heap growing beside it. Left to the runtime, when the full
    /// collections fall varies from run to run: at 1 M customers one run in three held about 1 GB more through the assignment
    /// (peak 3.4–3.55 GB against 2.9, and 3 s slower; docs/bench-issue18.md, eighth round). Not compacted: the memory is reused, not
    /// handed back.
    /// </summary>
    private static void CollectGarbage() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>The engine table of the customer summaries taken in the aggregates' pass (<see cref="EvaluationOptions.CustomerSummaries"/>).</summary>
    private const string SummariesTable = "eval_customer_summaries";

    /// <summary>
    /// The evaluation of an assignment once the model is known, common to both paths of <see cref="Run(ISqlEngine, IngestReport, MonthlyRunOptions, IProgress{string})"/>:
    /// the drift reference (training mix, window feature, stability on the current matrix) and the effect evaluation. The last
    /// two functions set what the two paths differ in: the window feature's values (every active customer, or a sample) and the
    /// segments' source (the previous assignment, or the engine's segments table and migration).
    /// </summary>
    private static (EvaluationResult Result, DataCoverage Coverage) Evaluate(ISqlEngine engine, MonthlyRunOptions options, SegmentationModel model,
        SegmentAssignment assignment, long trainingCustomers, long trainingBuyers, FeatureMatrix trainingMatrix, FeatureMatrix currentMatrix,
        DateTime trainingDay, DateTime asOf, Func<DateTime, DateTime, (double[], double[])> windowsAt, Func<EvaluationOptions, EvaluationOptions> segments,
        IProgress<string>? progress)
    {
        // The reference mix: the model's segment shares among buyers at the training snapshot, scaled to all customers, plus
        // the prospects' share then.
        double buyerShare = trainingCustomers == 0 ? 1 : (double)trainingBuyers / trainingCustomers;
        var trainingShares = model.Segments.ToDictionary(s => s.Key, s => s.Share * buyerShare, StringComparer.Ordinal);
        trainingShares[ProspectsKey] = 1 - buyerShare;
        var coverage = DataCoverage.Measure(engine);
        // The window feature at both snapshots (none when they are the same day: there is nothing to compare); incomplete when the
        // earlier window starts before the first full month of data.
        WindowSample[] windows = [];
        if (trainingDay != asOf)
        {
            // Both snapshots in one query.
            var (atTraining, atMonthEnd) = windowsAt(trainingDay, asOf);
            windows = [new(WindowFeatures.Orders12Months, atTraining, atMonthEnd)
                { Complete = coverage.FirstFullMonth is not { } full || DateOnly.FromDateTime(WindowFeatures.WindowStart(trainingDay)) >= full }];
        }
        // Are the model's segments still reproduced by this month's buyers? Not measurable on the training snapshot itself.
        StabilityDrift? stability = null;
        if (trainingDay != asOf && currentMatrix.Rows >= 2 * model.Segments.Count)
        {
            progress?.Report("re-checking segment stability on this month's buyers");
            stability = StabilityDrift.Measure(model, currentMatrix);
        }
        var drift = new DriftReference(trainingShares, trainingMatrix, currentMatrix) { Windows = windows, Stability = stability };

        progress?.Report("evaluating");
        // The feature tables and frames of the steps before are garbage by now (about 1 GB at 1 M customers): collected before the
        // evaluation allocates its own, so that it reuses their memory instead of growing beside it (the monthly job at 1 M customers:
        // peak working set 3.35–3.53 → 2.73 GB: docs/bench-issue18.md, seventh round). Compacted, and kept: memory handed back to the
        // system is faulted in again by the next allocations (eleventh round).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var evaluation = segments(new EvaluationOptions(new DateOnly(options.Month.Year, options.Month.Month, 1), options.Cycle,
            ManagementStart: options.ManagementStart, Seed: options.Seed)
        {
            DataStart = coverage.FirstTransaction,
            Drift = drift,
            MarketingBudget = options.MarketingBudget,
        });
        return (EffectEvaluator.Evaluate(engine, assignment, evaluation), coverage);
    }

    /// <summary>
    /// The options of the model fitted when none is given: <see cref="MonthlyRunOptions.DefaultModel"/>, with the training sample
    /// (<see cref="MonthlyRunOptions.TrainingSampleSize"/>) when there are more buyers than that. The sample size is only set when
    /// it bites, so a model fitted on every buyer is the same file as before the option existed.
    /// </summary>
    public static Models.SegmentationOptions FitOptions(MonthlyRunOptions options, long buyers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = options.DefaultModel;
        return options.TrainingSampleSize is int m && buyers > m ? model with { TrainingSampleSize = m } : model;
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
        return Assign(model, features).Assignment;
    }

    /// <summary>A feature table with only what assigning <paramref name="model"/> reads (its features and recency, which tells
    /// buyers from prospects), when those are all feature-table columns; else the whole table.</summary>
    private static FeatureTableOptions AssignmentColumns(SegmentationModel model) =>
        Columns([.. model.NumericFeatures, .. model.CategoricalFeatures]);

    /// <summary>The feature table's columns a model fitted with <paramref name="options"/> reads (its features are among them), with
    /// <c>recency_days</c>; every column when one is not a catalog feature.</summary>
    private static FeatureTableOptions InputColumns(Models.SegmentationOptions options) =>
        Columns([.. options.Features, .. options.CategoricalFeatures ?? []]);

    private static FeatureTableOptions Columns(string[] features)
    {
        string[] columns = [.. features.Where(f => f != "recency_days"), "recency_days"];
        return columns.All(FeatureCatalog.Names.Contains) ? new FeatureTableOptions { Columns = columns } : FeatureTableOptions.Default;
    }

    /// <summary>The month end's table (<paramref name="current"/> when already built) and the previous period end's, with <paramref name="columns"/>.</summary>
    private static (DataFrame Current, DataFrame Previous) AssignmentTables(ISqlEngine engine, DataFrame? current, DateTime asOf, DateTime previousEnd,
        FeatureTableOptions columns) =>
        (current ?? CustomerFeatureTable.Build(engine, asOf, columns), CustomerFeatureTable.Build(engine, previousEnd, columns));

    /// <summary>True when <paramref name="table"/> has every column assigning <paramref name="model"/> reads.</summary>
    private static bool Holds(DataFrame table, SegmentationModel model) =>
        model.NumericFeatures.Concat(model.CategoricalFeatures).Append("recency_days").Append("customer_id").All(c => table.Columns.IndexOf(c) >= 0);

    /// <summary>The evaluation assignment of <paramref name="features"/> and the clustering-space matrix of its buyers (frame order).</summary>
    private static (SegmentAssignment Assignment, FeatureMatrix Buyers) Assign(SegmentationModel model, DataFrame features)
    {
        var ids = CustomerIds(features);
        var buyers = BuyerRows(features);
        // Only the model's input columns of the buyers' rows: the transform never reads the rest of the table.
        var x = model.Transform(Rows(features, model.NumericFeatures.Concat(model.CategoricalFeatures), buyers));
        var segments = model.Predict(x);
        var keys = new string[ids.Length];
        Array.Fill(keys, ProspectsKey);
        for (int j = 0; j < buyers.Length; j++) keys[buyers[j]] = model.Segments[segments[j]].Key;
        return (new SegmentAssignment(ids, keys, Definitions(model)), x);
    }

    /// <summary>The model's segments as evaluation segments (value rank, archetype), then <see cref="ProspectsKey"/>.</summary>
    private static SegmentDefinition[] Definitions(SegmentationModel model)
    {
        var byValue = model.Profiles.Segments
            .OrderByDescending(p => p.Value.RevenueShare ?? 0).ThenBy(p => p.Segment)
            .Select((p, rank) => (p.Segment, Rank: rank + 1)).ToDictionary(x => x.Segment, x => x.Rank);
        return model.Segments.Select(s => new SegmentDefinition(s.Key, s.NameZh, s.NameEn, byValue.GetValueOrDefault(s.Segment),
                ArchetypeRules.Infer(model.Profiles.Segments.First(p => p.Segment == s.Segment))))
            .Append(new SegmentDefinition(ProspectsKey, "潜在客户", "Prospects", model.Segments.Count + 1, null)).ToArray();
    }

    /// <summary>Segment key of customers who have not bought yet.</summary>
    public const string ProspectsKey = "prospects";

    /// <summary>Customers with at least one purchase (the model describes buying behaviour; prospects have no recency):
    /// <see cref="CustomerFeatureTable.Buyers"/>.</summary>
    public static DataFrame Buyers(DataFrame features) => CustomerFeatureTable.Buyers(features);

    /// <summary>Rows (ascending) with a recency, i.e. customers with at least one purchase.</summary>
    private static int[] BuyerRows(DataFrame features) => CustomerFeatureTable.BuyerRows(features);

    /// <summary>The named columns of <paramref name="frame"/> at <paramref name="rows"/> (a copy; the frame itself when that is every row and column).</summary>
    private static DataFrame Rows(DataFrame frame, IEnumerable<string> columns, int[] rows)
    {
        var names = columns.ToArray();
        if (rows.Length == frame.Rows.Count && names.Length == frame.Columns.Count && names.SequenceEqual(frame.Columns.Select(c => c.Name))) return frame;
        return new DataFrame(names.Select(c => FrameColumns.Take(frame[c], rows)));
    }

    /// <summary>The customer ids in frame order.</summary>
    private static string[] CustomerIds(DataFrame features)
    {
        var column = features["customer_id"];
        var ids = new string[column.Length];
        if (column is StringDataFrameColumn text)
            for (int i = 0; i < ids.Length; i++) ids[i] = text[i];
        else
            for (int i = 0; i < ids.Length; i++) ids[i] = (string)column[i];
        return ids;
    }

    private static DateOnly PreviousPeriodEnd(DateOnly month, ReportingCycle cycle)
    {
        int months = cycle switch { ReportingCycle.Quarterly => 3, ReportingCycle.Yearly => 12, _ => 1 };
        return new DateOnly(month.Year, month.Month, 1).AddMonths(1 - months).AddDays(-1);
    }
}
