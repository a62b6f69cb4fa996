using System.Globalization;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 6.1: next month's buyers, orders and revenue per segment with predictive intervals, and last month's forecast
/// beside its actuals; or one sentence saying why there is no forecast.</summary>
/// <param name="Heading">Section heading (with the forecast month).</param>
/// <param name="Notice">Printed instead of the tables when there is no reliable forecast; null when there is one.</param>
/// <param name="Intro">What is forecast, from which data, with which intervals.</param>
/// <param name="Table">Segment, customers, buyers, orders, revenue (each "expected [lower, upper]").</param>
/// <param name="PreviousSummary">Last month's check in one sentence (null when there was no previous month to check).</param>
/// <param name="PreviousTable">Last month's forecast and actual per segment with the interval check (null without one).</param>
public sealed record ForecastModel(string Heading, string? Notice, string? Intro, ReportTable? Table, string? PreviousSummary, ReportTable? PreviousTable)
{
    internal static ForecastModel Create(ReportContext c)
    {
        var text = c.Text;
        var f = c.Result.Forecast;
        string month = f is null ? ReportFormat.Dash : f.HorizonEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string heading = text.Format("s_forecast", month);
        // The in-engine path fits the churn models on a sample of customers: a forecast of every customer is not made there.
        if (f is null && c.Result.ChurnRisk is { Sampled: true } sampled)
            return new ForecastModel(heading, text.Format("no_forecast_sampled", c.Format.Count(sampled.SampleSegments![^1].Customers)), null, null, null, null);
        if (f is null || (!f.Reliable && f.Reason is null)) return new ForecastModel(heading, text["no_forecast"], null, null, null, null);
        if (!f.Reliable) return new ForecastModel(heading, text.Format("forecast_unreliable", ChurnModel.Reason(f.Diagnostics)), null, null, null, null);

        string level = ReportFormat.Percent(f.Level).Replace(".0%", "%", StringComparison.Ordinal);
        var total = f.Segments.Single(s => s.Segment == KpiRow.AllCustomers);
        string intro = text.Format("forecast_intro", f.PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Format.Count(total.Customers), level);
        var hidden = Hidden(c, f.Segments);
        var rows = f.Segments.Select((s, i) => new ReportTableRow(
        [
            c.SegmentName(s.Segment),
            hidden[i] ? ReportFormat.Dash : c.Format.Count(s.Customers),
            Range(hidden[i], s.Buyers),
            Range(hidden[i], s.Orders),
            s.Revenue is { } r ? Range(hidden[i], r) : ReportFormat.Dash,
        ]));
        var table = new ReportTable([text["segment"], text["customers"], text["forecast_buyers"], text["forecast_orders"], c.MoneyHeader("forecast_revenue")], [.. rows]);

        string? previousSummary = null;
        ReportTable? previousTable = null;
        if (f.Previous is { } past)
        {
            var pastHidden = Hidden(c, past);
            int hits = 0, misses = 0;
            var pastRows = past.Select((s, i) =>
            {
                var missed = new List<string>();
                void Check(bool? hit, string id)
                {
                    if (hit is null) return;
                    if (hit.Value) hits++;
                    else { misses++; missed.Add(c.Options.Language == ReportLanguage.En ? text[id].ToLowerInvariant() : text[id]); }
                }
                Check(s.BuyersHit, "forecast_buyers");
                Check(s.OrdersHit, "forecast_orders");
                Check(s.RevenueHit, "forecast_revenue");
                bool hide = pastHidden[i];
                return new ReportTableRow(
                [
                    c.SegmentName(s.Segment),
                    Range(hide, s.Buyers),
                    hide ? ReportFormat.Dash : c.Format.Count(s.ActualBuyers ?? 0),
                    Range(hide, s.Orders),
                    hide ? ReportFormat.Dash : ReportFormat.Money(s.ActualOrders),
                    s.Revenue is { } r ? Range(hide, r) : ReportFormat.Dash,
                    hide ? ReportFormat.Dash : ReportFormat.Money(s.ActualRevenue),
                    hide ? ReportFormat.Dash : missed.Count == 0 ? text["forecast_all_hit"] : text.Format("forecast_missed", string.Join(text["forecast_list_separator"], missed)),
                ]);
            }).ToArray();
            previousSummary = text.Format("forecast_previous", f.PeriodEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                f.PreviousEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hits, misses);
            previousTable = new ReportTable(
            [
                text["segment"], text.Format("forecast_predicted", text["forecast_buyers"]), text.Format("forecast_actual", text["forecast_buyers"]),
                text.Format("forecast_predicted", text["forecast_orders"]), text.Format("forecast_actual", text["forecast_orders"]),
                MoneyHeaderOf(c, text.Format("forecast_predicted", text["forecast_revenue"])), MoneyHeaderOf(c, text.Format("forecast_actual", text["forecast_revenue"])),
                text["forecast_result"],
            ], pastRows);
        }
        else if (f.PreviousReason is not null)
        {
            previousSummary = text["forecast_previous_unreliable"];
        }
        return new ForecastModel(heading, null, intro, table, previousSummary, previousTable);
    }

    private static string Range(bool hide, ForecastRange r) =>
        hide ? ReportFormat.Dash : ReportContext.Interval(ReportFormat.Money, r.Expected, r.Lower, r.Upper);

    private static string MoneyHeaderOf(ReportContext c, string title) =>
        c.CurrencySymbol is null ? title : c.Text.Format("money_header", title, c.CurrencySymbol.Trim());

    /// <summary>Rows hidden: the report-wide hidden segments, and segments with fewer buying customers than the minimum, with a
    /// complement so the total row does not give a hidden segment back by subtraction.</summary>
    internal static bool[] Hidden(ReportContext c, IReadOnlyList<SegmentForecast> rows)
    {
        var small = SmallGroupSuppression.Line([.. rows.Select(s => s.Segment == KpiRow.AllCustomers ? 0L : s.Customers)], c.Format.MinimumGroupSize);
        return rows.Select((s, i) => s.Segment != KpiRow.AllCustomers && (small[i] || c.Suppressed(s.Segment))).ToArray();
    }
}
