namespace Segmentation.Analytics.Evaluation;

/// <summary>Population stability verdict.</summary>
public enum DriftLevel
{
    /// <summary>PSI &lt; 0.1: no material shift.</summary>
    Stable,
    /// <summary>0.1 ≤ PSI &lt; 0.25: watch the model.</summary>
    Watch,
    /// <summary>PSI ≥ 0.25: the population has shifted; refit the segmentation.</summary>
    Refit,
}
