using System.Globalization;
using System.Text;

namespace Segmentation.Experiments;

/// <summary>
/// The average effect of every treatment arm against the control on every outcome of a randomised experiment
/// (see <see cref="ArmEffect"/> for the statistics).
/// </summary>
/// <param name="Arms">Arm labels, control first.</param>
/// <param name="ArmCounts">Customers per arm.</param>
/// <param name="Effects">One row per treatment arm × outcome (arm order, then schema outcome order).</param>
/// <param name="Options">The options used.</param>
public sealed record ExperimentAnalysis(IReadOnlyList<string> Arms, IReadOnlyList<long> ArmCounts, IReadOnlyList<ArmEffect> Effects, ExperimentAnalysisOptions Options)
{
    /// <summary>Analyses <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid, the economics name an unknown outcome, or the data have no control or no treatment customers.</exception>
    public static ExperimentAnalysis Analyze(ExperimentData data, ExperimentAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ExperimentAnalysisOptions();
        options.Validate();
        var counts = data.ArmCounts();
        if (counts[0] == 0) throw new ArgumentException($"No accepted customer is in the control arm '{data.Control}'.", nameof(data));
        if (data.Arms.Count < 2) throw new ArgumentException("The experiment has no treatment arm.", nameof(data));
        string? valueOutcome = options.Economics?.ValueOutcome(data.Schema);
        if (valueOutcome is not null) data.Schema.Outcome(valueOutcome);
        var effects = new List<ArmEffect>();
        for (int a = 1; a < data.Arms.Count; a++)
            foreach (var o in data.Schema.Outcomes)
                effects.Add(ArmEffect.Compute(data.Arms[a], a, o, data.Arm, data.OutcomeValues(o.Column), null, options.Confidence,
                    o.Column == valueOutcome ? options.Economics : null));
        return new ExperimentAnalysis(data.Arms, counts, effects, options);
    }

    /// <summary>The effect of one arm on one outcome.</summary>
    public ArmEffect Effect(string arm, string outcome) =>
        Effects.FirstOrDefault(e => e.Arm == arm && e.Outcome == outcome) ?? throw new ArgumentException($"No effect for arm '{arm}' and outcome '{outcome}'.", nameof(arm));

    /// <summary>A plain-text table (invariant culture).</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.AppendLine(string.Join(", ", Arms.Select((a, i) => $"{a}: {ArmCounts[i]}")));
        foreach (var e in Effects) s.AppendLine(e.ToString());
        return s.ToString().TrimEnd();
    }
}
