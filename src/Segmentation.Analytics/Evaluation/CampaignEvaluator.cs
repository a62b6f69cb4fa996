using Segmentation.Analytics.Data.Sql;

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
        return engine.Read($"SELECT campaign_id, name, target_segment, CAST({d.Id("start")} AS TIMESTAMP), CAST({d.Id("end")} AS TIMESTAMP), {d.ToDouble("cost")} FROM campaigns ORDER BY campaign_id", r =>
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
        if (!EngineTables.Has(engine, "campaigns") || !EngineTables.Has(engine, "campaign_assignments")) return [];
        EngineTables.Upload(engine, assignment);
        try
        {
            return Evaluate(engine, confidence, EngineTables.Segments);
        }
        finally
        {
            engine.Execute($"DROP TABLE IF EXISTS {engine.Dialect.Id(EngineTables.Segments)}");
        }
    }

    internal static IReadOnlyList<CampaignUplift> Evaluate(ISqlEngine engine, double confidence, string segmentsTable)
    {
        var campaigns = ReadCampaigns(engine);
        if (campaigns.Count == 0) return [];
        var outcomes = engine.Read(Render(engine.Dialect, campaigns, segmentsTable), r =>
        {
            var map = new Dictionary<(string, string), List<(int Days, double Gross, double Margin, int PreDays, double PreGross, double PreMargin)>>();
            while (r.Read())
            {
                var key = (r.GetString(0), r.GetString(1));
                if (!map.TryGetValue(key, out var list)) map[key] = list = [];
                list.Add(((int)Convert.ToInt64(r.GetValue(2)), r.GetDouble(3), r.GetDouble(4), (int)Convert.ToInt64(r.GetValue(5)), r.GetDouble(6), r.GetDouble(7)));
            }
            return map;
        });
        CampaignOutcomes? Group(string campaign, string group) =>
            outcomes.TryGetValue((campaign, group), out var l)
                ? new CampaignOutcomes(l.Select(x => x.Days).ToArray(), l.Select(x => x.Gross).ToArray(), l.Select(x => x.Margin).ToArray(),
                    l.Select(x => x.PreDays).ToArray(), l.Select(x => x.PreGross).ToArray(), l.Select(x => x.PreMargin).ToArray())
                : null;
        var result = new List<CampaignUplift>();
        foreach (var c in campaigns)
        {
            var treated = Group(c.CampaignId, "treatment");
            var control = Group(c.CampaignId, "control");
            var comparison = Group(c.CampaignId, "comparison");
            if (treated is not { Count: >= 2 }) continue;
            if (control is { Count: >= 2 }) result.Add(CampaignUpliftEstimator.Randomised(c, treated, control, confidence));
            else if (comparison is { Count: >= 2 }) result.Add(CampaignUpliftEstimator.DifferenceInDifferences(c, treated, comparison, confidence));
        }
        return result;
    }

    /// <summary>
    /// campaign_id, grp (treatment, control, comparison), purchase days, gross, margin in the window and in the pre-period, one row
    /// per customer ordered by campaign, group, customer. The comparison group exists only for campaigns without control: the
    /// customers of the treated customers' segments that the campaign did not assign.
    /// </summary>
    internal static string Render(SqlDialect d, IReadOnlyList<CampaignDefinition> campaigns, string segmentsTable, string transactions = "transactions")
    {
        string Ts(DateOnly x) => d.Timestamp(x.ToDateTime(TimeOnly.MinValue));
        var windows = string.Join(", ", campaigns.Select(c => $"({d.Str(c.CampaignId)}, {Ts(c.PreStart)}, {Ts(c.Start)}, {Ts(c.End.AddDays(1))})"));
        string during = "x.\"timestamp\" >= w.win_start AND NOT x.is_return";
        string pre = "x.\"timestamp\" < w.win_start AND NOT x.is_return";
        string day = "CAST(x.\"timestamp\" AS DATE)";
        string margin = $"{d.Money("x.amount")} - {d.Money("COALESCE(x.cost, 0)")}";
        string ca = d.Id("campaign_assignments"), seg = d.Id(segmentsTable), grp = d.Id("group");
        return $"""
            WITH w (campaign_id, pre_start, win_start, win_end) AS (VALUES {windows}),
            pop AS (
              SELECT a.campaign_id, a.customer_id, a.{grp} AS grp FROM {ca} a JOIN w ON a.campaign_id = w.campaign_id
              UNION ALL
              SELECT w.campaign_id, s.customer_id, 'comparison' FROM w
                JOIN (SELECT DISTINCT a.campaign_id, s.segment FROM {ca} a JOIN {seg} s ON a.customer_id = s.customer_id WHERE a.{grp} = 'treatment') ts
                  ON ts.campaign_id = w.campaign_id
                JOIN {seg} s ON s.segment = ts.segment
                WHERE NOT EXISTS (SELECT 1 FROM {ca} a WHERE a.campaign_id = w.campaign_id AND a.{grp} = 'control')
                  AND NOT EXISTS (SELECT 1 FROM {ca} a WHERE a.campaign_id = w.campaign_id AND a.customer_id = s.customer_id))
            SELECT p.campaign_id, p.grp,
              {d.ToBigInt(d.CountDistinctIf(day, during))} AS days,
              {d.ToDouble($"COALESCE({d.SumIf(d.Money("x.amount"), during)}, 0)")} AS gross,
              {d.ToDouble($"COALESCE({d.SumIf(margin, during)}, 0)")} AS margin,
              {d.ToBigInt(d.CountDistinctIf(day, pre))} AS pre_days,
              {d.ToDouble($"COALESCE({d.SumIf(d.Money("x.amount"), pre)}, 0)")} AS pre_gross,
              {d.ToDouble($"COALESCE({d.SumIf(margin, pre)}, 0)")} AS pre_margin
            FROM pop p JOIN w ON p.campaign_id = w.campaign_id
            LEFT JOIN {d.Id(transactions)} x ON x.customer_id = p.customer_id AND x."timestamp" >= w.pre_start AND x."timestamp" < w.win_end
            GROUP BY p.campaign_id, p.grp, p.customer_id
            ORDER BY p.campaign_id, p.grp, p.customer_id
            """;
    }
}
