namespace Segmentation.Analytics.Segmenting;

/// <summary>Which names the three tiers carry in outputs (<see cref="ValueTierLabels"/>).</summary>
public enum ValueTierLabelScheme
{
    /// <summary>A类客户 / B类客户 / C类客户 (A / B / C customers).</summary>
    Abc,

    /// <summary>高价值客户 / 中价值客户 / 低价值客户 (high / mid / low value).</summary>
    HighMidLow,

    /// <summary>VIP客户 / 普通客户 / 潜力客户 (VIP / regular / potential).</summary>
    VipRegularPotential,
}
