using Segmentation.Synthetic;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Analytics.Tests.Evaluation;

/// <summary>
/// The KPI sums written independently of the SQL: plain loops over the raw synthetic rows, following the definitions
/// sentence by sentence (no running-sum events, no period arithmetic).
/// </summary>
internal sealed class KpiReference
{
    private readonly Dictionary<string, List<(int Day, double Amount, double Cost, bool IsReturn)>> transactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Day, int Csat, int Nps, bool Complaint, int Referred)>> feedback = new(StringComparer.Ordinal);

    public KpiReference(SyntheticDataset data, DateOnly dataEnd)
    {
        foreach (var t in data.Transactions)
        {
            int day = DateOnly.FromDateTime(t.Timestamp).DayNumber;
            if (day > dataEnd.DayNumber) continue;
            if (!transactions.TryGetValue(t.CustomerId, out var list)) transactions[t.CustomerId] = list = [];
            list.Add((day, t.Amount, t.Cost, t.IsReturn));
        }
        foreach (var f in data.Feedback)
        {
            if (!feedback.TryGetValue(f.CustomerId, out var list)) feedback[f.CustomerId] = list = [];
            list.Add((f.Date.DayNumber, f.Csat, f.Nps, f.Complaint, f.ReferredCustomers));
        }
    }

    public KpiCounts Compute(IReadOnlyDictionary<string, string> segmentOf, string segment, KpiPeriod period, KpiPeriod previous, int churnWindowDays)
    {
        int start = period.Start.DayNumber, end = period.EndExclusive.DayNumber;
        int prevStart = previous.Start.DayNumber, prevEnd = previous.EndExclusive.DayNumber;
        long customers = 0, active = 0, newCustomers = 0, prevActive = 0, retained = 0, live = 0, churned = 0, repeat = 0, orders = 0;
        double gross = 0, net = 0, cost = 0, squares = 0;
        long responses = 0, csatN = 0, satisfied = 0, npsN = 0, promoters = 0, detractors = 0, complaints = 0, referrals = 0, referrers = 0;
        double csatSum = 0, csatSq = 0;
        foreach (var (id, seg) in segmentOf)
        {
            if (segment != KpiRow.AllCustomers && seg != segment) continue;
            if (transactions.TryGetValue(id, out var rows))
            {
                var days = new SortedSet<int>(rows.Where(r => !r.IsReturn).Select(r => r.Day));
                double customerNet = 0;
                foreach (var r in rows.Where(r => r.Day >= start && r.Day < end))
                {
                    net += r.Amount;
                    cost += r.Cost;
                    customerNet += r.Amount;
                    if (r.IsReturn) continue;
                    orders++;
                    gross += r.Amount;
                }
                customerNet = Math.Round(customerNet, 2);
                squares += customerNet * customerNet;
                if (days.Count > 0)
                {
                    int inPeriod = days.GetViewBetween(start, end - 1).Count;
                    bool wasActive = days.GetViewBetween(prevStart, prevEnd - 1).Count > 0;
                    if (days.Min < end) customers++;
                    if (inPeriod > 0) active++;
                    if (inPeriod >= 2) repeat++;
                    if (days.Min >= start && days.Min < end) newCustomers++;
                    if (wasActive) prevActive++;
                    if (wasActive && inPeriod > 0) retained++;
                    // Live at start: the last purchase before the start is at most W days before it.
                    var before = days.GetViewBetween(int.MinValue, start - 1);
                    if (before.Count > 0 && before.Max >= start - churnWindowDays)
                    {
                        live++;
                        // Churned: a purchase day d followed by W days without a purchase, the W-th of them in the period.
                        foreach (int d in days.GetViewBetween(start - churnWindowDays, end - 1))
                        {
                            int lapse = d + churnWindowDays;
                            if (lapse >= start && lapse < end && days.GetViewBetween(d + 1, lapse).Count == 0) { churned++; break; }
                        }
                    }
                }
            }
            if (feedback.TryGetValue(id, out var answers))
                foreach (var f in answers.Where(f => f.Day >= start && f.Day < end))
                {
                    responses++;
                    csatN++; csatSum += f.Csat; csatSq += f.Csat * f.Csat;
                    if (f.Csat >= 4) satisfied++;
                    npsN++;
                    if (f.Nps >= 9) promoters++;
                    if (f.Nps <= 6) detractors++;
                    if (f.Complaint) complaints++;
                    referrals += f.Referred;
                    if (f.Referred > 0) referrers++;
                }
        }
        return new KpiCounts(customers, active, newCustomers, prevActive, retained, live, churned, repeat, orders, gross, net, cost, squares,
            responses, csatN, csatSum, csatSq, satisfied, npsN, promoters, detractors, complaints, referrals, referrers);
    }
}
