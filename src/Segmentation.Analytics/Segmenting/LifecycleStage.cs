namespace Segmentation.Analytics.Segmenting;

/// <summary>Customer lifecycle stage (names in <see cref="LifecycleStageLabels"/>; rules in <see cref="LifecycleClassifier"/>).</summary>
public enum LifecycleStage
{
    /// <summary>Registered, no purchase yet (潜在客户).</summary>
    Prospect,

    /// <summary>First purchase recently, or a one-time buyer not yet overdue (新客户).</summary>
    New,

    /// <summary>Two or more purchase occasions, active, not yet loyal (回头客).</summary>
    Repeat,

    /// <summary>Many purchase occasions and active (忠诚客户).</summary>
    Loyal,

    /// <summary>Overdue relative to the usual purchase interval (流失风险客户).</summary>
    AtRisk,

    /// <summary>Long overdue or beyond the hard inactivity limit (已流失客户).</summary>
    Lost,
}
