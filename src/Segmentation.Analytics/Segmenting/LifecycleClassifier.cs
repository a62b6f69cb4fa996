using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// Customer lifecycle stages from purchase history at a snapshot. Fit learns the population's median purchase interval
/// (used for one-time buyers); the <see cref="LifecycleModel"/> classifies customers by rules tried in a stated order.
/// </summary>
/// <remarks>
/// Symbols: n = purchase occasions, r = recency days, t = tenure days (since the first purchase), ī = the customer's mean
/// interval between occasions, M = the median of ī over the fitted customers with n ≥ 2. The reference interval is
/// I = ī when n ≥ 2, else I = M (undefined when no fitted customer has n ≥ 2; rules using I are then skipped).
/// Options: N = NewWithinDays (90), F = LoyalOccasions (5), k = AtRiskFactor (2), m = LostFactor (4), L = LostAfterDays (365).
/// <list type="table">
/// <listheader><term>order · stage</term><description>condition (the first rule that holds wins)</description></listheader>
/// <item><term>1 · Prospect 潜在客户</term><description>n = 0 (registered, no purchase).</description></item>
/// <item><term>2 · New 新客户</term><description>t ≤ N: the first purchase is at most N days old (whatever else holds).</description></item>
/// <item><term>3 · Lost 已流失客户</term><description>r &gt; L, or r &gt; m·I.</description></item>
/// <item><term>4 · At risk 流失风险客户</term><description>r &gt; k·I.</description></item>
/// <item><term>5 · Loyal 忠诚客户</term><description>n ≥ F (and, by the order, active: not lost, not at risk).</description></item>
/// <item><term>6 · Repeat 回头客</term><description>n ≥ 2.</description></item>
/// <item><term>7 · New 新客户</term><description>otherwise (n = 1): a one-time buyer past the new window but not yet overdue.</description></item>
/// </list>
/// Boundaries: every comparison with a limit is strict (r = k·I is not yet at risk; r = L is not yet lost), and t = N is still new.
/// </remarks>
public sealed class LifecycleClassifier(LifecycleOptions? options = null) : IEstimator<IReadOnlyList<LifecycleActivity>, LifecycleModel>
{
    private readonly LifecycleOptions options = options ?? new();

    /// <summary>The options in use.</summary>
    public LifecycleOptions Options => options;

    /// <summary>Learns the population median interval from <paramref name="customers"/> (not modified).</summary>
    /// <exception cref="ArgumentException">Bad options (named), no customer, or an inconsistent customer record (index given).</exception>
    public LifecycleModel Fit(IReadOnlyList<LifecycleActivity> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options.Validate();
        if (customers.Count == 0) throw new ArgumentException("customers is empty; fitting needs at least one customer.", nameof(customers));
        for (int i = 0; i < customers.Count; i++) customers[i].Validate(i, nameof(customers));
        var intervals = customers.Where(c => c.Occasions >= 2).Select(c => c.MeanIntervalDays!.Value).ToArray();
        double? median = null;
        if (intervals.Length > 0)
        {
            Array.Sort(intervals);
            median = RobustScaler.Median(intervals);
        }
        var rules = new LifecycleModel(options, median, customers.Count, []);
        var counts = new long[Enum.GetValues<LifecycleStage>().Length];
        foreach (var stage in rules.Classify(customers)) counts[(int)stage]++;
        return rules with { Counts = counts };
    }

    /// <summary>Fits on a customer feature table (<see cref="CustomerFeatureTable"/>): columns frequency, recency_days, tenure_days, mean_interpurchase_days.</summary>
    public LifecycleModel Fit(DataFrame featureTable) => Fit(Activities(featureTable));

    /// <summary>Reads the four lifecycle columns of a feature table.</summary>
    /// <exception cref="ArgumentException">A column is missing or not numeric.</exception>
    public static IReadOnlyList<LifecycleActivity> Activities(DataFrame featureTable)
    {
        ArgumentNullException.ThrowIfNull(featureTable);
        var n = FrameColumns.Numbers(featureTable, "frequency", nameof(featureTable));
        var r = FrameColumns.Numbers(featureTable, "recency_days", nameof(featureTable));
        var t = FrameColumns.Numbers(featureTable, "tenure_days", nameof(featureTable));
        var m = FrameColumns.Numbers(featureTable, "mean_interpurchase_days", nameof(featureTable));
        static double? Value(double x) => double.IsNaN(x) ? null : x;
        var list = new LifecycleActivity[n.Length];
        for (int i = 0; i < n.Length; i++)
        {
            if (double.IsNaN(n[i])) throw new ArgumentException($"Column 'frequency' is missing at row {i}.", nameof(featureTable));
            list[i] = new LifecycleActivity((long)n[i], Value(r[i]), Value(t[i]), Value(m[i]));
        }
        return list;
    }

    /// <summary>The rule table for <paramref name="options"/> (numbers filled in), in the order the rules are tried.</summary>
    public static IReadOnlyList<LifecycleRule> Rules(LifecycleOptions? options = null)
    {
        var o = options ?? new LifecycleOptions();
        string k = o.AtRiskFactor.ToString(CultureInfo.InvariantCulture), m = o.LostFactor.ToString(CultureInfo.InvariantCulture);
        return
        [
            new(1, LifecycleStage.Prospect, "no purchase occasion (registered only)", "已注册但尚无购买"),
            new(2, LifecycleStage.New, $"first purchase at most {o.NewWithinDays} days before the snapshot", $"首次购买在快照日前 {o.NewWithinDays} 天以内"),
            new(3, LifecycleStage.Lost, $"recency > {o.LostAfterDays} days, or recency > {m} × purchase interval", $"距上次购买超过 {o.LostAfterDays} 天，或超过购买间隔的 {m} 倍"),
            new(4, LifecycleStage.AtRisk, $"recency > {k} × purchase interval", $"距上次购买超过购买间隔的 {k} 倍"),
            new(5, LifecycleStage.Loyal, $"at least {o.LoyalOccasions} purchase occasions (and active)", $"购买次数不少于 {o.LoyalOccasions} 次且仍活跃"),
            new(6, LifecycleStage.Repeat, "at least 2 purchase occasions (and active)", "购买次数不少于 2 次且仍活跃"),
            new(7, LifecycleStage.New, "one purchase occasion, not yet overdue", "仅购买一次且尚未逾期"),
        ];
    }
}
