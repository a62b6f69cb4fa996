using Segmentation.Analytics.Evaluation;

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

    /// <summary>True if the segment is under the minimum group size in the report period.</summary>
    public bool Suppressed(string segment) => Format.Suppress(Latest(segment).Customers);

    /// <summary>The one of a pair of texts that the data carry in both languages (segment names, playbook, KPI definitions).</summary>
    public string Pick(string zh, string en) => Options.Language == ReportLanguage.Zh ? zh : en;

    public string Name(SegmentDefinition segment) => Pick(segment.NameZh, segment.NameEn);

    /// <summary>A segment key's display name; "All customers" for the total; the key itself when it is not a segment.</summary>
    public string SegmentName(string key) => key == KpiRow.AllCustomers
        ? Text["all_customers"]
        : Result.Segments.FirstOrDefault(s => s.Key == key) is { } d ? Name(d) : key;

    /// <summary>A campaign target's display name: a segment's name, else the target with spaces for underscores.</summary>
    public string TargetName(string target) =>
        Result.Segments.FirstOrDefault(s => s.Key == target) is { } d ? Name(d) : target.Replace('_', ' ');

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
