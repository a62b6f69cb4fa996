namespace Segmentation.Analytics.Engines;

/// <summary>
/// The six input tables of the product's data model (see README "Data model") with their canonical columns,
/// types, ranges and code lists. Files may name columns differently: a schema mapping maps headers
/// to these canonical names.
/// </summary>
public static class DataModel
{
    /// <summary>Sales channels; <c>web</c> and <c>app</c> count as online.</summary>
    public static readonly IReadOnlyList<string> Channels = ["web", "app", "store", "phone"];

    /// <summary>Channels that count as online for the online share feature.</summary>
    public static readonly IReadOnlyList<string> OnlineChannels = ["web", "app"];

    /// <summary>Product categories.</summary>
    public static readonly IReadOnlyList<string> ProductCategories = ["apparel", "beauty", "electronics", "grocery", "home", "sports"];

    /// <summary>Regions (China's seven geographic regions).</summary>
    public static readonly IReadOnlyList<string> Regions = ["east", "north", "south", "central", "southwest", "northwest", "northeast"];

    /// <summary>Genders; U = not stated.</summary>
    public static readonly IReadOnlyList<string> Genders = ["F", "M", "U"];

    /// <summary>Occupations.</summary>
    public static readonly IReadOnlyList<string> Occupations = ["professional", "office", "service", "manual", "self_employed", "student", "retired"];

    /// <summary>Education, in increasing order (ordinal).</summary>
    public static readonly IReadOnlyList<string> EducationLevels = ["primary", "secondary", "vocational", "bachelor", "master", "doctorate"];

    /// <summary>Company sizes for B2B customers, in increasing order (ordinal).</summary>
    public static readonly IReadOnlyList<string> CompanySizes = ["micro", "small", "medium", "large"];

    /// <summary>Lifestyle (psychographic, from surveys).</summary>
    public static readonly IReadOnlyList<string> Lifestyles = ["trendsetter", "practical", "family", "outdoor", "homebody"];

    /// <summary>Campaign groups.</summary>
    public static readonly IReadOnlyList<string> CampaignGroups = ["treatment", "control"];

    /// <summary>Purchases and returns, one row per transaction. A negative amount is a return (flagged, kept).</summary>
    public static TableSpec Transactions { get; } = new("transactions",
    [
        new("transaction_id", ColumnKind.Text, Required: true),
        new("customer_id", ColumnKind.Text, Required: true),
        new("timestamp", ColumnKind.Timestamp, Required: true),
        new("amount", ColumnKind.Number, Required: true, Min: -1e9, Max: 1e9),
        new("cost", ColumnKind.Number, Min: 0, Max: 1e9),
        new("quantity", ColumnKind.Integer, Min: -100000, Max: 100000),
        new("channel", ColumnKind.Text, Categories: Channels),
        new("category", ColumnKind.Text, Categories: ProductCategories),
        new("region", ColumnKind.Text, Categories: Regions),
        new("campaign_id", ColumnKind.Text),
        new("is_return", ColumnKind.Boolean),
    ], ["transaction_id"]);

    /// <summary>The customer master: one row per customer.</summary>
    public static TableSpec Customers { get; } = new("customers",
    [
        new("customer_id", ColumnKind.Text, Required: true),
        new("signup_date", ColumnKind.Date),
        new("birth_year", ColumnKind.Integer, Min: 1900, Max: 2025),
        new("gender", ColumnKind.Text, Categories: Genders, Closed: true),
        new("income", ColumnKind.Number, Min: 0, Max: 1e8),
        new("occupation", ColumnKind.Text, Categories: Occupations),
        new("education", ColumnKind.Text, Categories: EducationLevels, Ordinal: true),
        new("region", ColumnKind.Text, Categories: Regions),
        new("city_tier", ColumnKind.Integer, Min: 1, Max: 5),
        new("company_size", ColumnKind.Text, Categories: CompanySizes, Ordinal: true),
        new("industry", ColumnKind.Text),
        new("lifestyle", ColumnKind.Text, Categories: Lifestyles),
        new("price_sensitivity", ColumnKind.Integer, Min: 1, Max: 5),
    ], ["customer_id"]);

    /// <summary>Survey and service feedback: satisfaction, NPS, complaints, referrals.</summary>
    public static TableSpec Feedback { get; } = new("feedback",
    [
        new("customer_id", ColumnKind.Text, Required: true),
        new("date", ColumnKind.Date, Required: true),
        new("csat", ColumnKind.Integer, Min: 1, Max: 5),
        new("nps", ColumnKind.Integer, Min: 0, Max: 10),
        new("complaint", ColumnKind.Boolean),
        new("referred_customers", ColumnKind.Integer, Min: 0, Max: 1000),
    ], ["customer_id", "date"]);

    /// <summary>Marketing campaigns aimed at segments.</summary>
    public static TableSpec Campaigns { get; } = new("campaigns",
    [
        new("campaign_id", ColumnKind.Text, Required: true),
        new("name", ColumnKind.Text, Required: true),
        new("target_segment", ColumnKind.Text, Required: true),
        new("start", ColumnKind.Date, Required: true),
        new("end", ColumnKind.Date, Required: true),
        new("cost", ColumnKind.Number, Required: true, Min: 0, Max: 1e12),
    ], ["campaign_id"]);

    /// <summary>Which customers a campaign treated and which it held out as control.</summary>
    public static TableSpec CampaignAssignments { get; } = new("campaign_assignments",
    [
        new("campaign_id", ColumnKind.Text, Required: true),
        new("customer_id", ColumnKind.Text, Required: true),
        new("group", ColumnKind.Text, Required: true, Categories: CampaignGroups),
    ], ["campaign_id", "customer_id"]);

    /// <summary>Market size per month (and optionally per segment), for market share. Same currency as amount.</summary>
    public static TableSpec Market { get; } = new("market",
    [
        new("month", ColumnKind.Month, Required: true),
        new("segment", ColumnKind.Text),
        new("market_size", ColumnKind.Number, Required: true, Min: 0, Max: 1e15),
    ], ["month", "segment"]);

    /// <summary>All six tables, in load order.</summary>
    public static IReadOnlyList<TableSpec> All { get; } = [Transactions, Customers, Feedback, Campaigns, CampaignAssignments, Market];

    /// <summary>The table with the canonical <paramref name="name"/>.</summary>
    public static TableSpec Get(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"Unknown table '{name}'; expected one of {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
}
