using System.Globalization;
using System.Text;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Experiments;

/// <summary>
/// Heterogeneous effects: the arm-vs-control table of <see cref="ExperimentAnalysis"/> within each segment, with p-values
/// adjusted for the number of segment tests and a plain statement of which segments respond.
/// </summary>
/// <remarks>
/// The family of an outcome is all its segment × treatment-arm tests (untested cells excluded); adjustment by
/// <see cref="MultipleTesting"/>. A segment responds when its adjusted p &lt; α and the effect is positive. Segments where an
/// arm or the control has fewer than <see cref="SegmentEffectsOptions.SmallArmSize"/> customers are flagged: their
/// intervals are wide and the normal approximations rougher.
/// </remarks>
/// <param name="Grouping">Name of the grouping.</param>
/// <param name="Segments">Segment labels, ordinal order.</param>
/// <param name="Rows">One row per outcome × arm × segment (schema outcome order, arm order, segment order).</param>
/// <param name="Options">The options used.</param>
public sealed record SegmentEffects(string Grouping, IReadOnlyList<string> Segments, IReadOnlyList<SegmentEffect> Rows, SegmentEffectsOptions Options)
{
    /// <summary>Computes the per-segment effects.</summary>
    /// <exception cref="ArgumentException">Invalid options, or the grouping cannot be formed from the data.</exception>
    public static SegmentEffects Compute(ExperimentData data, SegmentEffectsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new SegmentEffectsOptions();
        options.Validate();
        var by = options.By ?? ExperimentSegmentation.ByColumn();
        var labels = by.Assign(data);
        var segments = labels.Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = segments.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var segmentOf = labels.Select(l => index[l]).ToArray();
        string? valueOutcome = options.Economics?.ValueOutcome(data.Schema);
        var rows = new List<SegmentEffect>();
        foreach (var o in data.Schema.Outcomes)
        {
            var y = data.OutcomeValues(o.Column);
            var family = new List<ArmEffect>();
            var names = new List<string>();
            for (int a = 1; a < data.Arms.Count; a++)
                for (int s = 0; s < segments.Length; s++)
                {
                    int seg = s;
                    family.Add(ArmEffect.Compute(data.Arms[a], a, o, data.Arm, y, i => segmentOf[i] == seg, options.Confidence,
                        o.Column == valueOutcome ? options.Economics : null));
                    names.Add(segments[s]);
                }
            var adjusted = MultipleTesting.Adjust(family.Select(e => e.Difference.PValue).ToArray(), options.Correction);
            for (int k = 0; k < family.Count; k++)
            {
                var e = family[k];
                var response = double.IsNaN(adjusted[k]) ? SegmentResponse.Untested
                    : adjusted[k] < options.Alpha ? (e.Difference.Estimate > 0 ? SegmentResponse.Responds : SegmentResponse.Harmed)
                    : SegmentResponse.NoEvidence;
                rows.Add(new SegmentEffect(names[k], e, adjusted[k], Math.Min(e.CountArm, e.CountControl) < options.SmallArmSize, response));
            }
        }
        return new SegmentEffects(by.Name, segments, rows, options);
    }

    /// <summary>
    /// One short paragraph per treatment arm × outcome saying where the arm works, where it does not, and which segments
    /// are small, in <paramref name="language"/> (<c>zh</c> or <c>en</c>).
    /// </summary>
    public IReadOnlyList<string> Statements(string language = "zh")
    {
        var result = new List<string>();
        string sep = ExperimentStrings.Format("list.sep", language);
        string method = ExperimentStrings.Format(Options.Correction.ToString(), language);
        string alpha = Options.Alpha.ToString("G", CultureInfo.InvariantCulture);
        foreach (var g in Rows.GroupBy(r => (r.Effect.Arm, r.Effect.Outcome)))
        {
            string List(IEnumerable<SegmentEffect> rs) => string.Join(sep, rs.Select(r => r.Segment));
            var s = new StringBuilder();
            var responds = g.Where(r => r.Response == SegmentResponse.Responds).ToArray();
            s.Append(responds.Length > 0
                ? ExperimentStrings.Format("responds", language, g.Key.Arm, g.Key.Outcome, method, alpha, List(responds))
                : ExperimentStrings.Format("responds.none", language, g.Key.Arm, g.Key.Outcome, method, alpha));
            var harmed = g.Where(r => r.Response == SegmentResponse.Harmed).ToArray();
            if (harmed.Length > 0) s.Append(' ').Append(ExperimentStrings.Format("harmed", language, g.Key.Arm, g.Key.Outcome, List(harmed)));
            var none = g.Where(r => r.Response == SegmentResponse.NoEvidence).ToArray();
            if (none.Length > 0) s.Append(' ').Append(ExperimentStrings.Format("noevidence", language, List(none)));
            var untested = g.Where(r => r.Response == SegmentResponse.Untested).ToArray();
            if (untested.Length > 0) s.Append(' ').Append(ExperimentStrings.Format("untested", language, List(untested)));
            var small = g.Where(r => r.IsSmall).ToArray();
            if (small.Length > 0) s.Append(' ').Append(ExperimentStrings.Format("small", language, Options.SmallArmSize, List(small)));
            result.Add(s.ToString());
        }
        return result;
    }

    /// <summary>The row of one segment, arm and outcome.</summary>
    public SegmentEffect Row(string segment, string arm, string outcome) =>
        Rows.FirstOrDefault(r => r.Segment == segment && r.Effect.Arm == arm && r.Effect.Outcome == outcome)
        ?? throw new ArgumentException($"No row for segment '{segment}', arm '{arm}', outcome '{outcome}'.", nameof(segment));
}
