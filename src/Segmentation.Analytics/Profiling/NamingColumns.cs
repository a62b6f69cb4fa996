namespace Segmentation.Analytics.Profiling;

/// <summary>The feature columns naming reads (names of the customer feature table); a trait whose column was not profiled is skipped.</summary>
/// <param name="Age">Mean age.</param>
/// <param name="OnlineShare">Share of orders online (0–1).</param>
/// <param name="Monetary">Net spend.</param>
/// <param name="OrderValue">Average order value.</param>
/// <param name="Frequency">Purchase frequency.</param>
/// <param name="Recency">Days since the last purchase.</param>
/// <param name="CompanySize">Categorical column present only for business accounts.</param>
/// <param name="PriceSensitivity">Survey price sensitivity.</param>
/// <param name="Loyalty">Category loyalty (0–1).</param>
/// <param name="Tenure">Days since the first purchase.</param>
public sealed record NamingColumns(
    string Age = "age",
    string OnlineShare = "online_share",
    string Monetary = "monetary",
    string OrderValue = "avg_order_value",
    string Frequency = "frequency",
    string Recency = "recency_days",
    string CompanySize = "company_size",
    string PriceSensitivity = "price_sensitivity",
    string Loyalty = "category_loyalty",
    string Tenure = "tenure_days");
