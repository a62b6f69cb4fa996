namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// A segmentation model fitted on data after the report period was given for that period: its segments were shaped by what
/// happened later (look-ahead), so the evaluation refuses it unless <see cref="MonthlyRunOptions.AllowLookahead"/> is set.
/// An <see cref="ArgumentException"/> on <see cref="MonthlyRunOptions.ModelPath"/> (the CLI exits with 1, wrong arguments).
/// </summary>
public sealed class ModelLookaheadException : ArgumentException
{
    /// <summary>A refusal of the model at <paramref name="modelPath"/>, fitted at <paramref name="trainingSnapshot"/>, for a period ending at <paramref name="periodEnd"/>.</summary>
    public ModelLookaheadException(string modelPath, DateOnly trainingSnapshot, DateOnly periodEnd)
        : base(string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "The segmentation model {0} was fitted on data up to {1:yyyy-MM-dd}, after the report period's end {2:yyyy-MM-dd}: its segments " +
            "were shaped by later data (look-ahead). Use a model fitted at or before {2:yyyy-MM-dd} (or none, to fit one), or pass " +
            "--allow-lookahead to use it anyway (the report's cover then says so).", modelPath, trainingSnapshot, periodEnd), nameof(MonthlyRunOptions.ModelPath))
    {
        ModelPath = modelPath;
        TrainingSnapshot = trainingSnapshot;
        PeriodEnd = periodEnd;
    }

    /// <summary>The sentence alone (without ArgumentException's "(Parameter …)" suffix): it is what the CLI prints.</summary>
    public override string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture,
        "The segmentation model {0} was fitted on data up to {1:yyyy-MM-dd}, after the report period's end {2:yyyy-MM-dd}: its segments " +
        "were shaped by later data (look-ahead). Use a model fitted at or before {2:yyyy-MM-dd} (or none, to fit one), or pass " +
        "--allow-lookahead to use it anyway (the report's cover then says so).", ModelPath, TrainingSnapshot, PeriodEnd);

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The day the model's training features were taken at.</summary>
    public DateOnly TrainingSnapshot { get; }

    /// <summary>The last day of the report period.</summary>
    public DateOnly PeriodEnd { get; }
}
