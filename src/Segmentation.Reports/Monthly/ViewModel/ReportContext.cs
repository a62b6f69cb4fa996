using Segmentation.Analytics.Evaluation;
using Statistics = Segmentation.Analytics.Statistics;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>
/// What every section's view-model is built from: the evaluation, the report options, the texts of the language and the
/// names of the segments in it. Built once per report; the section models read it, the layout never does.
/// </summary>
internal sealed class ReportContext
{
    public ReportContext(MonthlyEvaluation run, MonthlyReportOptions options)
    {
        Run = run;
        Options = options;
        Text = ReportStrings.For(options.Language);
        LastPeriod = run.Result.Kpis.Periods.Count - 1;
        CurrencySymbol = ReportFormat.CurrencySymbol(options.Currency);
        // One set of hidden segments for every per-segment table (counts, shares, amounts, budget): the small ones and, when only
        // one would be hidden, the smallest other one too, so no total minus the rows shown gives a small group away.
        var keys = run.Result.Segments.Select(s => s.Key).ToArray();
        var hidden = SmallGroupSuppression.Line([.. keys.Select(k => Latest(k).Customers)], options.Format.MinimumGroupSize);
        Hidden = keys.Where((k, i) => hidden[i]).ToHashSet(StringComparer.Ordinal);
        // The intervals of every estimate, computed once (seeded: the same run gives the same bounds). A record built by hand whose
        // churn summary is not over the assignment's customers has no CLV intervals.
        var result = run.Result;
        if (result.ChurnRisk is { } churn && churn.LifetimeValue.Length != run.Assignment.Count) result = result with { ChurnRisk = null };
        Intervals = EstimateIntervals.Compute(result, run.Assignment);
    }

    /// <summary>The interval of every estimate the report prints (<see cref="EstimateIntervals"/>); the sections print them only where
    /// the estimate itself prints.</summary>
    public EstimateIntervals Intervals { get; }

    /// <summary>The bounds of <paramref name="interval"/> as printed under or after its estimate: "(lower–upper)", or "(lower, upper)"
    /// when a bound is negative (a dash between signed numbers would read as a minus); null without an interval or when a bound
    /// is not finite.</summary>
    public string? Bounds(Statistics.Intervals.Interval? interval, Func<double?, string> format)
    {
        if (interval is not { } i || !double.IsFinite(i.Lower) || !double.IsFinite(i.Upper)) return null;
        return Text.Format(i.Lower < 0 || i.Upper < 0 ? "interval_signed" : "interval", format(i.Lower), format(i.Upper));
    }

    /// <summary>Bounds of a share 0..1 under a percentage, in percent with one decimal and no sign (the estimate above carries it):
    /// "(22.4–24.8)".</summary>
    public string? PercentBounds(Statistics.Intervals.Interval? interval) => Bounds(interval, v => ReportFormat.Number(v * 100, 1));

