using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;

namespace Segmentation.Data.Tests;

/// <summary>
/// The monthly job overlaps its steps: the assignment's feature tables are built while the model is fitted, and the held customer
/// summaries are read, and last month's forecast fitted, while the customers are assigned. What it gives must be what each step
/// gives alone: the assignment of the whole month-end table, and the evaluation made afresh from the job's own segments.
/// </summary>
public sealed class JobOverlapTests
{
    [Fact]
    public void The_overlapped_job_gives_the_assignment_and_evaluation_of_its_steps_run_one_after_another()
    {
        using var dir = new TempDirectory();
        var options = new MonthlyRunOptions(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), ModelPath: dir.File("model.json"));
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(options.MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var run = MonthlyEvaluation.Run(ws, ws.Report, options);
        Assert.True(run.ModelFitted);
        Assert.NotEqual(options.MonthEnd, run.Model.TrainingSnapshot);

        // The month end's whole feature table by the SQL, assigned by the fitted model.
        var table = CustomerFeatureTable.Build(ws, options.MonthEnd.ToDateTime(TimeOnly.MinValue));
        var assignment = MonthlyEvaluation.ToEvaluationAssignment(run.Model, table);
        Assert.Equal(assignment.CustomerIds, run.Assignment.CustomerIds);
        Assert.Equal(assignment.SegmentKeys, run.Assignment.SegmentKeys);
        Assert.Contains(MonthlyEvaluation.ProspectsKey, run.Assignment.SegmentKeys);

        // The evaluation made afresh with the job's options (the previous period's segments among them): summaries read by the
        // SQL, every model fitted here, in turn.
        var previous = run.Result.Options.PreviousAssignment;
        Assert.NotNull(previous);
        var again = EffectEvaluator.Evaluate(ws, run.Assignment, run.Result.Options);
        var forecast = run.Result.Forecast!;
        Assert.NotNull(forecast.Previous);
        Assert.True(forecast.Previous.Count >= 3, $"{forecast.Previous.Count} rows");
        Assert.Equal(again.Forecast!.Previous, forecast.Previous);
        Assert.Equal(again.Forecast.Segments, forecast.Segments);
        Assert.Equal(again.Forecast.PreviousReason, forecast.PreviousReason);
        Assert.Equal(again.ChurnRisk!.Segments, run.Result.ChurnRisk!.Segments);
        Assert.Equal(again.ChurnRisk.LifetimeValue, run.Result.ChurnRisk.LifetimeValue);
        Assert.Equal(again.Kpis.Rows, run.Result.Kpis.Rows);
    }
}
