using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Measures every campaign of the campaigns table on its assigned customers (campaign_assignments): per-customer outcomes in the
/// campaign window are aggregated in the engine (one SQL definition for every engine; one row per assigned customer leaves it), and
/// <see cref="CampaignUpliftEstimator"/> compares the groups. A campaign with a control group is evaluated as randomised; one
/// without (only treated customers) by difference-in-differences against the untargeted customers of the treated customers'
/// segments over a pre-period of equal length.
/// </summary>
public static class CampaignEvaluator
{
    /// <summary>The campaigns of the engine's campaigns table, by id.</summary>
    public static IReadOnlyList<CampaignDefinition> ReadCampaigns(ISqlEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var d = engine.Dialect;
        return engine.Read($"SELECT campaign_id, name, target_segment, CAST({d.Id("start")} AS {d.TimestampType}), CAST({d.Id("end")} AS {d.TimestampType}), {d.ToDouble("cost")} FROM campaigns ORDER BY campaign_id", r =>
        {
            var list = new List<CampaignDefinition>();
            while (r.Read())
                list.Add(new CampaignDefinition(r.GetString(0), r.GetString(1), r.GetString(2), DateOnly.FromDateTime(r.GetDateTime(3)), DateOnly.FromDateTime(r.GetDateTime(4)), r.GetDouble(5)));
            return list;
        });
    }

    /// <summary>Evaluates every campaign (campaigns without assigned customers, or with fewer than 2 per group, are skipped).</summary>
    /// <param name="engine">Engine with the campaigns, campaign_assignments and transactions tables.</param>
    /// <param name="assignment">Segments (for the comparison group of campaigns without control).</param>
    /// <param name="confidence">Interval level.</param>
    public static IReadOnlyList<CampaignUplift> Evaluate(ISqlEngine engine, SegmentAssignment assignment, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(assignment);
        if (!engine.HasTable("campaigns") || !engine.HasTable("campaign_assignments")) return [];
        var campaigns = ReadCampaigns(engine);
        if (campaigns.Count == 0) return [];
        var segmentOf = assignment.ToDictionary();
        var population = Populations(engine, campaigns, assignment, segmentOf);
        var landing = population.Where(p => p.Group == "treatment").GroupBy(p => p.Campaign, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => Modal(g.Where(p => segmentOf.ContainsKey(p.Customer)).GroupBy(p => segmentOf[p.Customer], StringComparer.Ordinal)
                .Select(s => (s.Key, (long)s.Count())), g.Count()), StringComparer.Ordinal);
        engine.CreateTextTable(Population, ["campaign_id", "customer_id", "grp"], population.Count,
            (i, c) => c switch { 0 => population[i].Campaign, 1 => population[i].Customer, _ => population[i].Group });
        return Measure(engine, engine, campaigns, landing, confidence);
    }

