namespace Segmentation.Analytics.Segmenting;

/// <summary>A customer's value tier; the names depend on the label scheme (<see cref="ValueTierLabels"/>).</summary>
public enum ValueTier
{
    /// <summary>Highest value: A (ABC), high value, or VIP.</summary>
    Top = 0,

    /// <summary>Middle: B (ABC), mid value, or regular.</summary>
    Middle = 1,

    /// <summary>Lowest value: C (ABC), low value, or potential.</summary>
    Bottom = 2,
}
