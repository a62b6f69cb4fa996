namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>The test behind a <see cref="DifferenceEstimate"/>.</summary>
public enum SignificanceTest
{
    /// <summary>Two-proportion z-test (pooled standard error for the p-value, unpooled Wald interval).</summary>
    TwoProportionZ,

    /// <summary>Welch's unequal-variance t-test (Welch–Satterthwaite degrees of freedom).</summary>
    WelchT,

    /// <summary>Seeded percentile bootstrap of the difference (two-sided p-value from the bootstrap distribution).</summary>
    Bootstrap,

    /// <summary>Large-sample z-test with delta-method (linearised) standard errors of ratio statistics; used instead of the
    /// bootstrap when both groups are large (see <see cref="BootstrapTest.LargeSample"/>).</summary>
    DeltaMethodZ,
    /// <summary>No test was possible (a group is empty or too small).</summary>
    None,
}