    /// <summary>
    /// <see cref="Evaluate(ISqlEngine, SegmentAssignment, double)"/> with the segments in an engine table <paramref name="segmentsTable"/>
    /// (customer_id, segment; <see cref="InEngineSegments"/>): the treated customers' segments and the comparison groups are found
    /// there and the population table is made there (split by customer like the data on a sharded engine), so no customer list
    /// travels to the engine; only the population's outcome rows come back. The same numbers as from the assignment itself.
    /// </summary>
    public static IReadOnlyList<CampaignUplift> Evaluate(ISqlEngine engine, string segmentsTable, IReadOnlyList<SegmentDefinition> segments, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentsTable);
        ArgumentNullException.ThrowIfNull(segments);
        if (!engine.HasTable("campaigns") || !engine.HasTable("campaign_assignments")) return [];
        var campaigns = ReadCampaigns(engine);
        if (campaigns.Count == 0) return [];
        var d = engine.Dialect;
        var local = InEngineSegments.PerShard(engine);
        string known = string.Join(", ", campaigns.Select(c => d.Str(c.CampaignId)));
        // Per campaign and group its customers, and per campaign the treated customers by their segment (summed over the shards).
        var groups = local.Read($"SELECT campaign_id, {d.Id("group")}, {d.ToBigInt("count(*)")} FROM campaign_assignments WHERE campaign_id IN ({known}) GROUP BY campaign_id, {d.Id("group")}", r =>
        {
            var list = new List<(string Campaign, string Group, long Count)>();
            while (r.Read()) list.Add((r.GetString(0), r.GetString(1), Convert.ToInt64(r.GetValue(2))));
            return list;
        });
        var treatedBySegment = local.Read($"""
            SELECT a.campaign_id, s.segment, {d.ToBigInt("count(*)")} FROM campaign_assignments a JOIN {d.Id(segmentsTable)} s ON s.customer_id = a.customer_id
            WHERE a.campaign_id IN ({known}) AND a.{d.Id("group")} = 'treatment' GROUP BY a.campaign_id, s.segment
            """, r =>
        {
            var list = new List<(string Campaign, string Segment, long Count)>();
            while (r.Read()) list.Add((r.GetString(0), r.GetString(1), Convert.ToInt64(r.GetValue(2))));
            return list;
        });
        var treated = groups.Where(g => g.Group == "treatment").GroupBy(g => g.Campaign, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal);
        var landing = treated.ToDictionary(t => t.Key, t => Modal(treatedBySegment.Where(x => x.Campaign == t.Key)
            .GroupBy(x => x.Segment, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(x => x.Count))), t.Value), StringComparer.Ordinal);
        // The population: the known campaigns' assigned customers; for a campaign without control, the untargeted customers of its
        // treated customers' segments (a customer's rows all live on one shard, so NOT IN is exact per shard).
        var withControl = groups.Where(g => g.Group == "control").Select(g => g.Campaign).ToHashSet(StringComparer.Ordinal);
        var parts = new List<string> { $"SELECT campaign_id, customer_id, {d.Id("group")} AS grp FROM campaign_assignments WHERE campaign_id IN ({known})" };
        foreach (var campaign in treated.Keys.Where(c => !withControl.Contains(c)).Order(StringComparer.Ordinal))
        {
            var inSegments = treatedBySegment.Where(x => x.Campaign == campaign).Select(x => x.Segment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (inSegments.Length == 0) continue;
            parts.Add($"SELECT {d.Str(campaign)} AS campaign_id, customer_id, 'comparison' AS grp FROM {d.Id(segmentsTable)} WHERE segment IN ({string.Join(", ", inSegments.Select(d.Str))}) "
                + $"AND customer_id NOT IN (SELECT customer_id FROM campaign_assignments WHERE campaign_id = {d.Str(campaign)})");
        }
        InEngineSegments.Create(engine, Population, string.Join(" UNION ALL ", parts));
        try
        {
            return Measure(engine, local, campaigns, landing, confidence, dropPopulation: false);
        }
        finally
        {
            InEngineSegments.Drop(engine, Population);
        }
    }

    // The modal segment of a campaign's treated customers and its share of them (ties to the ordinal-first key); none without any.
    private static (string? Segment, double Share) Modal(IEnumerable<(string Segment, long Count)> counts, long treated)
    {
        var ordered = counts.OrderByDescending(s => s.Count).ThenBy(s => s.Segment, StringComparer.Ordinal).ToArray();
        return ordered.Length == 0 ? (null, 0.0) : (ordered[0].Segment, (double)ordered[0].Count / treated);
    }

    /// <summary>Name of the uploaded campaign population table (campaign_id, customer_id, grp).</summary>
    internal const string Population = "eval_campaign_pop";

    // The campaigns measured on the population table (made by the caller; dropped here unless dropPopulation is false): `reader`
    // runs the per-customer outcome query (on a sharded engine, shard by shard).
    private static IReadOnlyList<CampaignUplift> Measure(ISqlEngine engine, ISqlEngine reader, IReadOnlyList<CampaignDefinition> campaigns,
        Dictionary<string, (string? Segment, double Share)> landing, double confidence, bool dropPopulation = true)
    {
        List<(string Campaign, string Group, string Customer, int Days, double Gross, double Margin, int PreDays, double PreGross, double PreMargin)> rows;
        try
        {
            rows = reader.Read(Render(engine.Dialect, campaigns, Population), r =>
            {
                var list = new List<(string, string, string, int, double, double, int, double, double)>();
                while (r.Read())
                    list.Add((r.GetString(0), r.GetString(1), r.GetString(2), (int)Convert.ToInt64(r.GetValue(3)), r.GetDouble(4), r.GetDouble(5),
                        (int)Convert.ToInt64(r.GetValue(6)), r.GetDouble(7), r.GetDouble(8)));
                return list;
            });
        }
        finally
        {
            if (dropPopulation) engine.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(Population)}");
        }
        // Ordinal order (engines order text by their own collations).
        rows.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Campaign, b.Campaign);
            if (c == 0) c = string.CompareOrdinal(a.Group, b.Group);
            return c != 0 ? c : string.CompareOrdinal(a.Customer, b.Customer);
        });
        var outcomes = rows.GroupBy(x => (x.Campaign, x.Group)).ToDictionary(g => g.Key, g => g.ToList());
        CampaignOutcomes? Group(string campaign, string group) =>
            outcomes.TryGetValue((campaign, group), out var l)
                ? new CampaignOutcomes(l.Select(x => x.Days).ToArray(), l.Select(x => x.Gross).ToArray(), l.Select(x => x.Margin).ToArray(),
                    l.Select(x => x.PreDays).ToArray(), l.Select(x => x.PreGross).ToArray(), l.Select(x => x.PreMargin).ToArray())
                : null;
        // Where each campaign's treated customers sit now (the modal segment and its share; ties to the ordinal-first key).
        (string? Segment, double Share) Landing(string campaign) => landing.TryGetValue(campaign, out var l) ? l : (null, 0);
        var result = new List<CampaignUplift>();
        foreach (var c in campaigns)
        {
            var treated = Group(c.CampaignId, "treatment");
            var control = Group(c.CampaignId, "control");
            var comparison = Group(c.CampaignId, "comparison");
            if (treated is not { Count: >= 2 }) continue;
            var (segment, share) = Landing(c.CampaignId);
            if (control is { Count: >= 2 })
                result.Add(CampaignUpliftEstimator.Randomised(c, treated, control, confidence) with { TreatedSegment = segment, TreatedSegmentShare = share });
            else if (comparison is { Count: >= 2 })
                result.Add(CampaignUpliftEstimator.DifferenceInDifferences(c, treated, comparison, confidence) with { TreatedSegment = segment, TreatedSegmentShare = share });
        }
        return result;
    }

    /// <summary>
    /// Who is measured: every assigned customer of a known campaign in their group (treatment, control); and, for a campaign without
    /// control, the comparison group — the customers of the treated customers' segments that the campaign did not assign.
    /// </summary>
    private static List<(string Campaign, string Customer, string Group)> Populations(ISqlEngine engine, IReadOnlyList<CampaignDefinition> campaigns,
        SegmentAssignment assignment, IReadOnlyDictionary<string, string> segmentOf)
    {
        var d = engine.Dialect;
        var known = campaigns.Select(c => c.CampaignId).ToHashSet(StringComparer.Ordinal);
        var assigned = engine.Read($"SELECT campaign_id, customer_id, {d.Id("group")} FROM campaign_assignments", r =>
        {
            var list = new List<(string Campaign, string Customer, string Group)>();
            while (r.Read())
                if (known.Contains(r.GetString(0))) list.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
            return list;
        });
        var population = new List<(string Campaign, string Customer, string Group)>(assigned);
        foreach (var campaign in assigned.GroupBy(a => a.Campaign).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (campaign.Any(a => a.Group == "control")) continue;
            var members = campaign.Select(a => a.Customer).ToHashSet(StringComparer.Ordinal);
            var segments = campaign.Where(a => a.Group == "treatment" && segmentOf.ContainsKey(a.Customer)).Select(a => segmentOf[a.Customer]).ToHashSet(StringComparer.Ordinal);
            for (int i = 0; i < assignment.Count; i++)
                if (segments.Contains(assignment.SegmentKeys[i]) && !members.Contains(assignment.CustomerIds[i]))
                    population.Add((campaign.Key, assignment.CustomerIds[i], "comparison"));
        }
        return population;
    }

    /// <summary>
    /// campaign_id, grp, customer_id, purchase days, gross, margin in the window and in the pre-period: one row per customer of the
    /// population table (output names differ from the joined columns: ClickHouse resolves an alias before a qualified column).
    /// Transactions are first summed per customer × day over the whole span of the windows (where they live:
    /// on a cluster, on each shard), then joined to the population, so every condition is an equality join plus filters.
    /// </summary>
    internal static string Render(SqlDialect d, IReadOnlyList<CampaignDefinition> campaigns, string populationTable, string transactions = "transactions")
    {
        string Day(DateOnly x) => $"CAST({d.Timestamp(x.ToDateTime(TimeOnly.MinValue))} AS DATE)";
        string Window(Func<CampaignDefinition, DateOnly> bound) =>
            $"CASE {string.Join(" ", campaigns.Select(c => $"WHEN campaign_id = {d.Str(c.CampaignId)} THEN {Day(bound(c))}"))} END";
        var first = campaigns.Min(c => c.PreStart);
        var last = campaigns.Max(c => c.End.AddDays(1));
        string during = "x.day >= p.win_start AND x.day < p.win_end";
        string pre = "x.day >= p.pre_start AND x.day < p.win_start";
        return $"""
            SELECT p.campaign_id, p.grp, p.customer_id,
              {d.ToBigInt(d.CountIf(during))} AS days,
              {d.ToDouble($"COALESCE({d.SumIf("x.gross", during)}, 0)")} AS window_gross,
              {d.ToDouble($"COALESCE({d.SumIf("x.margin", during)}, 0)")} AS window_margin,
              {d.ToBigInt(d.CountIf(pre))} AS pre_days,
              {d.ToDouble($"COALESCE({d.SumIf("x.gross", pre)}, 0)")} AS pre_gross,
              {d.ToDouble($"COALESCE({d.SumIf("x.margin", pre)}, 0)")} AS pre_margin
            FROM (
              SELECT campaign_id, customer_id, grp, {Window(c => c.PreStart)} AS pre_start, {Window(c => c.Start)} AS win_start,
                {Window(c => c.End.AddDays(1))} AS win_end
              FROM {d.Id(populationTable)}) p
            LEFT JOIN (
              SELECT customer_id, CAST("timestamp" AS DATE) AS day, sum({d.Money("amount")}) AS gross,
                sum({d.Money("amount")} - {d.Money("COALESCE(cost, 0)")}) AS margin
              FROM {d.Id(transactions)}
              WHERE NOT is_return AND "timestamp" >= {d.Timestamp(first.ToDateTime(TimeOnly.MinValue))} AND "timestamp" < {d.Timestamp(last.ToDateTime(TimeOnly.MinValue))}
              GROUP BY customer_id, CAST("timestamp" AS DATE)) x ON x.customer_id = p.customer_id
            GROUP BY p.campaign_id, p.grp, p.customer_id
            """;
    }
}
