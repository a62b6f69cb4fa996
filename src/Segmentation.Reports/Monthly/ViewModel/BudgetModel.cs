using System.Globalization;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Next period's marketing budget split across segments, with the rule that split it.</summary>
/// <param name="Heading">Sub-heading with the budget.</param>
/// <param name="Rule">The allocation rule in words.</param>
/// <param name="Table">Segment, value share, CLV share, ROI share, final share, amount (two decimals).</param>
public sealed record BudgetModel(string Heading, string Rule, ReportTable Table)
{
    internal static BudgetModel? Create(ReportContext c)
    {
        if (c.Result.Budget is not { } budget) return null;
        var text = c.Text;
        var rows = budget.Segments.Select(b => new ReportTableRow(
        [
            c.SegmentName(b.Segment), ReportFormat.Percent(b.ValueShare), ReportFormat.Percent(b.PotentialShare), ReportFormat.Percent(b.RoiShare),
            ReportFormat.Percent(b.Share), ((double)b.Amount).ToString("N2", CultureInfo.InvariantCulture),
        ]));
        return new BudgetModel(text.Format("budget_heading", ReportFormat.Money((double)budget.Budget)), c.Pick(budget.RuleZh, budget.RuleEn),
            c.Table(["segment", "budget_value_share", "budget_clv_share", "roi", "share", "amount"], rows));
    }
}
