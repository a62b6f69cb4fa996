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
/// <para>At a day of <see cref="FeatureTableOptions.Aggregates"/> that DuckDB's workspace aggregated in process, the table is computed
/// from the held aggregates instead (the engine still reads the customers and feedback columns with the same expressions): the same
/// rows, columns, types and values, without writing the aggregates to a table and reading them back.</para>
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
        // From the aggregates the engine holds in process, when it can compute the table from them exactly as the SQL does.
        if (options.Aggregates?.TryFeatureTable(engine.Dialect, snapshot, options, sources) is { } held) return SortByCustomerOrdinal(held);
        string sql = Render(engine.Dialect, snapshot, options, sources);
        // Sorted in the engine when its order of text is (nearly) ordinal: a parallel sort there, and no copy of every column
        // here (SortByCustomerOrdinal checks the order and sorts what is not, e.g. rare supplementary characters).
        if (engine.Dialect.SortsTextByCodePoint) sql += "\nORDER BY customer_id";
        return SortByCustomerOrdinal(engine.Query(sql));
    }

    /// <summary>
    /// The rows of <see cref="Build"/>'s table whose customers bought by the <paramref name="snapshot"/> (<see cref="Buyers"/>), and the
    /// full table's row count. From the aggregates the engine holds, the other rows are never made; else the table is built and its
    /// buyers' rows copied.
    /// </summary>
    /// <param name="engine">As <see cref="Build"/>.</param>
    /// <param name="snapshot">As <see cref="Build"/>.</param>
    /// <param name="options">As <see cref="Build"/>; the table must have <c>recency_days</c>.</param>
    /// <param name="rows">Only these rows of the buyers' table (ascending; e.g. a training sample,
    /// <see cref="Models.SegmentationModelBuilder.TrainingRows"/>), in that order; null: every buyer.</param>
    /// <exception cref="ArgumentOutOfRangeException">A row is not in the buyers' table, or the rows are not ascending.</exception>
    public static (DataFrame Buyers, long Customers) BuildBuyers(ISqlEngine engine, DateTime snapshot, FeatureTableOptions? options = null,
        IReadOnlyList<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options ??= FeatureTableOptions.Default;
        options.Validate();
        var sources = options.Sources ?? FeatureSources.Detect(engine);
        if (options.Aggregates?.TryBuyersTable(engine.Dialect, snapshot, options, sources, rows, out long customers) is { } held)
            return (SortByCustomerOrdinal(held), customers);
        var all = Build(engine, snapshot, options with { Sources = sources });
        var buyers = Buyers(all);
        if (rows is not null)
        {
            CheckRows(rows, buyers.Rows.Count);
            buyers = FrameColumns.CloneRows(buyers, rows);
        }
        return (buyers, all.Rows.Count);
    }

    /// <summary>Checks that <paramref name="rows"/> ascend strictly within a table of <paramref name="count"/> rows.</summary>
    internal static void CheckRows(IReadOnlyList<int> rows, long count)
    {
        for (int i = 0; i < rows.Count; i++)
            if (rows[i] < 0 || rows[i] >= count || (i > 0 && rows[i] <= rows[i - 1]))
                throw new ArgumentOutOfRangeException(nameof(rows), rows[i], $"Row {i} is {rows[i]}: the rows must ascend within the {count} buyers.");
    }

    /// <summary>The rows (in order) of customers with at least one purchase, i.e. with a <c>recency_days</c>; the frame itself when
    /// every customer has one.</summary>
    public static DataFrame Buyers(DataFrame features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var rows = BuyerRows(features);
        if (rows.Length == features.Rows.Count) return features;
        return new DataFrame(features.Columns.Select(c => FrameColumns.Take(c, rows)));
    }

    /// <summary>Rows (ascending) with a recency, i.e. customers with at least one purchase.</summary>
    internal static int[] BuyerRows(DataFrame features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var recency = features["recency_days"];
        int n = checked((int)features.Rows.Count);
        var rows = new List<int>(n);
        if (recency is PrimitiveDataFrameColumn<long> typed)
        {
            for (int i = 0; i < n; i++) if (typed.IsValid(i)) rows.Add(i);
        }
        else
        {
            for (int i = 0; i < n; i++) if (recency[i] is not null) rows.Add(i);
        }
        return rows.ToArray();
    }

    /// <summary>The SQL of the table for one dialect (rows in engine order; <see cref="Build"/> sorts them ordinally).</summary>
    public static string Render(SqlDialect d, DateTime snapshot, FeatureTableOptions options, FeatureSources sources)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sources);
        options.Validate();
        string end = d.Timestamp(snapshot.Date.AddDays(1));
        var (useFeedback, useCampaigns, useCustomers) = Uses(options, sources);
        bool Wants(string column) => options.Columns is null || column == "customer_id" || options.Columns.Contains(column);

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
            ctes.Add(("cust", CustomersCte(d, end) + only));
            idsSql = $"SELECT customer_id FROM {d.Cte("cust")} UNION ALL " + idsSql;
        }
        // One de-duplication (a UNION would make a second one).
        ctes.Add(("ids", $"SELECT DISTINCT customer_id FROM ({idsSql}) u"));
        if (useFeedback)
            ctes.Add(("fb", FeedbackCte(d, end, only)));
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

        var items = Items(d, snapshot, options, sources);
        var select = items.Select(item => $"{item.Expression} AS {item.Name}").ToList();
        var joins = new List<(string, string, IReadOnlyList<string>)> { (d.Cte("agg"), "a", CustomerAggregateQuery.Columns) };
        if (useCustomers) joins.Add((d.Cte("cust"), "c", DataModel.Customers.Columns.Select(c => c.Name).ToArray()));
        if (useFeedback) joins.Add((d.Cte("fb"), "f", ["csat_sum", "csat_n", "nps_sum", "nps_n", "complaints", "referrals"]));
        if (useCampaigns) joins.Add((d.Cte("resp"), "r", ["treated", "responded"]));

        return d.With(ctes, $"""
            SELECT {string.Join(",\n  ", select)}
            {d.FromLeftJoins((d.Cte("ids"), "i", ["customer_id"]), joins, "customer_id")}
            """);
    }

    /// <summary>Which of the optional joins the table reads: feedback, campaign responses, customers.</summary>
    internal static (bool Feedback, bool Campaigns, bool Customers) Uses(FeatureTableOptions options, FeatureSources sources)
    {
        bool Wants(string column) => options.Columns is null || options.Columns.Contains(column);
        return (sources.Feedback && FeedbackColumns.Any(Wants), sources.CampaignAssignments && Wants("campaign_response_rate"),
            sources.Customers && CustomerColumns.Any(Wants));
    }

    /// <summary>The customers counted at the snapshot (<paramref name="end"/> is the day after it, rendered).</summary>
    internal static string CustomersCte(SqlDialect d, string end) =>
        $"SELECT * FROM {d.Id("customers")} WHERE (signup_date IS NULL OR signup_date < {end})";

    /// <summary>The feedback sums per customer up to the snapshot (<paramref name="only"/>: a further condition, or empty).</summary>
    internal static string FeedbackCte(SqlDialect d, string end, string only = "") => $"""
        SELECT customer_id, sum(csat) AS csat_sum, count(csat) AS csat_n, sum(nps) AS nps_sum, count(nps) AS nps_n,
          {d.CountIf("complaint")} AS complaints, COALESCE(sum(referred_customers), 0) AS referrals
          FROM {d.Id("feedback")} WHERE {d.Id("date")} < {end}{only} GROUP BY customer_id
        """;

    /// <summary>Where a column's value comes from: the id, the aggregates (alias <c>a</c>), the customers (<c>c</c>), the feedback sums
    /// (<c>f</c>), the campaign responses (<c>r</c>), or a typed NULL.</summary>
    internal enum ItemSource { Id, Aggregates, Customers, Feedback, Campaigns, Null }

    /// <summary>One output column.</summary>
    /// <param name="Name">The column's name.</param>
    /// <param name="Expression">Its SQL expression over the joined aliases.</param>
    /// <param name="Source">Where its value comes from.</param>
    /// <param name="NullType">For a typed NULL, its SQL type (BIGINT, DOUBLE or VARCHAR).</param>
    internal readonly record struct Item(string Name, string Expression, ItemSource Source, string? NullType = null);

    /// <summary>The output columns the options ask for, in catalog order, with their expressions (<see cref="Render"/>'s select list).</summary>
    internal static IReadOnlyList<Item> Items(SqlDialect d, DateTime snapshot, FeatureTableOptions options, FeatureSources sources)
    {
        var (useFeedback, useCampaigns, useCustomers) = Uses(options, sources);
        string dbl = d.DoubleType;
        string Ratio(string numerator, string denominator) =>
            $"CAST({numerator} AS {dbl}) / CAST(NULLIF({denominator}, 0) AS {dbl})";
        string orders = "COALESCE(a.orders, 0)";
        string frequency = "COALESCE(a.purchase_days, 0)";
        string net = "COALESCE(a.net_amount, 0)";
        string monetary = options.Monetary == MonetaryMeasure.NetSpend
            ? d.ToDouble(net)
            : $"COALESCE({Ratio(net, "a.purchase_days")}, 0)";
        Item Agg(string name, string expression) => new(name, expression, ItemSource.Aggregates);
        Item Null(string name, string type) => new(name, d.NullOf(type), ItemSource.Null, type == dbl ? "DOUBLE" : type);
        Item Customer(string column, string type) => useCustomers ? new(column, $"c.{d.Id(column)}", ItemSource.Customers) : Null(column, type);
        Item Feedback(string name, string expression, string type) => useFeedback ? new(name, expression, ItemSource.Feedback) : Null(name, type);
        var items = new List<Item>
        {
            new("customer_id", "i.customer_id", ItemSource.Id),
            Agg("recency_days", "a.recency_days"),
            Agg("frequency", d.ToBigInt(frequency)),
            Agg("monetary", monetary),
            Agg("tenure_days", "a.tenure_days"),
            Agg("orders", d.ToBigInt(orders)),
            Agg("avg_order_value", Ratio("a.gross_amount", "a.orders")),
            Agg("mean_interpurchase_days", $"(CASE WHEN a.purchase_days > 1 THEN {Ratio(d.DaysBetween("a.first_purchase", "a.last_purchase"), "a.purchase_days - 1")} END)"),
            // Missing is not zero: a share over purchases whose channel / category is unknown is missing, not 0 %.
            Agg("online_share", Ratio("a.online_orders", "a.channel_orders")),
            sources.Categories
                ? Agg("category_breadth", d.ToBigInt("(CASE WHEN a.category_orders > 0 OR COALESCE(a.orders, 0) = 0 THEN COALESCE(a.categories, 0) END)"))
                : Null("category_breadth", "BIGINT"),
            Agg("return_rate", Ratio("a.returns", "a.orders + a.returns")),
            Agg("category_loyalty", Ratio("a.top_category_orders", "a.category_orders")),
            sources.CampaignIds ? Agg("campaign_share", Ratio("a.campaign_orders", "a.orders")) : Null("campaign_share", dbl),
            useCampaigns ? new("campaign_response_rate", Ratio("r.responded", "r.treated"), ItemSource.Campaigns) : Null("campaign_response_rate", dbl),
            Feedback("csat_mean", Ratio("f.csat_sum", "f.csat_n"), dbl),
            Feedback("nps_mean", Ratio("f.nps_sum", "f.nps_n"), dbl),
            Feedback("complaints", d.ToBigInt("COALESCE(f.complaints, 0)"), "BIGINT"),
            Feedback("referrals", d.ToBigInt("COALESCE(f.referrals, 0)"), "BIGINT"),
            useCustomers ? new("age", d.ToBigInt($"{snapshot.Year} - c.birth_year"), ItemSource.Customers) : Null("age", "BIGINT"),
            Customer("gender", "VARCHAR"),
            Customer("income", dbl),
            Customer("occupation", "VARCHAR"),
            Customer("education", "VARCHAR"),
            Customer("region", "VARCHAR"),
            Customer("city_tier", "BIGINT"),
            Customer("company_size", "VARCHAR"),
            Customer("industry", "VARCHAR"),
            Customer("lifestyle", "VARCHAR"),
            Customer("price_sensitivity", "BIGINT"),
        };
        // Only the asked-for columns (in catalog order).
        return items.Where(item => options.Columns is null || item.Name == "customer_id" || options.Columns.Contains(item.Name)).ToArray();
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
