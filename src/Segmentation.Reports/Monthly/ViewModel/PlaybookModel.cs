namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>The strategy playbook per segment (product, price, promotion, channel, service) and next period's budget.</summary>
/// <param name="Heading">Sub-heading of the playbook.</param>
/// <param name="Table">Segment and its five strategy lines, for the segments that have a strategy.</param>
/// <param name="Budget">The budget allocation; null when no budget was given.</param>
public sealed record PlaybookModel(string Heading, ReportTable Table, BudgetModel? Budget)
{
    /// <summary>The control group each proposed campaign needs; null when no segment has a strategy.</summary>
    public CampaignSizingModel? Sizing { get; init; }

    internal static PlaybookModel Create(ReportContext c)
    {
        var text = c.Text;
        var rows = c.Result.Recommendations.Where(r => r.Strategy is not null).Select(r =>
        {
            var s = r.Strategy!;
            return new ReportTableRow([c.Name(r.Segment), c.Pick(s.ProductZh, s.ProductEn), c.Pick(s.PriceZh, s.PriceEn),
                c.Pick(s.PromotionZh, s.PromotionEn), c.Pick(s.ChannelZh, s.ChannelEn), c.Pick(s.ServiceZh, s.ServiceEn)]);
        });
        return new PlaybookModel(text["playbook"], c.Table(["segment", "product", "price", "promotion", "channel", "service"], rows), BudgetModel.Create(c))
        {
            Sizing = CampaignSizingModel.Create(c),
        };
    }
}
