using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Evaluation;

/// <summary>The uplift of a campaign from per-customer outcomes (the engine-free core of <see cref="CampaignEvaluator"/>).</summary>
public static class CampaignUpliftEstimator
{
    /// <summary>
    /// Randomised comparison: treatment − control. Conversion and repeat rate by the two-proportion z-test, revenue and profit per
    /// customer by Welch's t-test. Incremental revenue/profit = the per-customer difference × treated customers; ROI =
    /// (incremental profit − cost)/cost.
    /// </summary>
    /// <exception cref="ArgumentException">A group has fewer than 2 customers.</exception>
    public static CampaignUplift Randomised(CampaignDefinition campaign, CampaignOutcomes treated, CampaignOutcomes control, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        Check(treated, control);
        var conversion = TwoProportionTest.Compute(treated.Converted, treated.Count, control.Converted, control.Count, confidence);
        var repeat = TwoProportionTest.Compute(treated.Repeaters, treated.Count, control.Repeaters, control.Count, confidence);
        var revenue = WelchTest.Compute(treated.GrossSales, control.GrossSales, confidence);
        var profit = WelchTest.Compute(treated.Margin, control.Margin, confidence);
        return Build(campaign, EvidenceStrength.Randomised, treated.Count, control.Count, conversion.RateA, conversion.RateB,
            conversion.Difference, revenue.Difference, repeat.Difference, profit.Difference);
    }

    /// <summary>
    /// Difference-in-differences when there is no control group: each customer's change (window − pre-period of equal length) of
    /// treated customers against comparable untargeted customers (same segment); Welch's t-test on the per-customer changes
    /// (for conversion and repeat rate a linear-probability DiD). Quasi-experimental: valid under parallel trends only.
    /// </summary>
    /// <exception cref="ArgumentException">A group has fewer than 2 customers or no pre-period outcomes.</exception>
    public static CampaignUplift DifferenceInDifferences(CampaignDefinition campaign, CampaignOutcomes treated, CampaignOutcomes comparison, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        Check(treated, comparison);
        if (treated.PrePurchaseDays.Length != treated.Count || comparison.PrePurchaseDays.Length != comparison.Count)
            throw new ArgumentException("Difference-in-differences needs pre-period outcomes for every customer.", nameof(treated));
        double rateT = (double)treated.Converted / treated.Count, rateC = (double)comparison.Converted / comparison.Count;
        double preT = treated.PrePurchaseDays.Count(d => d >= 1) / (double)treated.Count;
        double preC = comparison.PrePurchaseDays.Count(d => d >= 1) / (double)comparison.Count;
        DifferenceEstimate Did(double[] t, double[] c, double counterfactual) =>
            WelchTest.Compute(t, c, confidence).Difference with { ReferenceValue = counterfactual };
        var conversion = Did(treated.ConversionChange(), comparison.ConversionChange(), preT + (rateC - preC));
        var repeat = Did(treated.RepeatChange(), comparison.RepeatChange(), double.NaN);
        var revenue = Did(treated.SalesChange(), comparison.SalesChange(), double.NaN);
        var profit = Did(treated.MarginChange(), comparison.MarginChange(), double.NaN);
        return Build(campaign, EvidenceStrength.QuasiExperimental, treated.Count, comparison.Count, rateT, rateC, conversion, revenue, repeat, profit);
    }

    private static CampaignUplift Build(CampaignDefinition campaign, EvidenceStrength evidence, int treated, int control, double rateT, double rateC,
        DifferenceEstimate conversion, DifferenceEstimate revenue, DifferenceEstimate repeat, DifferenceEstimate profit)
    {
        double incrementalRevenue = revenue.Estimate * treated, incrementalProfit = profit.Estimate * treated;
        double? roi = campaign.Cost > 0 ? (incrementalProfit - campaign.Cost) / campaign.Cost : null;
        return new CampaignUplift(campaign, evidence, treated, control, rateT, rateC, conversion, revenue, repeat, profit, incrementalRevenue, incrementalProfit, roi);
    }

    private static void Check(CampaignOutcomes a, CampaignOutcomes b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count < 2) throw new ArgumentException($"The treated group needs at least 2 customers; got {a.Count}.", nameof(a));
        if (b.Count < 2) throw new ArgumentException($"The control group needs at least 2 customers; got {b.Count}.", nameof(b));
    }
}
