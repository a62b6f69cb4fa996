namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Per-customer outcomes of one group of a campaign (one entry per customer, same order in every array) in the campaign window and,
/// for difference-in-differences, in the pre-period of equal length right before it.
/// </summary>
/// <param name="PurchaseDays">Distinct days with a purchase (returns excluded) in the window.</param>
/// <param name="GrossSales">Σ purchase amounts in the window (currency).</param>
/// <param name="Margin">Σ (amount − cost) of those purchases (currency).</param>
/// <param name="PrePurchaseDays">The same in the pre-period (empty when not needed).</param>
/// <param name="PreGrossSales">Pre-period purchase amounts.</param>
/// <param name="PreMargin">Pre-period margin.</param>
public sealed record CampaignOutcomes(int[] PurchaseDays, double[] GrossSales, double[] Margin, int[] PrePurchaseDays, double[] PreGrossSales, double[] PreMargin)
{
    /// <summary>Customers in the group.</summary>
    public int Count => PurchaseDays.Length;

    /// <summary>Outcomes without a pre-period.</summary>
    public static CampaignOutcomes During(int[] purchaseDays, double[] grossSales, double[] margin) => new(purchaseDays, grossSales, margin, [], [], []);

    /// <summary>Customers converted: ≥ 1 purchase in the window.</summary>
    public long Converted => PurchaseDays.Count(d => d >= 1);

    /// <summary>Customers with ≥ 2 purchase occasions in the window.</summary>
    public long Repeaters => PurchaseDays.Count(d => d >= 2);

    internal double[] ConversionChange() => PurchaseDays.Select((d, i) => (d >= 1 ? 1.0 : 0.0) - (PrePurchaseDays[i] >= 1 ? 1.0 : 0.0)).ToArray();
    internal double[] RepeatChange() => PurchaseDays.Select((d, i) => (d >= 2 ? 1.0 : 0.0) - (PrePurchaseDays[i] >= 2 ? 1.0 : 0.0)).ToArray();
    internal double[] SalesChange() => GrossSales.Select((g, i) => g - PreGrossSales[i]).ToArray();
    internal double[] MarginChange() => Margin.Select((g, i) => g - PreMargin[i]).ToArray();
}
