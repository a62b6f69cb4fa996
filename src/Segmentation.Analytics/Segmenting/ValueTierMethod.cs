namespace Segmentation.Analytics.Segmenting;

/// <summary>How <see cref="ValueTiering"/> draws the tier boundaries.</summary>
public enum ValueTierMethod
{
    /// <summary>ABC (Pareto) analysis by cumulative share of total value: A = the top customers making the first 80 % of value, B the next 15 %, C the rest (shares configurable).</summary>
    Abc,

    /// <summary>Fixed value thresholds given in the options (e.g. annual spend ≥ 10 000 is high value).</summary>
    Thresholds,

    /// <summary>Thresholds at quantiles of the fitted values (e.g. the top 20 % of customers by value are high value).</summary>
    Quantiles,
}
