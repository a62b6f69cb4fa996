namespace Segmentation.Experiments;

/// <summary>The scale of an experiment outcome, which decides the test of a difference.</summary>
public enum OutcomeKind
{
    /// <summary>0/1 (visited, converted): compared with the two-proportion z-test.</summary>
    Binary,

    /// <summary>Any finite number (spend): compared with Welch's t-test.</summary>
    Continuous,
}
