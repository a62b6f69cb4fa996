using Segmentation.Experiments;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 7 (optional): a randomised experiment's arm effects and its effects by segment.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Intro">The experiment, its arms and their sizes.</param>
/// <param name="Arms">Arm, outcome, control mean, arm mean, difference [95 % CI], p, lift.</param>
/// <param name="SegmentsHeading">Sub-heading of the effects by segment.</param>
/// <param name="Segments">Segment († = small), arm, outcome, difference [95 % CI], adjusted p, response — for the first outcome;
/// the numbers of an arm or control group under the minimum size are suppressed.</param>
/// <param name="Statements">One sentence per notable segment effect.</param>
/// <param name="Note">What † and the units mean.</param>
public sealed record ExperimentModel(string Heading, string Intro, ReportTable Arms, string SegmentsHeading, ReportTable Segments,
                                     IReadOnlyList<string> Statements, string Note)
{
    internal static ExperimentModel? Create(ReportContext c)
    {
        if (c.Options.Experiment is not { } e) return null;
        var text = c.Text;
        static Func<double?, string> Difference(ArmEffect a) => a.Kind == OutcomeKind.Binary ? ReportFormat.Points : v => ReportFormat.Number(v, 3);
        static string Level(ArmEffect a, double v) => a.Kind == OutcomeKind.Binary ? ReportFormat.Percent(v) : ReportFormat.Number(v, 3);
        static string Interval(ArmEffect a) => ReportContext.Interval(Difference(a), a.Difference.Estimate, a.Difference.Lower, a.Difference.Upper);

        var arms = e.Analysis.Effects.Select(a => new ReportTableRow(
            [a.Arm, a.Outcome, Level(a, a.MeanControl), Level(a, a.MeanArm), Interval(a), ReportFormat.P(a.Difference.PValue), ReportFormat.Relative(a.Difference.RelativeChange)]));
        var segments = e.Segments.Rows.Where(r => r.Effect.Outcome == e.Analysis.Effects[0].Outcome).Select(r =>
        {
            bool hide = c.Format.Suppress(r.Effect.CountArm) || c.Format.Suppress(r.Effect.CountControl);
            return new ReportTableRow(
            [
                r.IsSmall ? text.Format("small_arm", r.Segment) : r.Segment, r.Effect.Arm, r.Effect.Outcome,
                ReportContext.Unless(hide, Interval(r.Effect)), ReportContext.Unless(hide, ReportFormat.P(r.AdjustedPValue)), r.Response.ToString(),
            ]);
        });
        string counts = string.Join(", ", e.Analysis.ArmCounts.Select(ReportFormat.Whole));
        return new ExperimentModel(text["s_experiment"], text.Format("experiment_intro", e.Name, e.Analysis.Arms.Count, counts),
            c.Table(["arm", "outcome", "control_mean", "arm_mean", "difference_ci", "p_value", "lift"], arms),
            text.Format("experiment_segments", e.Segments.Grouping),
            c.Table(["segment", "arm", "outcome", "difference_ci", "adjusted_p", "response"], segments),
            [.. e.Segments.Statements(c.Options.Language == ReportLanguage.Zh ? "zh" : "en")], text["experiment_note"]);
    }
}
