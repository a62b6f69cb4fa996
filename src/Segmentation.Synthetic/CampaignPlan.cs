namespace Segmentation.Synthetic;

/// <summary>
/// A campaign planted in synthetic data, aimed at one planted segment, with a randomised treatment/control split
/// and a planted effect on conversion.
/// </summary>
/// <param name="CampaignId">Id written to campaigns.csv and to the treated customers' transactions in the window.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="TargetSegment">Key of the planted segment whose eligible customers are randomised.</param>
/// <param name="Start">First day of the window (inclusive).</param>
/// <param name="End">Last day of the window (inclusive).</param>
/// <param name="Cost">Campaign cost (currency units).</param>
/// <param name="ConversionDelta">Planted absolute uplift of the conversion probability, in [0, 1). Conversion = at least one
/// non-return purchase dated inside the window. 0 plants a campaign without effect.</param>
/// <remarks>
/// <para><b>Construction.</b> Eligible = members of the target segment signed up on or before <see cref="Start"/> and
/// (for churners) churning after <see cref="End"/>. They are completely randomised: a seeded shuffle, the first
/// round(share × n) treated, the rest control. Every customer's ordinary purchases are a Poisson process whose
/// intensity does not depend on the assignment, so the baseline conversion probability over the window is
/// p0ᵢ = 1 − exp(−Λᵢ), Λᵢ = the integrated intensity over the window. A treated customer additionally makes one
/// campaign-induced purchase, independent of the ordinary ones, with probability qᵢ = min(1, δ / (1 − p0ᵢ)) = min(1, δ·e^{Λᵢ}),
/// dated uniformly in the window. Then P(convert | treated) = 1 − (1 − p0ᵢ)(1 − qᵢ) = p0ᵢ + τᵢ with
/// τᵢ = min(δ, 1 − p0ᵢ), and for complete randomisation E[ȳ_T − ȳ_C] = (1/n) Σᵢ τᵢ exactly
/// (the finite-population average treatment effect), which equals δ whenever no qᵢ is clipped at 1.
/// <c>ground_truth.json</c> records both δ and (1/n) Σ τᵢ, and the number of clipped customers.</para>
/// <para>The extra purchase's amount has the same distribution as the customer's ordinary purchases (mean = the
/// customer's own order value mᵢ), so the expected uplift of gross (non-return) purchase amount in the window is
/// (1/n) Σᵢ qᵢ·mᵢ per customer (up to rounding amounts to cents).</para>
/// </remarks>
public sealed record CampaignPlan(
    string CampaignId,
    string NameZh,
    string NameEn,
    string TargetSegment,
    DateOnly Start,
    DateOnly End,
    double Cost,
    double ConversionDelta);
