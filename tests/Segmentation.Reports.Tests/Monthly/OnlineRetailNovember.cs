using Segmentation.Analytics.Evaluation;
using Segmentation.Data;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>
/// The monthly run of the Online Retail export for 2011-11 with a model fitted at that month's end (a transactions-only real
/// export on which BG/NBD is not identified: a → 0, b → ∞), computed once for every test class that reads it.
/// </summary>
internal static class OnlineRetailNovember
{
    private static readonly Lazy<MonthlyEvaluation> Lazy = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "seg-report-or-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return MonthlyEvaluation.Run(Path.Combine(MonthlyReportFixture.Root, "data", "real", "online_retail"),
                new MonthlyRunOptions(new DateOnly(2011, 11, 1), ModelPath: Path.Combine(folder, "model.json")));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    });

    /// <summary>The run (computed on first use).</summary>
    public static MonthlyEvaluation Run => Lazy.Value;
}
