namespace Segmentation.Synthetic;

/// <summary>One row of customers.csv. Null = empty cell (B2B accounts have no personal demographics; survey
/// fields and some incomes are missing, as in real data).</summary>
/// <param name="CustomerNumber">1-based customer number; the id is C + 7 digits.</param>
/// <param name="SignupDate">Date the customer signed up (before or during the horizon).</param>
/// <param name="BirthYear">Year of birth; null for B2B accounts.</param>
/// <param name="Gender">F, M or U; null for B2B accounts.</param>
/// <param name="Income">Annual income (CNY, rounded to 100); null for B2B accounts and some non-respondents.</param>
/// <param name="Occupation">Occupation code; null for B2B accounts.</param>
/// <param name="Education">Education code; null for B2B accounts and some non-respondents.</param>
/// <param name="Region">Region code.</param>
/// <param name="CityTier">City tier 1–5.</param>
/// <param name="CompanySize">B2B company size, else null.</param>
/// <param name="Industry">B2B industry, else null.</param>
/// <param name="Lifestyle">Lifestyle from the psychographic survey; null for B2B accounts and survey non-respondents.</param>
/// <param name="PriceSensitivity">Price sensitivity 1–5 from the survey; null for non-respondents.</param>
public sealed record SyntheticCustomer(
    int CustomerNumber,
    DateOnly SignupDate,
    int? BirthYear,
    string? Gender,
    double? Income,
    string? Occupation,
    string? Education,
    string Region,
    int CityTier,
    string? CompanySize,
    string? Industry,
    string? Lifestyle,
    int? PriceSensitivity)
{
    /// <summary>The customer id, e.g. C0000001.</summary>
    public string CustomerId => SyntheticIds.Customer(CustomerNumber);
}
