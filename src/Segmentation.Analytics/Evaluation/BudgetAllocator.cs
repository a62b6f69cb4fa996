using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Splits a marketing budget across segments by value, potential and measured campaign ROI:
/// shareₛ = (w_v·vₛ + w_p·pₛ + w_r·rₛ) / (w_v + w_p + w_r), where vₛ = max(0, valueₛ)/Σ, pₛ = max(0, CLVₛ)/Σ and
/// rₛ = max(0, ROIₛ)/Σ; a segment without a measured ROI gets the mean max(0, ROI) of the measured ones (neutral). A component
/// whose total is 0 (e.g. no ROI measured) drops out and the remaining weights are renormalised; if every component is 0 the
/// budget is split equally. Amounts are rounded to cents by the largest-remainder method (ties in segment order), so they sum
/// exactly to the budget.
/// </summary>
public static class BudgetAllocator
{
    /// <summary>Allocates <paramref name="budget"/> (≥ 0, at most 2 decimals used).</summary>
    /// <exception cref="ArgumentException">The budget is negative, no segment is given, a key repeats, or the weights are invalid.</exception>
    public static BudgetAllocation Allocate(decimal budget, IReadOnlyList<SegmentBudgetInput> segments, BudgetWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (budget < 0) throw new ArgumentOutOfRangeException(nameof(budget), budget, "The budget must be ≥ 0.");
        if (segments.Count == 0) throw new ArgumentException("At least one segment is required.", nameof(segments));
        if (segments.Select(s => s.Segment).Distinct(StringComparer.Ordinal).Count() != segments.Count)
            throw new ArgumentException("Segment keys must be unique.", nameof(segments));
        weights ??= new BudgetWeights();
        weights.Validate();
        int n = segments.Count;
        var v = Shares(segments.Select(s => s.Value));
        var p = Shares(segments.Select(s => s.Potential));
        var measured = segments.Where(s => s.Roi is { } r && double.IsFinite(r)).Select(s => Math.Max(0, s.Roi!.Value)).ToArray();
        double neutral = measured.Length > 0 ? measured.Average() : 0;
        var r = Shares(segments.Select(s => s.Roi is { } x && double.IsFinite(x) ? Math.Max(0, x) : neutral));
        double wv = v is null ? 0 : weights.Value, wp = p is null ? 0 : weights.Potential, wr = r is null ? 0 : weights.Roi;
        double wsum = wv + wp + wr;
        var share = new double[n];
        for (int i = 0; i < n; i++)
            share[i] = wsum > 0 ? (wv * (v?[i] ?? 0) + wp * (p?[i] ?? 0) + wr * (r?[i] ?? 0)) / wsum : 1.0 / n;

        long cents = (long)decimal.Round(budget * 100, MidpointRounding.AwayFromZero);
        var amount = new long[n];
        var remainder = new (double Fraction, int Index)[n];
        for (int i = 0; i < n; i++)
        {
            double exact = share[i] * cents;
            amount[i] = (long)Math.Floor(exact);
            remainder[i] = (exact - amount[i], i);
        }
        long left = cents - amount.Sum();
        foreach (var (_, i) in remainder.OrderByDescending(x => x.Fraction).ThenBy(x => x.Index).Take((int)Math.Max(0, left))) amount[i]++;

        var effective = new BudgetWeights(wsum > 0 ? wv / wsum : 0, wsum > 0 ? wp / wsum : 0, wsum > 0 ? wr / wsum : 0);
        var rows = segments.Select((s, i) => new SegmentBudget(s.Segment, v?[i] ?? 0, p?[i] ?? 0, r?[i] ?? 0, share[i], amount[i] / 100m)).ToArray();
        string W(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
        string ruleEn = wsum > 0
            ? $"Each segment's share = {W(effective.Value)} × its share of net revenue + {W(effective.Potential)} × its share of lifetime value (CLV) + {W(effective.Roi)} × its share of positive measured campaign ROI (segments without a measured campaign get the average); amounts rounded to cents so they add up to the budget."
            : "No value, potential or ROI information: the budget is split equally.";
        string ruleZh = wsum > 0
            ? $"各细分预算占比 = {W(effective.Value)} × 净收入占比 + {W(effective.Potential)} × 客户终身价值（CLV）占比 + {W(effective.Roi)} × 已测活动正 ROI 占比（未测活动的细分取平均值）；金额按分取整，合计等于总预算。"
            : "缺少价值、潜力和 ROI 信息：预算平均分配。";
        return new BudgetAllocation(budget, effective, rows, ruleZh, ruleEn);
    }

    /// <summary>max(0, x)/Σ max(0, x); null when the sum is 0.</summary>
    private static double[]? Shares(IEnumerable<double> values)
    {
        var x = values.Select(v => double.IsFinite(v) ? Math.Max(0, v) : 0).ToArray();
        double sum = x.Sum();
        return sum > 0 ? x.Select(v => v / sum).ToArray() : null;
    }
}
