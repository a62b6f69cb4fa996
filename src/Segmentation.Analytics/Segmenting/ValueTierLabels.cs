namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// The bilingual names of value tiers: the one resource table for them (outputs, notebooks and the report take names
/// from here). Languages: <c>zh</c> (Simplified Chinese, the default) and <c>en</c>.
/// </summary>
public static class ValueTierLabels
{
    /// <summary>The table: (scheme, tier) → (Chinese, English).</summary>
    public static IReadOnlyDictionary<(ValueTierLabelScheme Scheme, ValueTier Tier), (string Zh, string En)> Table { get; } =
        new Dictionary<(ValueTierLabelScheme, ValueTier), (string, string)>
        {
            [(ValueTierLabelScheme.Abc, ValueTier.Top)] = ("A类客户", "A customers"),
            [(ValueTierLabelScheme.Abc, ValueTier.Middle)] = ("B类客户", "B customers"),
            [(ValueTierLabelScheme.Abc, ValueTier.Bottom)] = ("C类客户", "C customers"),
            [(ValueTierLabelScheme.HighMidLow, ValueTier.Top)] = ("高价值客户", "High value"),
            [(ValueTierLabelScheme.HighMidLow, ValueTier.Middle)] = ("中价值客户", "Mid value"),
            [(ValueTierLabelScheme.HighMidLow, ValueTier.Bottom)] = ("低价值客户", "Low value"),
            [(ValueTierLabelScheme.VipRegularPotential, ValueTier.Top)] = ("VIP客户", "VIP"),
            [(ValueTierLabelScheme.VipRegularPotential, ValueTier.Middle)] = ("普通客户", "Regular"),
            [(ValueTierLabelScheme.VipRegularPotential, ValueTier.Bottom)] = ("潜力客户", "Potential"),
        };

    /// <summary>The name of <paramref name="tier"/> under <paramref name="scheme"/> in <paramref name="language"/> (<c>zh</c> or <c>en</c>).</summary>
    /// <exception cref="ArgumentException">The language is neither zh nor en, or the scheme/tier is not defined.</exception>
    public static string Label(ValueTierLabelScheme scheme, ValueTier tier, string language = "zh")
    {
        if (!Table.TryGetValue((scheme, tier), out var names))
            throw new ArgumentException($"No label for scheme {scheme} and tier {tier}.", nameof(tier));
        return language switch
        {
            "zh" => names.Zh,
            "en" => names.En,
            _ => throw new ArgumentException($"Unsupported language '{language}'; expected 'zh' or 'en'.", nameof(language)),
        };
    }
}
