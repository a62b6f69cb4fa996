using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;

namespace Segmentation.Analytics.Evaluation;

public sealed partial record MonthlyEvaluation
{
    /// <summary>Buyers of the in-engine training and drift sample when <see cref="MonthlyRunOptions.TrainingSampleSize"/> is null.</summary>
    public const int InEngineSampleSize = 100_000;

    /// <summary>Distinct customer ids of the transactions (shard by shard on a sharded engine, where a customer lives on one shard).</summary>
    private static long CountCustomers(ISqlEngine engine)
    {
        var d = engine.Dialect;
        var frame = InEngineSegments.PerShard(engine).Query($"SELECT {d.ToBigInt("count(DISTINCT customer_id)")} AS customers FROM {d.Id("transactions")}");
        long total = 0;
        for (long i = 0; i < frame.Rows.Count; i++) total += Convert.ToInt64(frame.Columns["customers"][i], CultureInfo.InvariantCulture);
        return total;
    }

    /// <summary>
    /// The monthly job with the segments kept in the engine (<see cref="MonthlyRunOptions.InEngineAbove"/>): the same steps as the
    /// in-process path, but only a sample of buyers' feature rows and counts come back — the month end's and the previous end's
    /// assignments are engine tables (<see cref="InEngineSegments"/>) the evaluation reads, and the migration is counted there.
    /// </summary>
    /// <remarks>What still depends on the sample: a fitted model (on the sample as the in-process path fits on its own sample), the
    /// drift check's feature matrices and window feature, the stability re-check, and — from a sample of the month end's customers
    /// (<see cref="InEngineSegments.DrawCustomers"/>; the run's <see cref="Assignment"/>) — the churn models, CLV and at-risk figures,
    /// scaled to the segments' buyers (<see cref="ChurnRiskSummary.ScaledTo"/>). Identical to the in-process path: every customer's
    /// segment (the model rendered as SQL), hence the sizes, KPIs and their comparisons, campaigns and migration. Not computed here:
    /// last month's forecast against its actuals (it needs the previous end's assignment customer by customer), and next month's
    /// forecast when the sample does not hold every customer. With no more customers than the sample size, every number equals the
    /// in-process path's.</remarks>
    private static MonthlyEvaluation RunInEngine(ISqlEngine engine, IngestReport dataQuality, MonthlyRunOptions options, SegmentationModel? saved,
        bool lookahead, DateOnly trainingSnapshot, IProgress<string>? progress)
    {
        var d = engine.Dialect;
        var asOf = options.MonthEnd.ToDateTime(TimeOnly.MinValue);
        var trainingDay = trainingSnapshot.ToDateTime(TimeOnly.MinValue);
        var previousEnd = PreviousPeriodEnd(options.Month, options.Cycle).ToDateTime(TimeOnly.MinValue);
        var sources = FeatureSources.Detect(engine);
        int sampleSize = options.TrainingSampleSize ?? InEngineSampleSize;

        progress?.Report($"sampling {sampleSize} buyers in the engine at {trainingSnapshot:yyyy-MM-dd}");
        var (trainingCustomers, trainingBuyers) = InEngineSegments.Count(engine,
            CustomerFeatureTable.Render(d, trainingDay, new FeatureTableOptions { Columns = ["recency_days"] }, sources));
        // The sample is drawn first and only its customers' features are computed (not the whole table, then a sample of it).
        DataFrame? trainingSample;
        try
        {
            InEngineSegments.DrawBuyers(engine, trainingDay, sampleSize);
            trainingSample = InEngineSegments.SampleBuyers(engine,
                CustomerFeatureTable.Render(d, trainingDay, FeatureTableOptions.Default with { CustomersIn = InEngineSegments.Sample }, sources), sampleSize);
        }
        finally
        {
            InEngineSegments.Drop(engine, InEngineSegments.Sample);
        }
        SegmentationModel model;
        bool fitted = false;
        if (saved is not null)
        {
            model = saved;
        }
        else
        {
            progress?.Report($"fitting the segmentation model on the sample at {trainingSnapshot:yyyy-MM-dd}");
            model = new SegmentationModelBuilder(FitOptions(options, trainingSample.Rows.Count)).Fit(trainingSample) with { TrainingSnapshot = trainingSnapshot };
            fitted = true;
            if (options.ModelPath is { } p)
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(p));
                if (dir is not null) Directory.CreateDirectory(dir);
                model.Save(p);
            }
        }
        var trainingMatrix = model.Transform(trainingSample);
        trainingSample = null;

        progress?.Report("assigning customers in the engine");
        var columns = AssignmentColumns(model);
        var definitions = Definitions(model);
        try
        {
            InEngineSegments.Assign(engine, InEngineSegments.MonthEnd, model, CustomerFeatureTable.Render(d, asOf, columns, sources), ProspectsKey);
            InEngineSegments.Assign(engine, InEngineSegments.PreviousEnd, model, CustomerFeatureTable.Render(d, previousEnd, columns, sources), ProspectsKey);
            var migration = InEngineSegments.Migration(engine, InEngineSegments.PreviousEnd, InEngineSegments.MonthEnd, definitions);
            // The drift check's current matrix and the stability re-check on this month's sampled buyers.
            InEngineSegments.DrawBuyers(engine, asOf, sampleSize);
            var currentMatrix = model.Transform(InEngineSegments.SampleBuyers(engine,
                CustomerFeatureTable.Render(d, asOf, columns with { CustomersIn = InEngineSegments.Sample }, sources), sampleSize));
            // The evaluation reads the segments from the engine table; what needs customers one by one (the churn models and CLV)
            // works on a sample of the month end's customers, drawn there like the buyers' sample, and is scaled to the counts.
            var counts = InEngineSegments.Counts(engine, InEngineSegments.MonthEnd, definitions);
            InEngineSegments.DrawCustomers(engine, InEngineSegments.MonthEnd, sampleSize);
            var assignment = InEngineSegments.Read(engine, InEngineSegments.EvaluationSample, definitions);
            var evaluated = Evaluate(engine, options, model, assignment, trainingCustomers, trainingBuyers, trainingMatrix, currentMatrix, trainingDay, asOf,
                (a, b) => InEngineSegments.Orders12MonthsSample(engine, a, b, sampleSize),
                evaluation => evaluation with
                {
                    SegmentsTable = InEngineSegments.MonthEnd, Migration = migration, SegmentCounts = counts, SampleTable = InEngineSegments.EvaluationSample,
                }, progress);
            return new MonthlyEvaluation(dataQuality, model, fitted, assignment, evaluated.Result) { Engine = d.Name, Coverage = evaluated.Coverage, Lookahead = lookahead };
        }
        finally
        {
            InEngineSegments.Drop(engine, InEngineSegments.MonthEnd);
            InEngineSegments.Drop(engine, InEngineSegments.PreviousEnd);
            InEngineSegments.Drop(engine, InEngineSegments.Sample);
            InEngineSegments.Drop(engine, InEngineSegments.EvaluationSample);
        }
    }
}
