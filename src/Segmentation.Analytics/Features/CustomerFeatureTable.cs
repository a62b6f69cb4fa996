using Microsoft.Data.Analysis;
using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>
/// The customer feature table: one row per customer with behavioural, feedback, demographic, geographic, B2B and
/// psychographic features at a snapshot day, computed inside the SQL engine (DuckDB or PostgreSQL) from the validated
/// tables; only one row per customer leaves the engine. Every column is defined in <see cref="FeatureCatalog"/>.
/// </summary>
/// <remarks>
/// <para>Rows: the customers of the customers table who signed up by the snapshot (or whose signup date is unknown),
/// together with every customer who has a transaction up to the snapshot (the latter are already in the customers table
/// when references were checked at ingest). Without a customers table: the customers with transactions. Sorted by
/// customer_id in ordinal (byte) order, whatever the engine's collation.</para>
/// <para>The SQL is written once with <see cref="SqlDialect"/> helpers and reuses <see cref="CustomerAggregateQuery"/>;
/// ratios are divisions of doubles in SQL, so DuckDB and PostgreSQL return identical tables.</para>
/// </remarks>
public static class CustomerFeatureTable
{
    /// <summary>Builds the table in <paramref name="engine"/> at the <paramref name="snapshot"/> day (its time of day is ignored).</summary>
    /// <param name="engine">A workspace with the validated <c>transactions</c> table (and optionally customers, feedback, campaigns, campaign_assignments).</param>
    /// <param name="snapshot">The as-of day: data dated after it is ignored.</param>
    /// <param name="options">Options; null for <see cref="FeatureTableOptions.Default"/>.</param>
    /// <returns>Columns as <see cref="FeatureCatalog.Names"/>: text as string, counts and days as Int64, amounts and ratios as Double.</returns>
    public static DataFrame Build(ISqlEngine engine, DateTime snapshot, FeatureTableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options ??= FeatureTableOptions.Default;
        options.Validate();
        var sources = options.Sources ?? FeatureSources.Detect(engine);
        string sql = Render(engine.Dialect, snapshot, options, sources);
        // Sorted in the engine when its order of text is (nearly) ordinal: a parallel sort there, and no copy of every column
        // here (SortByCustomerOrdinal checks the order and sorts what is not, e.g. rare supplementary characters).
        if (engine.Dialect.SortsTextByCodePoint) sql += "\nORDER BY customer_id";
        return SortByCustomerOrdinal(engine.Query(sql));
    }

