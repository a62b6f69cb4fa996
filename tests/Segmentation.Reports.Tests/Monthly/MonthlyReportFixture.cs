using Segmentation.Analytics.Evaluation;
using Segmentation.Data;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>One monthly evaluation of the bundled sample (2026-10), shared by the report tests (read-only).</summary>
public sealed class MonthlyReportFixture : IDisposable
{
    public MonthlyReportFixture()
    {
        Directory.CreateDirectory(Folder);
        Options = new MonthlyRunOptions(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), MarketingBudget: 1_000_000m,
            ModelPath: Path.Combine(Folder, "model.json"));
        Run = MonthlyEvaluation.Run(Path.Combine(Root, "data", "sample"), Options);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "seg-report-tests-" + Guid.NewGuid().ToString("N"));

    public MonthlyRunOptions Options { get; }

    public MonthlyEvaluation Run { get; }

    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Segmentation.Analytics.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
