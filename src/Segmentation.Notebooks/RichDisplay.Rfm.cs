namespace Segmentation.Notebooks;

public static partial class RichDisplay
{
    /// <summary>The RFM segment summary: segment (zh/en), customers, share, mean recency/frequency/monetary, share of monetary.</summary>
    public static string RfmSegments(RfmSegmentSummary summary, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var t = new HtmlTable($"{T("rfm_segments", language)} · {HtmlText.Count(summary.Customers)} {T("customers", language)}")
            .Column(H("segment", language)).Column(H("customers", language), true).Column(H("share", language), true)
            .Column(H("recency_days", language), true).Column(H("frequency", language), true).Column(H("monetary", language), true)
            .Column(H("monetary_share", language), true);
        foreach (var r in summary.Rows)
        {
            var name = language switch { DisplayLanguage.Chinese => r.NameZh, DisplayLanguage.English => r.NameEn, _ => $"{r.NameZh} / {r.NameEn}" };
            t.Row(name, HtmlText.Count(r.Customers), HtmlText.Percent(r.Share), HtmlText.Fixed(r.MeanRecencyDays, 1), HtmlText.Fixed(r.MeanFrequency, 2),
                HtmlText.Fixed(r.MeanMonetary, 2), HtmlText.Percent(r.MonetaryShare));
        }
        return t.ToHtml();
    }
}
