using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Segmenting;

/// <summary>Fitted value tiers: top when v ≥ <see cref="TopThreshold"/> (and v &gt; 0 for ABC), middle when v ≥ <see cref="MiddleThreshold"/>, else bottom.</summary>
/// <param name="Method">How the thresholds were drawn.</param>
/// <param name="Labels">The label scheme of outputs.</param>
/// <param name="TopThreshold">Lowest value of the top tier (+∞ when no customer can be in it).</param>
/// <param name="MiddleThreshold">Lowest value of the middle tier.</param>
/// <param name="Customers">Number of values fitted.</param>
/// <param name="Counts">Fitted customers per tier (index = <see cref="ValueTier"/>).</param>
/// <param name="ValueShares">Share of the total positive value per tier in the fitted data.</param>
public sealed record ValueTierModel(ValueTierMethod Method, ValueTierLabelScheme Labels, double TopThreshold, double MiddleThreshold,
    long Customers, EquatableArray<long> Counts, EquatableArray<double> ValueShares) : FittedModel<ValueTierModel>
{
    /// <summary>The tier of one value.</summary>
    public ValueTier Assign(double value)
    {
        if (double.IsNaN(value)) throw new ArgumentException("The value is NaN; impute missing values first.", nameof(value));
        bool eligible = Method != ValueTierMethod.Abc || value > 0;
        if (eligible && value >= TopThreshold) return ValueTier.Top;
        if (eligible && value >= MiddleThreshold) return ValueTier.Middle;
        return ValueTier.Bottom;
    }

    /// <summary>The tier of each value.</summary>
    public ValueTier[] Assign(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tiers = new ValueTier[values.Count];
        for (int i = 0; i < tiers.Length; i++)
        {
            if (double.IsNaN(values[i])) throw new ArgumentException($"values[{i}] is NaN; impute missing values first.", nameof(values));
            tiers[i] = Assign(values[i]);
        }
        return tiers;
    }

    /// <summary>The name of a tier under this model's label scheme (<c>zh</c> or <c>en</c>).</summary>
    public string Label(ValueTier tier, string language = "zh") => ValueTierLabels.Label(Labels, tier, language);

    /// <summary>Thresholds and the fitted tier sizes (invariant culture, English labels).</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"Value tiers ({Method}), n = {Customers}: top ≥ {TopThreshold:G6}, middle ≥ {MiddleThreshold:G6}");
        foreach (var t in Enum.GetValues<ValueTier>())
            s.Append(CultureInfo.InvariantCulture, $"\n  {Label(t, "en")}: {Counts[(int)t]} customers, {ValueShares[(int)t]:P1} of value");
        return s.ToString();
    }
}
