using System.Globalization;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The KPIs of one segment (or of all customers, <see cref="AllCustomers"/>) in one period. Every ratio is computed from
/// <see cref="Counts"/>; a ratio whose denominator is 0 is null. Units: counts of customers; money in currency units
/// (CNY); rates and shares in [0, 1]; NPS in points (−100..100); CSAT on its 1–5 scale. Definitions: <see cref="KpiDefinitions"/>.
/// </summary>
/// <param name="Segment">Segment key, or <see cref="AllCustomers"/> for the total row.</param>
/// <param name="Period">The period.</param>
/// <param name="Counts">The additive sums.</param>
/// <param name="MarketSize">Market size of the period (Σ of its months) for the segment, or the whole market on the total row; null when
/// the market table does not cover every month of the period.</param>
/// <param name="LifetimeValueTotal">Σ CLV of the segment's customers at the period end (only when CLV was supplied for this period).</param>
/// <param name="LifetimeValueCustomers">Customers the CLV total is over.</param>
public sealed record KpiRow(string Segment, KpiPeriod Period, KpiCounts Counts, double? MarketSize = null,
                            double? LifetimeValueTotal = null, long LifetimeValueCustomers = 0)
{
    /// <summary>Segment key of the total row ("all customers").</summary>
    public const string AllCustomers = "*";

    /// <summary>True for the total row.</summary>
    public bool IsTotal => Segment == AllCustomers;

    /// <summary>customers: customers acquired by the period end.</summary>
    public long Customers => Counts.Customers;
    /// <summary>active_customers.</summary>
    public long ActiveCustomers => Counts.ActiveCustomers;
    /// <summary>new_customers.</summary>
    public long NewCustomers => Counts.NewCustomers;
    /// <summary>churned_customers.</summary>
    public long ChurnedCustomers => Counts.ChurnedCustomers;
    /// <summary>revenue: net revenue (currency).</summary>
    public double Revenue => Counts.Revenue;
    /// <summary>profit: net revenue − cost of goods (currency).</summary>
    public double Profit => Math.Round(Counts.Revenue - Counts.Cost, 2, MidpointRounding.AwayFromZero);
    /// <summary>active_rate: active / customers.</summary>
    public double? ActiveRate => Div(Counts.ActiveCustomers, Counts.Customers);
    /// <summary>average_order_value: gross sales / orders (currency per order).</summary>
    public double? AverageOrderValue => Div(Counts.GrossSales, Counts.Orders);
    /// <summary>purchase_frequency: orders / active customers.</summary>
    public double? PurchaseFrequency => Div(Counts.Orders, Counts.ActiveCustomers);
    /// <summary>revenue_per_customer: net revenue / customers (currency per customer).</summary>
    public double? RevenuePerCustomer => Div(Counts.Revenue, Counts.Customers);
    /// <summary>repeat_purchase_rate: active customers with ≥ 2 purchase days / active customers.</summary>
    public double? RepeatPurchaseRate => Div(Counts.RepeatCustomers, Counts.ActiveCustomers);
    /// <summary>retention_rate: active in the previous and this period / active in the previous period.</summary>
    public double? RetentionRate => Div(Counts.RetainedCustomers, Counts.PreviousActiveCustomers);
    /// <summary>churn_rate: churned / live at the period start.</summary>
    public double? ChurnRate => Div(Counts.ChurnedCustomers, Counts.LiveAtStart);
    /// <summary>csat_mean: mean CSAT (1–5).</summary>
    public double? MeanCsat => Div(Counts.CsatSum, Counts.CsatResponses);
    /// <summary>satisfied_share: CSAT ≥ 4 / CSAT answers.</summary>
    public double? SatisfiedShare => Div(Counts.SatisfiedResponses, Counts.CsatResponses);
    /// <summary>nps: 100 × (promoters − detractors) / answers, points.</summary>
    public double? Nps => Counts.NpsResponses > 0 ? BootstrapTest.Nps(Counts.Promoters, Counts.Detractors, Counts.NpsResponses) : null;
    /// <summary>referral_rate: referred customers / active customers.</summary>
    public double? ReferralRate => Div(Counts.Referrals, Counts.ActiveCustomers);
    /// <summary>complaint_rate: complaints / survey responses.</summary>
    public double? ComplaintRate => Div(Counts.Complaints, Counts.SurveyResponses);
    /// <summary>clv_mean: mean CLV per customer (currency).</summary>
    public double? LifetimeValueMean => LifetimeValueTotal is { } t && LifetimeValueCustomers > 0 ? t / LifetimeValueCustomers : null;
    /// <summary>market_share: net revenue / market size.</summary>
    public double? MarketShare => MarketSize is > 0 ? Counts.Revenue / MarketSize : null;

    /// <summary>The value of a KPI by its key (<see cref="KpiDefinitions"/>); null when undefined for this row.</summary>
    /// <exception cref="KeyNotFoundException">Unknown key.</exception>
    public double? Value(string key) => key switch
    {
        "customers" => Customers,
        "active_customers" => ActiveCustomers,
        "new_customers" => NewCustomers,
        "churned_customers" => ChurnedCustomers,
        "revenue" => Revenue,
        "profit" => Profit,
        "active_rate" => ActiveRate,
        "average_order_value" => AverageOrderValue,
        "purchase_frequency" => PurchaseFrequency,
        "revenue_per_customer" => RevenuePerCustomer,
        "repeat_purchase_rate" => RepeatPurchaseRate,
        "retention_rate" => RetentionRate,
        "churn_rate" => ChurnRate,
        "csat_mean" => MeanCsat,
        "satisfied_share" => SatisfiedShare,
        "nps" => Nps,
        "referral_rate" => ReferralRate,
        "complaint_rate" => ComplaintRate,
        "clv_mean" => LifetimeValueMean,
        "clv_total" => LifetimeValueTotal,
        "market_share" => MarketShare,
        _ => throw new KeyNotFoundException($"Unknown KPI '{key}'; known: {string.Join(", ", KpiDefinitions.All.Select(d => d.Key))}."),
    };

    private static double? Div(double num, double den) => den > 0 ? num / den : null;

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Segment} {Period.Label}: customers {Customers}, active {ActiveCustomers}, new {NewCustomers}, churned {ChurnedCustomers}, revenue {Revenue:F2}, profit {Profit:F2}, AOV {AverageOrderValue:F2}, repeat {RepeatPurchaseRate:P1}, NPS {Nps:F1}");
}
