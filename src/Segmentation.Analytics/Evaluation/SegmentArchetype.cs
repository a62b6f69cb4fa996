namespace Segmentation.Analytics.Evaluation;

/// <summary>The kind of customer group a segment is, which selects its strategy in the strategy playbook.</summary>
public enum SegmentArchetype
{
    /// <summary>High value: the top customers by spend and frequency.</summary>
    HighValue,
    /// <summary>Loyal: steady, frequent repeat buyers of medium value.</summary>
    Loyal,
    /// <summary>New or promising: recently acquired, growth potential.</summary>
    Promising,
    /// <summary>At risk: formerly active, buying less or silent for a while.</summary>
    AtRisk,
    /// <summary>Price-sensitive: buy on promotions, low order value.</summary>
    PriceSensitive,
    /// <summary>Lost: silent beyond the churn window.</summary>
    Lost,
    /// <summary>Occasional: infrequent, low-engagement buyers.</summary>
    Occasional,
    /// <summary>Business (B2B) accounts.</summary>
    Business,
}
