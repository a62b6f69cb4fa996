namespace Segmentation.Synthetic;

/// <summary>A planted campaign effect in <c>ground_truth.json</c> (construction in <see cref="CampaignPlan"/>).</summary>
/// <param name="CampaignId">Campaign id.</param>
/// <param name="TargetSegment">Planted segment aimed at.</param>
/// <param name="Start">First day of the window.</param>
/// <param name="End">Last day of the window (inclusive).</param>
/// <param name="Treated">Customers in the treatment group.</param>
/// <param name="Control">Customers in the control group.</param>
/// <param name="Conversion">Definition of conversion used for the effect.</param>
/// <param name="ConversionDelta">Planted absolute uplift δ of the conversion probability.</param>
/// <param name="ExpectedConversionUplift">Exact expectation of (treatment conversion rate − control conversion rate) =
/// (1/n) Σ min(δ, 1 − p0ᵢ) over the assigned customers; equals δ when <paramref name="ClippedCustomers"/> is 0.</param>
/// <param name="ExpectedRevenueUpliftPerCustomer">Expected uplift of gross (non-return) purchase amount in the window per
/// customer, treatment − control: (1/n) Σ qᵢ·mᵢ.</param>
/// <param name="MeanBaselineConversion">(1/n) Σ p0ᵢ: the expected control conversion rate.</param>
/// <param name="ClippedCustomers">Customers whose baseline conversion probability exceeded 1 − δ (effect capped at 1 − p0ᵢ).</param>
public sealed record GroundTruthCampaign(
    string CampaignId,
    string TargetSegment,
    DateOnly Start,
    DateOnly End,
    int Treated,
    int Control,
    string Conversion,
    double ConversionDelta,
    double ExpectedConversionUplift,
    double ExpectedRevenueUpliftPerCustomer,
    double MeanBaselineConversion,
    int ClippedCustomers);
