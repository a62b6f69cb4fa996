namespace Segmentation.Analytics.Evaluation;

/// <summary>How strongly a measured effect can be read as caused by the intervention.</summary>
public enum EvidenceStrength
{
    /// <summary>Randomised treatment/control assignment: the difference estimates the causal effect.</summary>
    Randomised,

    /// <summary>No randomised control: difference-in-differences against comparable untreated customers. Causal only
    /// under parallel trends; weaker evidence.</summary>
    QuasiExperimental,
}
