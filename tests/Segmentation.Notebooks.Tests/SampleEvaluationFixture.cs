using Segmentation.Analytics.Evaluation;
using Segmentation.Data;

namespace Segmentation.Notebooks.Tests;

/// <summary>The monthly evaluation of the README's main job (2026-10, committed model), run once for the display tests (read-only).</summary>
public sealed class SampleEvaluationFixture
{
    public SampleEvaluationFixture()
    {
        if (!File.Exists(RepositoryPaths.Data("sample", "transactions.csv")) || !File.Exists(RepositoryPaths.CommittedModel)) return;
        Run = MonthlyEvaluation.Run(RepositoryPaths.Data("sample"), Options);
    }

    /// <summary>The main job's options (`seg report monthly --month 2026-10 --management-start 2025-11 --budget 1000000 --model data/sample/segmentation-model.json`).</summary>
    public static MonthlyRunOptions Options => new(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), MarketingBudget: 1_000_000m,
        ModelPath: RepositoryPaths.CommittedModel);

    private MonthlyEvaluation? run;

    /// <summary>The evaluation (fails the test with instructions when the sample or the committed model is missing).</summary>
    public MonthlyEvaluation Run
    {
        get
        {
            Running.NotebookExecutionTests.RequireSampleData();
            RepositoryPaths.RequireCommittedModel();
            return run!;
        }
        private set => run = value;
    }
}
