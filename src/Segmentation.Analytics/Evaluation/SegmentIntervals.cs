using Segmentation.Analytics.Statistics.Intervals;

namespace Segmentation.Analytics.Evaluation;

/// <summary>The intervals of one segment's (or all customers') estimates in the report period; null where the estimate is undefined
/// (no customers, no responses) or has no interval (the total's own size and share).</summary>
/// <param name="Segment">Segment key or <see cref="KpiRow.AllCustomers"/>.</param>
/// <param name="Customers">Segment size (customers), Wilson interval of its share × all customers.</param>
/// <param name="Share">Share of all customers, Wilson.</param>
/// <param name="RevenueShare">Share of net revenue, delta method over customers.</param>
/// <param name="MeanLifetimeValue">Mean CLV per customer of the segment (all its assigned customers), BCa bootstrap over them.</param>
/// <param name="LifetimeValue">Σ CLV of the segment (its buyers), bootstrap: n × the interval of the buyers' mean.</param>
/// <param name="MeanBuyerLifetimeValue">Mean CLV per buyer (the churn table's), bootstrap, the same draws as <paramref name="LifetimeValue"/>.</param>
/// <param name="ValueAtRisk">Σ CLV of the at-risk buyers, bootstrap over the segment's buyers (the same draws).</param>
/// <param name="AtRiskShare">At-risk buyers / buyers, Wilson.</param>
/// <param name="RepeatPurchaseRate">Repeat customers / active customers, Wilson.</param>
/// <param name="SatisfiedShare">Satisfied responses / CSAT responses, Wilson.</param>
/// <param name="MeanCsat">Mean CSAT, Student t.</param>
/// <param name="Nps">NPS (points), delta method on the multinomial response shares.</param>
public sealed record SegmentIntervals(string Segment, Interval? Customers, Interval? Share, Interval? RevenueShare, Interval? MeanLifetimeValue,
                                      Interval? LifetimeValue, Interval? MeanBuyerLifetimeValue, Interval? ValueAtRisk, Interval? AtRiskShare,
                                      Interval? RepeatPurchaseRate, Interval? SatisfiedShare, Interval? MeanCsat, Interval? Nps);