    /// <summary>The SQL of the table for one dialect (rows in engine order; <see cref="Build"/> sorts them ordinally).</summary>
    public static string Render(SqlDialect d, DateTime snapshot, FeatureTableOptions options, FeatureSources sources)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sources);
        options.Validate();
        string end = d.Timestamp(snapshot.Date.AddDays(1));
        string dbl = d.DoubleType;
        string Ratio(string numerator, string denominator) =>
            $"CAST({numerator} AS {dbl}) / CAST(NULLIF({denominator}, 0) AS {dbl})";
        string NullOf(string type) => d.NullOf(type);

        var wanted = options.Columns is null ? null : new HashSet<string>(options.Columns, StringComparer.Ordinal);
        bool Wants(string column) => wanted is null || column == "customer_id" || wanted.Contains(column);
        bool useFeedback = sources.Feedback && FeedbackColumns.Any(Wants);
        bool useCampaigns = sources.CampaignAssignments && Wants("campaign_response_rate");
        bool useCustomers = sources.Customers && CustomerColumns.Any(Wants);

        // Every customer with a transaction up to the snapshot has a row in agg (grouped by customer): reading the ids there
        // instead of from tx saves a DISTINCT over every transaction. ClickHouse inlines every sub-query at each reference, so
        // there a second reference to agg would aggregate twice: it reads the ids from tx as before.
        bool inlines = d.InlinesSubqueries;
        // The (customer, category) pass only when a category feature is wanted; no ORDER BY inside (Build sorts the result).
        bool useCategories = Wants("category_breadth") || Wants("category_loyalty");
        // Aggregates computed for several snapshots in one pass, when the caller prepared them for this day.
        // Only the customers of options.CustomersIn (a sample drawn in the engine), when given: every source filtered by customer.
        string only = options.CustomersIn is { } inTable ? $" AND customer_id IN (SELECT customer_id FROM {d.Id(inTable)})" : "";
        string aggregates = (options.CustomersIn is null ? options.Aggregates?.Source(d, snapshot) : null)
            ?? CustomerAggregateQuery.Render(d, snapshot, "transactions", useCategories, ordered: false, options.CustomersIn);
        var ctes = new List<(string Name, string Query)> { ("agg", aggregates) };
        if (useCampaigns || inlines) ctes.Insert(0, ("tx", $"SELECT * FROM {d.Id("transactions")} WHERE {d.Id("timestamp")} < {end}{only}"));
        string idsSql = $"SELECT customer_id FROM {d.Cte(inlines ? "tx" : "agg")}";
        if (sources.Customers)
        {
            ctes.Add(("cust", $"SELECT * FROM {d.Id("customers")} WHERE (signup_date IS NULL OR signup_date < {end}){only}"));
            idsSql = $"SELECT customer_id FROM {d.Cte("cust")} UNION ALL " + idsSql;
        }
        // One de-duplication (a UNION would make a second one).
        ctes.Add(("ids", $"SELECT DISTINCT customer_id FROM ({idsSql}) u"));
        if (useFeedback)
            ctes.Add(("fb", $"""
                SELECT customer_id, sum(csat) AS csat_sum, count(csat) AS csat_n, sum(nps) AS nps_sum, count(nps) AS nps_n,
                  {d.CountIf("complaint")} AS complaints, COALESCE(sum(referred_customers), 0) AS referrals
                  FROM {d.Id("feedback")} WHERE {d.Id("date")} < {end}{only} GROUP BY customer_id
                """));
        if (useCampaigns)
        {
            ctes.Add(("win", $"""
                SELECT a.customer_id, a.campaign_id, c.{d.Id("start")} AS ws,
                  {d.Least(d.AddDays($"c.{d.Id("end")}", 1), end)} AS we
                  FROM {d.Table("campaign_assignments", "a")} JOIN {d.Table("campaigns", "c")} ON a.campaign_id = c.campaign_id
                  WHERE a.{d.Id("group")} = {d.Str("treatment")} AND c.{d.Id("start")} < {end}{(only.Length == 0 ? "" : " AND a." + only[" AND ".Length..])}
                """));
            // A purchase inside the window: a range join where the engine has one, else an equality join with the range tested in max().
            ctes.Add(("hit", d.JoinsOnRanges
                ? $"""
                  SELECT w.customer_id, w.campaign_id, max(CASE WHEN t.customer_id IS NULL THEN 0 ELSE 1 END) AS bought
                    FROM {d.Cte("win", "w")} LEFT JOIN {d.Cte("tx", "t")} ON t.customer_id = w.customer_id AND NOT t.is_return
                      AND t.{d.Id("timestamp")} >= w.ws AND t.{d.Id("timestamp")} < w.we
                    GROUP BY w.customer_id, w.campaign_id
                  """
                : $"""
                  SELECT w.customer_id, w.campaign_id, max(CASE WHEN t.{d.Id("timestamp")} >= w.ws AND t.{d.Id("timestamp")} < w.we THEN 1 ELSE 0 END) AS bought
                    FROM {d.Cte("win", "w")} LEFT JOIN (SELECT customer_id, {d.Id("timestamp")} FROM {d.Cte("tx")} WHERE NOT is_return) t ON t.customer_id = w.customer_id
                    GROUP BY w.customer_id, w.campaign_id
                  """));
            ctes.Add(("resp", $"SELECT customer_id, count(*) AS treated, sum(bought) AS responded FROM {d.Cte("hit")} GROUP BY customer_id"));
        }

        string orders = "COALESCE(a.orders, 0)";
        string frequency = "COALESCE(a.purchase_days, 0)";
        string net = "COALESCE(a.net_amount, 0)";
        string monetary = options.Monetary == MonetaryMeasure.NetSpend
            ? d.ToDouble(net)
            : $"COALESCE({Ratio(net, "a.purchase_days")}, 0)";
        string Customer(string column, string type) => useCustomers ? $"c.{d.Id(column)}" : NullOf(type);

        var select = new List<string>
        {
            "i.customer_id AS customer_id",
            "a.recency_days AS recency_days",
            $"{d.ToBigInt(frequency)} AS frequency",
            $"{monetary} AS monetary",
            "a.tenure_days AS tenure_days",
            $"{d.ToBigInt(orders)} AS orders",
            $"{Ratio("a.gross_amount", "a.orders")} AS avg_order_value",
            $"(CASE WHEN a.purchase_days > 1 THEN {Ratio(d.DaysBetween("a.first_purchase", "a.last_purchase"), "a.purchase_days - 1")} END) AS mean_interpurchase_days",
            // Missing is not zero: a share over purchases whose channel / category is unknown is missing, not 0 %.
            $"{Ratio("a.online_orders", "a.channel_orders")} AS online_share",
            sources.Categories
                ? $"{d.ToBigInt("(CASE WHEN a.category_orders > 0 OR COALESCE(a.orders, 0) = 0 THEN COALESCE(a.categories, 0) END)")} AS category_breadth"
                : $"{NullOf("BIGINT")} AS category_breadth",
            $"{Ratio("a.returns", "a.orders + a.returns")} AS return_rate",
            $"{Ratio("a.top_category_orders", "a.category_orders")} AS category_loyalty",
            sources.CampaignIds ? $"{Ratio("a.campaign_orders", "a.orders")} AS campaign_share" : $"{NullOf(dbl)} AS campaign_share",
            useCampaigns ? $"{Ratio("r.responded", "r.treated")} AS campaign_response_rate" : $"{NullOf(dbl)} AS campaign_response_rate",
            useFeedback ? $"{Ratio("f.csat_sum", "f.csat_n")} AS csat_mean" : $"{NullOf(dbl)} AS csat_mean",
            useFeedback ? $"{Ratio("f.nps_sum", "f.nps_n")} AS nps_mean" : $"{NullOf(dbl)} AS nps_mean",
            useFeedback ? $"{d.ToBigInt("COALESCE(f.complaints, 0)")} AS complaints" : $"{NullOf("BIGINT")} AS complaints",
            useFeedback ? $"{d.ToBigInt("COALESCE(f.referrals, 0)")} AS referrals" : $"{NullOf("BIGINT")} AS referrals",
            useCustomers ? $"{d.ToBigInt($"{snapshot.Year} - c.birth_year")} AS age" : $"{NullOf("BIGINT")} AS age",
            $"{Customer("gender", "VARCHAR")} AS gender",
            $"{Customer("income", dbl)} AS income",
            $"{Customer("occupation", "VARCHAR")} AS occupation",
            $"{Customer("education", "VARCHAR")} AS education",
            $"{Customer("region", "VARCHAR")} AS region",
            $"{Customer("city_tier", "BIGINT")} AS city_tier",
            $"{Customer("company_size", "VARCHAR")} AS company_size",
            $"{Customer("industry", "VARCHAR")} AS industry",
            $"{Customer("lifestyle", "VARCHAR")} AS lifestyle",
            $"{Customer("price_sensitivity", "BIGINT")} AS price_sensitivity",
        };
        // Only the asked-for columns (in catalog order), and only the joins they read.
        select = select.Where(item => Wants(item[(item.LastIndexOf(" AS ", StringComparison.Ordinal) + 4)..])).ToList();
        var joins = new List<(string, string, IReadOnlyList<string>)> { (d.Cte("agg"), "a", CustomerAggregateQuery.Columns) };
        if (useCustomers) joins.Add((d.Cte("cust"), "c", DataModel.Customers.Columns.Select(c => c.Name).ToArray()));
        if (useFeedback) joins.Add((d.Cte("fb"), "f", ["csat_sum", "csat_n", "nps_sum", "nps_n", "complaints", "referrals"]));
        if (useCampaigns) joins.Add((d.Cte("resp"), "r", ["treated", "responded"]));

        return d.With(ctes, $"""
            SELECT {string.Join(",\n  ", select)}
            {d.FromLeftJoins((d.Cte("ids"), "i", ["customer_id"]), joins, "customer_id")}
            """);
    }

    /// <summary>Columns read from the feedback table.</summary>
    private static readonly string[] FeedbackColumns = ["csat_mean", "nps_mean", "complaints", "referrals"];

    /// <summary>Columns read from the customers table.</summary>
    private static readonly string[] CustomerColumns =
        ["age", "gender", "income", "occupation", "education", "region", "city_tier", "company_size", "industry", "lifestyle", "price_sensitivity"];

    /// <summary>The frame in ordinal customer_id order: itself when it already is (the engine sorted it), else a sorted copy.</summary>
    private static DataFrame SortByCustomerOrdinal(DataFrame frame)
    {
        var ids = frame.Columns["customer_id"];
        int n = checked((int)frame.Rows.Count);
        var keys = new string[n];
        if (ids is StringDataFrameColumn text)
            for (int i = 0; i < n; i++) keys[i] = text[i] ?? "";
        else
            for (int i = 0; i < n; i++) keys[i] = (string?)ids[i] ?? "";
        bool sorted = true;
        for (int i = 1; i < n && sorted; i++) sorted = string.CompareOrdinal(keys[i - 1], keys[i]) <= 0;
        if (sorted) return frame;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order, StringComparer.Ordinal);
        var map = new Int64DataFrameColumn("__order", order.Select(i => (long)i));
        return new DataFrame(frame.Columns.Select(c => c.Clone(map)));
    }
}
