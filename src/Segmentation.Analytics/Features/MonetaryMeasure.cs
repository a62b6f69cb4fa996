namespace Segmentation.Analytics.Features;

/// <summary>What the <c>monetary</c> feature of the customer feature table measures.</summary>
public enum MonetaryMeasure
{
    /// <summary>Net spend up to the snapshot: purchases minus returns, in the currency of <c>amount</c>.</summary>
    NetSpend,

    /// <summary>Net spend divided by the number of purchase occasions (currency per occasion; 0 for customers without purchases).</summary>
    AveragePerOccasion,
}
