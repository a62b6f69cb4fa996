namespace Segmentation.Experiments;

/// <summary>One outcome column of an experiment export.</summary>
/// <param name="Column">Header of the column in the file.</param>
/// <param name="Kind">Binary (values 0 or 1) or continuous (finite numbers).</param>
public sealed record ExperimentOutcome(string Column, OutcomeKind Kind)
{
    /// <summary>A binary outcome.</summary>
    public static ExperimentOutcome Binary(string column) => new(column, OutcomeKind.Binary);

    /// <summary>A continuous outcome.</summary>
    public static ExperimentOutcome Continuous(string column) => new(column, OutcomeKind.Continuous);
}
