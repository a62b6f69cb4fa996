using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Segmenting;

/// <summary>A fitted <see cref="LifecycleClassifier"/>: the options and the population median interval; classifies by the rules listed there.</summary>
/// <param name="Options">The rule parameters.</param>
/// <param name="PopulationMedianIntervalDays">M: median mean-interval (days) of the fitted customers with ≥ 2 occasions; null when none.</param>
/// <param name="Customers">Number of customers fitted.</param>
/// <param name="Counts">Fitted customers per stage (index = <see cref="LifecycleStage"/>).</param>
public sealed record LifecycleModel(LifecycleOptions Options, double? PopulationMedianIntervalDays, long Customers, EquatableArray<long> Counts)
    : FittedModel<LifecycleModel>
{
    /// <summary>The stage of one customer (rules tried in order; see <see cref="LifecycleClassifier"/>).</summary>
    public LifecycleStage Classify(LifecycleActivity customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        customer.Validate(0, nameof(customer));
        return Stage(customer);
    }

    /// <summary>The stage of each customer.</summary>
    public LifecycleStage[] Classify(IReadOnlyList<LifecycleActivity> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var stages = new LifecycleStage[customers.Count];
        for (int i = 0; i < stages.Length; i++)
        {
            customers[i].Validate(i, nameof(customers));
            stages[i] = Stage(customers[i]);
        }
        return stages;
    }

    /// <summary>The stage of each row of a customer feature table.</summary>
    public LifecycleStage[] Classify(DataFrame featureTable) => Classify(LifecycleClassifier.Activities(featureTable));

    private LifecycleStage Stage(LifecycleActivity c)
    {
        if (c.Occasions == 0) return LifecycleStage.Prospect;
        double recency = c.RecencyDays!.Value;
        if (c.TenureDays!.Value <= Options.NewWithinDays) return LifecycleStage.New;
        double? interval = c.Occasions >= 2 ? c.MeanIntervalDays : PopulationMedianIntervalDays;
        if (recency > Options.LostAfterDays || (interval is { } i1 && recency > Options.LostFactor * i1)) return LifecycleStage.Lost;
        if (interval is { } i2 && recency > Options.AtRiskFactor * i2) return LifecycleStage.AtRisk;
        if (c.Occasions >= Options.LoyalOccasions) return LifecycleStage.Loyal;
        if (c.Occasions >= 2) return LifecycleStage.Repeat;
        return LifecycleStage.New;
    }

    /// <summary>The name of a stage (<c>zh</c> or <c>en</c>).</summary>
    public static string Label(LifecycleStage stage, string language = "zh") => LifecycleStageLabels.Label(stage, language);

    /// <summary>Parameters and the fitted stage counts (invariant culture, English names).</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"Lifecycle, n = {Customers}, median interval {PopulationMedianIntervalDays?.ToString("G6", CultureInfo.InvariantCulture) ?? "n/a"} days");
        foreach (var stage in Enum.GetValues<LifecycleStage>())
            s.Append(CultureInfo.InvariantCulture, $"\n  {Label(stage, "en")}: {Counts[(int)stage]}");
        return s.ToString();
    }
}
