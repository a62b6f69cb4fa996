namespace Segmentation.Experiments;

/// <summary>
/// How a flat experiment export is laid out: one row per customer with the arm the customer was randomised to,
/// the outcomes measured afterwards, an optional segment column and pre-treatment feature columns.
/// </summary>
/// <param name="AssignmentColumn">Header of the arm column (e.g. <c>treatment</c>).</param>
/// <param name="ControlLabel">The arm label of the control group (e.g. <c>No E-Mail</c>).</param>
/// <param name="Outcomes">Outcome columns (at least one), each binary or continuous.</param>
/// <param name="SegmentColumn">Optional column holding a segment label (e.g. <c>history_segment</c>).</param>
/// <param name="FeatureColumns">Pre-treatment columns for the uplift model and the project's own segments. A column whose
/// every accepted value is a number is numeric; otherwise it is categorical (one-hot encoded by the model).</param>
/// <param name="TreatmentLabels">The treatment arm labels; rows with any other label (and not the control) are rejected as
/// unknown arms. Null = every label found is an arm.</param>
public sealed record ExperimentSchema(
    string AssignmentColumn,
    string ControlLabel,
    IReadOnlyList<ExperimentOutcome> Outcomes,
    string? SegmentColumn = null,
    IReadOnlyList<string>? FeatureColumns = null,
    IReadOnlyList<string>? TreatmentLabels = null)
{
    /// <summary>The feature columns (empty when none).</summary>
    public IReadOnlyList<string> Features => FeatureColumns ?? [];

    /// <summary>
    /// Kevin Hillstrom's MineThatData e-mail experiment (2008): arms <c>Mens E-Mail</c>, <c>Womens E-Mail</c> vs
    /// <c>No E-Mail</c>; outcomes spend (continuous), visit and conversion (binary); segment history_segment.
    /// </summary>
    public static ExperimentSchema Hillstrom { get; } = new(
        "treatment", "No E-Mail",
        [ExperimentOutcome.Continuous("spend"), ExperimentOutcome.Binary("visit"), ExperimentOutcome.Binary("conversion")],
        "history_segment",
        ["recency", "history", "mens", "womens", "zip_code", "newbie", "channel"],
        ["Mens E-Mail", "Womens E-Mail"]);

    /// <summary>Every column the schema reads, in schema order, without repeats.</summary>
    public IReadOnlyList<string> Columns =>
        new[] { AssignmentColumn }.Concat(Outcomes.Select(o => o.Column)).Concat(SegmentColumn is null ? [] : [SegmentColumn])
            .Concat(Features).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The outcome of a column.</summary>
    /// <exception cref="ArgumentException">The column is not an outcome of the schema.</exception>
    public ExperimentOutcome Outcome(string column) =>
        Outcomes.FirstOrDefault(o => o.Column == column)
        ?? throw new ArgumentException($"'{column}' is not an outcome of the experiment; outcomes are: {string.Join(", ", Outcomes.Select(o => o.Column))}.", nameof(column));

    /// <summary>Checks the schema itself (names present, no outcome used twice, no outcome also a feature).</summary>
    /// <exception cref="ArgumentException">Names the bad property and value.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AssignmentColumn)) throw new ArgumentException("AssignmentColumn is empty.", nameof(AssignmentColumn));
        if (string.IsNullOrEmpty(ControlLabel)) throw new ArgumentException("ControlLabel is empty.", nameof(ControlLabel));
        if (Outcomes is null || Outcomes.Count == 0) throw new ArgumentException("At least one outcome is required.", nameof(Outcomes));
        foreach (var o in Outcomes)
        {
            if (string.IsNullOrWhiteSpace(o.Column)) throw new ArgumentException("An outcome column name is empty.", nameof(Outcomes));
            if (!Enum.IsDefined(o.Kind)) throw new ArgumentOutOfRangeException(nameof(Outcomes), o.Kind, $"Outcome '{o.Column}' has an unknown kind.");
        }
        var dup = Outcomes.GroupBy(o => o.Column).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Outcome '{dup.Key}' is listed twice.", nameof(Outcomes));
        if (Outcomes.Any(o => o.Column == AssignmentColumn)) throw new ArgumentException($"'{AssignmentColumn}' is both the assignment and an outcome.", nameof(Outcomes));
        var leak = Features.FirstOrDefault(f => f == AssignmentColumn || Outcomes.Any(o => o.Column == f));
        if (leak is not null) throw new ArgumentException($"Feature '{leak}' is the assignment or an outcome: features must be measured before treatment.", nameof(FeatureColumns));
        if (TreatmentLabels is { } t)
        {
            if (t.Count == 0) throw new ArgumentException("TreatmentLabels is empty: give at least one treatment arm or null.", nameof(TreatmentLabels));
            if (t.Contains(ControlLabel)) throw new ArgumentException($"TreatmentLabels contains the control label '{ControlLabel}'.", nameof(TreatmentLabels));
            if (t.Distinct().Count() != t.Count) throw new ArgumentException("TreatmentLabels has a repeated label.", nameof(TreatmentLabels));
        }
    }
}
