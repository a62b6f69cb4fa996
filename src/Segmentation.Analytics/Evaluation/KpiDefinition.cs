namespace Segmentation.Analytics.Evaluation;

/// <summary>One KPI as the report appendix and the README print it.</summary>
/// <param name="Key">Stable key (<see cref="KpiRow.Value"/>).</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Unit">customers, currency, share (0–1), points (−100..100), csat (1–5), orders_per_customer, referrals_per_customer.</param>
/// <param name="Test">Significance test used when the KPI is compared: two_proportion, welch, bootstrap or none.</param>
/// <param name="DefinitionZh">One-sentence definition in Chinese.</param>
/// <param name="DefinitionEn">One-sentence definition in English.</param>
public sealed record KpiDefinition(string Key, string NameZh, string NameEn, string Unit, string Test, string DefinitionZh, string DefinitionEn);