    /// <summary>
    /// Per segment (definition order), whether an interval whose width gives its denominator away (a rate of active customers, of CSAT
    /// responses) must be left out: the segment is hidden, or that denominator is under the minimum group size, or it is the
    /// complement that keeps a small one from being the total minus the rest (<see cref="SmallGroupSuppression.Line"/>).
    /// </summary>
    public IReadOnlySet<string> HiddenDenominators(Func<KpiCounts, long> denominator)
    {
        var keys = Result.Segments.Select(s => s.Key).ToArray();
        var mask = SmallGroupSuppression.Line([.. keys.Select(k => Suppressed(k) ? 0 : denominator(Latest(k).Counts))], Format.MinimumGroupSize);
        return keys.Where((k, i) => Suppressed(k) || mask[i]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>An estimate followed by its bounds on the same line ("70.2% (69.0–71.4%)"), or the estimate alone without an interval.</summary>
    public static string WithBounds(string estimate, string? bounds) => bounds is null ? estimate : estimate + " " + bounds;

    /// <summary>The confidentiality line: says the ids are pseudonymised only when they were.</summary>
    public string Confidentiality => Text.Format(Options.Pseudonymised ? "confidential" : "confidential_plain", Format.MinimumGroupSize);

    /// <summary>Segments whose numbers are hidden everywhere (under the minimum size, or hidden with one that is; an empty segment
    /// protects no one and is not hidden).</summary>
    public IReadOnlySet<string> Hidden { get; }

    /// <summary>What the data can measure.</summary>
    public DataCoverage Coverage => Run.Coverage;

    /// <summary>The currency sign, or null when none was given.</summary>
    public string? CurrencySymbol { get; }

    /// <summary>Money with the currency sign.</summary>
    public string Money(double? value) => WithSign(ReportFormat.Money(value));

    /// <summary>A compact amount (万/K) with the currency sign.</summary>
    public string Compact(double? value) => WithSign(ReportFormat.Compact(value, Options.Language));

    private string WithSign(string formatted) =>
        CurrencySymbol is null || formatted == ReportFormat.Dash ? formatted
        : formatted.StartsWith('-') ? "-" + CurrencySymbol + formatted[1..] : CurrencySymbol + formatted;

    /// <summary>A header of a money column: the text of <paramref name="id"/> and the currency sign.</summary>
    public string MoneyHeader(string id) => CurrencySymbol is null ? Text[id] : Text.Format("money_header", Text[id], CurrencySymbol.Trim());

    /// <summary>Why a KPI cannot be measured on these data (the reason text), or null when it can.</summary>
    public string? NotMeasured(string kpi) => kpi switch
    {
        "profit" or "profit_share" or "incremental_profit" => Coverage.Cost ? null : Text["reason_no_cost"],
        "csat_mean" or "satisfied_share" => Coverage.Csat ? null : Text["reason_no_csat"],
        "nps" => Coverage.Nps ? null : Text["reason_no_nps"],
        "referral_rate" => Coverage.Referrals ? null : Text["reason_no_referrals"],
        "market_share" => Coverage.Market ? null : Text["reason_no_market"],
        _ => null,
    };

    /// <summary>"n/a — reason" for a KPI that cannot be measured.</summary>
    public string NotAvailable(string reason) => Text.Format("na_reason", reason);

    /// <summary>The customers of a segment as printed: "&lt;10" under the minimum, the dash when hidden as a complement.</summary>
    public string Customers(string segment)
    {
        long n = Latest(segment).Customers;
        return Format.Suppress(n) ? Format.Count(n) : Suppressed(segment) ? ReportFormat.Dash : Format.Count(n);
    }

    public MonthlyEvaluation Run { get; }

    public EvaluationResult Result => Run.Result;

    public MonthlyReportOptions Options { get; }

    public ReportFormat Format => Options.Format;

    public ReportStrings Text { get; }

    /// <summary>Index of the report period (the last KPI period).</summary>
    public int LastPeriod { get; }

    /// <summary>The report period.</summary>
    public KpiPeriod ReportPeriod => Result.Kpis.Periods[LastPeriod];

    /// <summary>The KPI row of a segment (or <see cref="KpiRow.AllCustomers"/>) in the report period.</summary>
    public KpiRow Latest(string segment) => Result.Kpis.Row(segment, LastPeriod);

    /// <summary>True if the segment's numbers are hidden (under the minimum group size in the report period, or its complement).</summary>
    public bool Suppressed(string segment) => segment != KpiRow.AllCustomers && Hidden.Contains(segment);

    /// <summary>The one of a pair of texts that the data carry in both languages (segment names, playbook, KPI definitions).</summary>
    public string Pick(string zh, string en) => Options.Language == ReportLanguage.Zh ? zh : en;

    public string Name(SegmentDefinition segment) => Pick(segment.NameZh, segment.NameEn);

    /// <summary>A segment key's display name; "All customers" for the total; the key itself when it is not a segment.</summary>
    public string SegmentName(string key) => key == KpiRow.AllCustomers
        ? Text["all_customers"]
        : Result.Segments.FirstOrDefault(s => s.Key == key) is { } d ? Name(d) : key;

    /// <summary>The segment a campaign target names, or null. A target matches a segment whose key, English or Chinese name equals it
    /// (compared without case, spaces, hyphens or underscores), else one whose key or English name holds every word of it
    /// ("young_online_high" → "Young online high spenders", "senior_occasional" → "Senior offline occasional buyers"); among several,
    /// the one with the fewest other words. Prospects are never a campaign target by words.</summary>
    public SegmentDefinition? TargetSegment(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        static string Norm(string x) => new([.. x.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
        static string[] Words(string x) => x.ToLowerInvariant().Split(x.Where(ch => !char.IsLetterOrDigit(ch)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);
        string t = Norm(target);
        if (t.Length == 0) return null;
        var exact = Result.Segments.FirstOrDefault(s => Norm(s.Key) == t || Norm(s.NameEn) == t || Norm(s.NameZh) == t);
        if (exact is not null) return exact;
        var words = Words(target);
        return Result.Segments.Where(s => s.Key != MonthlyEvaluation.ProspectsKey)
            .Select(s => (Segment: s, Extra: new[] { Words(s.Key), Words(s.NameEn) }
                .Where(w => words.All(w.Contains)).Select(w => w.Length - words.Length).DefaultIfEmpty(-1).Min()))
            .Where(x => x.Extra >= 0).OrderBy(x => x.Extra).ThenBy(x => x.Segment.Key, StringComparer.Ordinal)
            .Select(x => x.Segment).FirstOrDefault();
    }

    /// <summary>The least share of a campaign's treated customers in one segment for the campaign to be read as aimed at it.</summary>
    public const double LandingShare = 0.5;

    /// <summary>The segment a campaign was aimed at: the one its target names (<see cref="TargetSegment(string)"/>), else the one
    /// holding at least <see cref="LandingShare"/> of its treated customers (<see cref="CampaignUplift.TreatedSegment"/>; the
    /// target is then a label the model does not know, e.g. a key of an older model), else null.</summary>
    public SegmentDefinition? TargetSegment(CampaignUplift campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return TargetSegment(campaign.Campaign.TargetSegment) ?? LandingSegment(campaign);
    }

    /// <summary>The segment holding at least <see cref="LandingShare"/> of the campaign's treated customers, or null.</summary>
    public SegmentDefinition? LandingSegment(CampaignUplift campaign) =>
        campaign.TreatedSegment is { } key && campaign.TreatedSegmentShare >= LandingShare && key != MonthlyEvaluation.ProspectsKey
            ? Result.Segments.FirstOrDefault(s => s.Key == key)
            : null;

    /// <summary>A campaign target's display name: the segment's name in the report's language, else the target marked as matching none.</summary>
    public string TargetName(CampaignUplift campaign) =>
        TargetSegment(campaign) is { } d ? Name(d) : Text.Format("target_unmatched", campaign.Campaign.TargetSegment);

    /// <summary>A label from the string table (<paramref name="prefix"/> + <paramref name="id"/>), or the id itself when the table has none.</summary>
    public string Label(string prefix, string id) => ReportStrings.Contains(prefix + id) ? Text[prefix + id] : id;

    /// <summary>A table whose header cells are the texts of <paramref name="headerIds"/>.</summary>
    public ReportTable Table(IEnumerable<string> headerIds, IEnumerable<ReportTableRow> rows) =>
        new([.. headerIds.Select(id => Text[id])], [.. rows]);

    /// <summary><paramref name="value"/> unless the group is suppressed, then the dash.</summary>
    public static string Unless(bool hide, string value) => hide ? ReportFormat.Dash : value;

    /// <summary>An estimate with its interval: "estimate [lower, upper]", each printed by <paramref name="format"/>.</summary>
    public static string Interval(Func<double?, string> format, double estimate, double lower, double upper) =>
        $"{format(estimate)} [{format(lower)}, {format(upper)}]";

    /// <summary>A share part / whole, null when the whole is 0.</summary>
    public static double? Share(double part, double whole) => whole != 0 ? part / whole : null;
}
