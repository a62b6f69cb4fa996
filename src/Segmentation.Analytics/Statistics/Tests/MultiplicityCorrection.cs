namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>How p-values of a family of tests are adjusted (<see cref="MultipleTesting"/>).</summary>
public enum MultiplicityCorrection
{
    /// <summary>Holm (1979) step-down: controls the family-wise error rate under any dependence.</summary>
    Holm,

    /// <summary>Benjamini &amp; Hochberg (1995) step-up: controls the false discovery rate (independent or positively dependent tests).</summary>
    BenjaminiHochberg,

    /// <summary>No adjustment.</summary>
    None,
}
