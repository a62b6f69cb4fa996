using System.Globalization;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Next period's marketing budget split across segments, with the rule that split it.</summary>
/// <param name="Heading">Sub-heading with the budget.</param>
/// <param name="Rule">The allocation rule in words.</param>
/// <param name="Table">Segment, revenue share, CLV share, ROI share, final share, amount (two decimals); hidden segments' shares and
/// amounts as the dash (they are hidden in pairs, so the budget minus the rows shown does not give one away).</param>
public sealed record BudgetModel(string Heading, string Rule, ReportTable Table)
{
    internal static BudgetModel? Create(ReportContext c)
    {
        if (c.Result.Budget is not { } budget) return null;
        var text = c.Text;
        var rows = budget.Segments.Select(b =>
        {
            bool hide = c.Suppressed(b.Segment);
            string Cell(string value) => ReportContext.Unless(hide, value);
            return new ReportTableRow(
            [
                c.SegmentName(b.Segment), Cell(ReportFormat.Percent(b.ValueShare)), Cell(ReportFormat.Percent(b.PotentialShare)), Cell(ReportFormat.Percent(b.RoiShare)),
                Cell(ReportFormat.Percent(b.Share)), Cell(((double)b.Amount).ToString("N2", CultureInfo.InvariantCulture)),
            ]);
        });
        return new BudgetModel(text.Format("budget_heading", c.Money((double)budget.Budget)), c.Pick(budget.RuleZh, budget.RuleEn),
            new ReportTable([text["segment"], text["budget_value_share"], text["budget_clv_share"], text["budget_roi_share"], text["share"], c.MoneyHeader("amount")], [.. rows]));
    }
}
