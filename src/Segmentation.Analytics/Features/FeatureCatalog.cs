namespace Segmentation.Analytics.Features;

/// <summary>
/// Every column of the customer feature table (<see cref="CustomerFeatureTable"/>), in output order, with its unit and
/// definition. This table is the single source of the definitions the README and the report appendix print.
/// </summary>
/// <remarks>
/// Conventions shared by all rows: transactions and feedback count up to and including the snapshot day; a
/// <em>purchase</em> is a transaction that is not a return; a purchase <em>occasion</em> is a calendar day with at least one
/// purchase; days are whole calendar days between dates. For customers without purchases, counts and sums are 0 and
/// quantities that need a purchase (recency, tenure, ratios over purchases) are NULL. A column whose source table is not
/// loaded is NULL for every customer.
/// </remarks>
public static class FeatureCatalog
{
    /// <summary>All features in the column order of the feature table.</summary>
    public static IReadOnlyList<FeatureDefinition> All { get; } =
    [
        new("customer_id", FeatureGroup.Identifier, FeatureKind.Identifier, "id",
            "Customer key (pseudonymised when the workspace pseudonymises). Rows are sorted by it (ordinal).", "客户编号"),
        new("recency_days", FeatureGroup.Behavioural, FeatureKind.Numeric, "days",
            "Days from the day of the last purchase to the snapshot day (0 = bought on the snapshot day). NULL without purchases.", "最近购买间隔天数"),
        new("frequency", FeatureGroup.Behavioural, FeatureKind.Numeric, "occasions",
            "Purchase occasions: distinct calendar days with at least one purchase; returns excluded. 0 without purchases.", "购买频次"),
        new("monetary", FeatureGroup.Behavioural, FeatureKind.Numeric, "currency (per occasion with MonetaryMeasure.AveragePerOccasion)",
            "Net spend: purchase amounts minus returned amounts. With AveragePerOccasion: net spend / frequency (0 when frequency is 0). Customers with only returns have a negative net spend.", "消费金额"),
        new("tenure_days", FeatureGroup.Behavioural, FeatureKind.Numeric, "days",
            "Days from the day of the first purchase to the snapshot day. NULL without purchases.", "客户时长天数"),
        new("orders", FeatureGroup.Behavioural, FeatureKind.Numeric, "transactions",
            "Purchase transactions (returns excluded). 0 without purchases.", "订单数"),
        new("avg_order_value", FeatureGroup.Behavioural, FeatureKind.Numeric, "currency per order",
            "Gross purchase amount / orders (returns not deducted). NULL when orders = 0.", "平均订单金额"),
        new("mean_interpurchase_days", FeatureGroup.Behavioural, FeatureKind.Numeric, "days",
            "Mean days between purchase occasions: (last purchase day − first purchase day) / (frequency − 1). NULL when frequency ≤ 1.", "平均购买间隔天数"),
        new("online_share", FeatureGroup.Behavioural, FeatureKind.Numeric, "fraction 0–1",
            "Purchases in an online channel (web, app) / purchases whose channel is known. NULL when no purchase has a channel (e.g. the data has no channel column): missing, not 0 % online.", "线上购买占比"),
        new("category_breadth", FeatureGroup.Behavioural, FeatureKind.Numeric, "categories",
            "Distinct product categories purchased. 0 without purchases; NULL when the customer's purchases have no category, and for every customer when the transactions carry no categories.", "购买品类数"),
        new("return_rate", FeatureGroup.Behavioural, FeatureKind.Numeric, "fraction 0–1",
            "Returns / (orders + returns), counted in transactions. NULL when the customer has no transactions.", "退货率"),
        new("category_loyalty", FeatureGroup.Behavioural, FeatureKind.Numeric, "fraction 0–1",
            "Purchases in the customer's most-purchased category / purchases whose category is known (brand/category loyalty). NULL when no purchase has a category.", "品类忠诚度"),
        new("campaign_share", FeatureGroup.Behavioural, FeatureKind.Numeric, "fraction 0–1",
            "Purchases carrying a campaign id / orders. NULL when orders = 0, and for every customer when the transactions carry no campaign ids.", "活动订单占比"),
        new("campaign_response_rate", FeatureGroup.Behavioural, FeatureKind.Numeric, "fraction 0–1",
            "Among the campaigns that treated the customer (group = treatment) and started by the snapshot, the share in which the customer made a purchase inside the campaign window [start day, end day] (clipped at the snapshot day). NULL when never treated, or when campaign_assignments or campaigns is not loaded.", "活动响应率"),
        new("csat_mean", FeatureGroup.Feedback, FeatureKind.Numeric, "score 1–5",
            "Mean CSAT over feedback rows dated up to the snapshot with a CSAT value. NULL when none.", "平均满意度"),
        new("nps_mean", FeatureGroup.Feedback, FeatureKind.Numeric, "score 0–10",
            "Mean NPS answer (likelihood to recommend) over feedback rows up to the snapshot with a value. NULL when none.", "平均推荐意愿"),
        new("complaints", FeatureGroup.Feedback, FeatureKind.Numeric, "feedback rows",
            "Feedback rows up to the snapshot flagged as a complaint. 0 when none; NULL when feedback is not loaded.", "投诉次数"),
        new("referrals", FeatureGroup.Feedback, FeatureKind.Numeric, "customers",
            "Sum of referred_customers over feedback rows up to the snapshot. 0 when none; NULL when feedback is not loaded.", "推荐客户数"),
        new("age", FeatureGroup.Demographic, FeatureKind.Numeric, "years",
            "Snapshot year − birth_year (age reached in the snapshot's calendar year). NULL when unknown.", "年龄"),
        new("gender", FeatureGroup.Demographic, FeatureKind.Categorical, "code F/M/U", "Gender as recorded in the customer master.", "性别"),
        new("income", FeatureGroup.Demographic, FeatureKind.Numeric, "currency per year", "Annual income as recorded in the customer master.", "收入"),
        new("occupation", FeatureGroup.Demographic, FeatureKind.Categorical, "code", "Occupation code (DataModel.Occupations).", "职业"),
        new("education", FeatureGroup.Demographic, FeatureKind.Ordinal, "ordered code", "Education level (DataModel.EducationLevels, increasing).", "教育程度"),
        new("region", FeatureGroup.Geographic, FeatureKind.Categorical, "code", "Region of the customer master (DataModel.Regions).", "地区"),
        new("city_tier", FeatureGroup.Geographic, FeatureKind.Numeric, "tier 1–5", "City tier (1 = largest cities).", "城市等级"),
        new("company_size", FeatureGroup.Business, FeatureKind.Ordinal, "ordered code", "Company size of business customers (DataModel.CompanySizes, increasing).", "企业规模"),
        new("industry", FeatureGroup.Business, FeatureKind.Categorical, "text", "Industry of business customers.", "行业"),
        new("lifestyle", FeatureGroup.Psychographic, FeatureKind.Categorical, "code", "Lifestyle from surveys (DataModel.Lifestyles).", "生活方式"),
        new("price_sensitivity", FeatureGroup.Psychographic, FeatureKind.Numeric, "score 1–5", "Price sensitivity from surveys (5 = most sensitive).", "价格敏感度"),
    ];

    /// <summary>Column names in output order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    /// <summary>The definition of the feature named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No feature has that name.</exception>
    public static FeatureDefinition Get(string name) =>
        All.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"Unknown feature '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Names of the features of one kind, in output order (e.g. the categorical columns to one-hot encode).</summary>
    public static IReadOnlyList<string> NamesOf(FeatureKind kind) => All.Where(f => f.Kind == kind).Select(f => f.Name).ToArray();
}
