using Segmentation.Analytics.Evaluation;
using Segmentation.Data;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>
/// The monthly evaluation of a transactions-only real export: the UCI Online Retail line items (data/real/online_retail, with its
/// schema.json: GBP, no cost column, no feedback, no market, data from 2010-12-01), report month 2011-09, management from 2011-06.
/// </summary>
public sealed class TransactionsOnlyFixture
{
    public TransactionsOnlyFixture() =>
        Run = MonthlyEvaluation.Run(Path.Combine(MonthlyReportFixture.Root, "data", "real", "online_retail"),
            new MonthlyRunOptions(new DateOnly(2011, 9, 1), ManagementStart: new DateOnly(2011, 6, 1)));

    public MonthlyEvaluation Run { get; }
}
