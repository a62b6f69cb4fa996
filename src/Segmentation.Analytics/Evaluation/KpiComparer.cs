using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Compares the KPIs of two periods of a <see cref="KpiTable"/> per segment, with the test each KPI's definition names:
/// two-proportion z-test for rates (active, repeat, retention, churn, satisfied, complaint), Welch t-test for per-customer means
/// (revenue per customer over all customers of the segment, mean CSAT over responses), and a seeded bootstrap for ratios (NPS from
/// the response counts; average order value and purchase frequency from the per-customer samples when the table carries them).
/// </summary>
/// <remarks>The two periods' groups overlap (largely the same customers), so the tests treat them as independent samples: an
/// approximation that is conservative for positively correlated periods. Counts, money totals, CLV and market share are shown
/// without a test.</remarks>
public static class KpiComparer
{
    /// <summary>Compares period <paramref name="current"/> with period <paramref name="reference"/> for every segment and the total.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A period index is outside the table.</exception>
    public static IReadOnlyList<KpiComparison> Compare(KpiTable table, int current, int reference, ComparisonKind kind, int seed = 0,
                                                       int replicates = BootstrapTest.DefaultReplicates, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (current < 0 || current >= table.Periods.Count) throw new ArgumentOutOfRangeException(nameof(current), current, $"must be in 0..{table.Periods.Count - 1}.");
        if (reference < 0 || reference >= table.Periods.Count) throw new ArgumentOutOfRangeException(nameof(reference), reference, $"must be in 0..{table.Periods.Count - 1}.");
        var keys = table.Segments.Select(s => s.Key).Append(KpiRow.AllCustomers).ToArray();
        var definitions = KpiDefinitions.All;
        // Every (segment, KPI) test draws from its own seeded generator, so they run in parallel with the same results as in
        // sequence (the bootstraps of groups below BootstrapTest.LargeSample dominate the time).
        var rowsA = keys.Select(k => table.Row(k, current)).ToArray();
        var rowsB = keys.Select(k => table.Row(k, reference)).ToArray();
        var samplesA = keys.Select(k => table.Sample(k, current)).ToArray();
        var samplesB = keys.Select(k => table.Sample(k, reference)).ToArray();
        var changes = new KpiChange[keys.Length * definitions.Count];
        Parallel.For(0, changes.Length, i =>
        {
            int k = i / definitions.Count;
            var def = definitions[i % definitions.Count];
            int s = unchecked(seed * 7919 + k * 104729 + (int)kind);
            changes[i] = new KpiChange(def.Key, rowsA[k].Value(def.Key), rowsB[k].Value(def.Key),
                Test(def, rowsA[k], rowsB[k], samplesA[k], samplesB[k], s, replicates, confidence));
        });
        return keys.Select((key, k) => new KpiComparison(kind, key, rowsA[k].Period, rowsB[k].Period,
            changes.AsSpan(k * definitions.Count, definitions.Count).ToArray())).ToArray();
    }

    private static DifferenceEstimate? Test(KpiDefinition def, KpiRow a, KpiRow b, CustomerSample? sa, CustomerSample? sb, int seed, int replicates, double confidence)
    {
        KpiCounts x = a.Counts, y = b.Counts;
        switch (def.Key)
        {
            case "active_rate": return Proportion(x.ActiveCustomers, x.Customers, y.ActiveCustomers, y.Customers, confidence);
            case "repeat_purchase_rate": return Proportion(x.RepeatCustomers, x.ActiveCustomers, y.RepeatCustomers, y.ActiveCustomers, confidence);
            case "retention_rate": return Proportion(x.RetainedCustomers, x.PreviousActiveCustomers, y.RetainedCustomers, y.PreviousActiveCustomers, confidence);
            case "churn_rate": return Proportion(x.ChurnedCustomers, x.LiveAtStart, y.ChurnedCustomers, y.LiveAtStart, confidence);
            case "satisfied_share": return Proportion(x.SatisfiedResponses, x.CsatResponses, y.SatisfiedResponses, y.CsatResponses, confidence);
            case "complaint_rate": return Proportion(x.Complaints, x.SurveyResponses, y.Complaints, y.SurveyResponses, confidence);
            case "revenue_per_customer":
                return x.Customers >= 2 && y.Customers >= 2
                    ? WelchTest.FromSums(x.Customers, x.Revenue, x.RevenueSquares, y.Customers, y.Revenue, y.RevenueSquares, confidence).Difference : null;
            case "csat_mean":
                return x.CsatResponses >= 2 && y.CsatResponses >= 2
                    ? WelchTest.FromSums(x.CsatResponses, x.CsatSum, x.CsatSquares, y.CsatResponses, y.CsatSum, y.CsatSquares, confidence).Difference : null;
            case "nps":
                return x.NpsResponses >= 2 && y.NpsResponses >= 2
                    ? BootstrapTest.NetPromoterDifference(x.Promoters, x.NpsResponses - x.Promoters - x.Detractors, x.Detractors,
                        y.Promoters, y.NpsResponses - y.Promoters - y.Detractors, y.Detractors, seed, replicates, confidence)
                    : null;
            // Groups carried as sums only are above BootstrapTest.LargeSample, as is then the group they are compared with
            // (KpiCalculator keeps a segment's customers when any of its periods is small): the delta method from the sums.
            case "average_order_value":
                if (sa is not { Count: >= 2 } || sb is not { Count: >= 2 }) return null;
                if (sa.Moments is not null || sb.Moments is not null)
                {
                    RatioMoments ma = sa.Sums(), mb = sb.Sums();
                    return BootstrapTest.RatioDifference((ma.Count, ma.Gross, ma.Orders, ma.GrossSquares, ma.OrdersSquares, ma.OrdersGross),
                        (mb.Count, mb.Gross, mb.Orders, mb.GrossSquares, mb.OrdersSquares, mb.OrdersGross), confidence);
                }
                return BootstrapTest.RatioDifference(sa.GrossSales, sa.Orders, sb.GrossSales, sb.Orders, seed + 1, replicates, confidence);
            case "purchase_frequency":
                if (sa is not { Count: >= 2 } || sb is not { Count: >= 2 }) return null;
                if (sa.Moments is not null || sb.Moments is not null)
                {
                    RatioMoments ma = sa.Sums(), mb = sb.Sums();
                    return BootstrapTest.RatioDifference((ma.Count, ma.Orders, ma.Count, ma.OrdersSquares, ma.Count, ma.Orders),
                        (mb.Count, mb.Orders, mb.Count, mb.OrdersSquares, mb.Count, mb.Orders), confidence);
                }
                return BootstrapTest.RatioDifference(sa.Orders, Ones(sa.Count), sb.Orders, Ones(sb.Count), seed + 2, replicates, confidence);
            default: return null;
        }
    }

    private static double[] Ones(int n)
    {
        var a = new double[n];
        Array.Fill(a, 1.0);
        return a;
    }

    private static DifferenceEstimate? Proportion(long xa, long na, long xb, long nb, double confidence) =>
        na >= 1 && nb >= 1 ? TwoProportionTest.Compute(xa, na, xb, nb, confidence).Difference : null;
}
