namespace Segmentation.Experiments;

/// <summary>
/// What contacting one customer returns: incremental margin m·Δ per contact against its cost c, and the ROI
/// (m·Δ − c)/c with the interval carried over from the interval of Δ (the map is monotone in Δ).
/// </summary>
/// <param name="IncrementalMarginPerContact">m·Δ, money per contacted customer.</param>
/// <param name="NetPerContact">m·Δ − c.</param>
/// <param name="Roi">(m·Δ − c)/c; NaN when the contact is free.</param>
/// <param name="RoiLower">ROI at the lower bound of Δ.</param>
/// <param name="RoiUpper">ROI at the upper bound of Δ.</param>
/// <param name="NetPer1000">1 000·(m·Δ − c): net money per 1 000 contacts.</param>
public sealed record ReturnOnInvestment(double IncrementalMarginPerContact, double NetPerContact, double Roi, double RoiLower, double RoiUpper, double NetPer1000)
{
    /// <summary>From a difference Δ with interval [lower, upper], the margin per unit and the cost per contact.</summary>
    public static ReturnOnInvestment Compute(double difference, double lower, double upper, EconomicsOptions economics)
    {
        ArgumentNullException.ThrowIfNull(economics);
        economics.Validate();
        double m = economics.Margin, c = economics.CostPerContact;
        double Roi(double delta) => c > 0 ? (m * delta - c) / c : double.NaN;
        return new ReturnOnInvestment(m * difference, m * difference - c, Roi(difference), Roi(lower), Roi(upper), 1000 * (m * difference - c));
    }
}
