namespace Segmentation.Analytics.Statistics.Intervals;

/// <summary>How an <see cref="Interval"/> was computed (the report's appendix names it per number).</summary>
public enum IntervalMethod
{
    /// <summary>Wilson score interval of a binomial proportion (Wilson 1927).</summary>
    Wilson,

    /// <summary>Clopper-Pearson exact interval of a binomial proportion, from beta quantiles (Clopper &amp; Pearson 1934).</summary>
    ClopperPearson,

    /// <summary>Bias-corrected and accelerated (BCa) percentile bootstrap over customers (Efron 1987; Efron &amp; Tibshirani 1993, ch. 14).</summary>
    Bootstrap,

    /// <summary>Normal interval with a delta-method (linearised) standard error.</summary>
    DeltaMethod,

    /// <summary>Student t interval of a mean from its sums.</summary>
    StudentT,

    /// <summary>The confidence interval of the KPI comparison's own test (two-proportion z, Welch t, or bootstrap).</summary>
    ComparisonTest,
}
