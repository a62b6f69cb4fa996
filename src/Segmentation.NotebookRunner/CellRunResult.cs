namespace Segmentation.Notebooks.Running;

/// <summary>The execution of one code cell.</summary>
/// <param name="CellNumber">1-based position of the cell in the notebook (markdown cells counted), as an editor shows it.</param>
/// <param name="CodeCellNumber">1-based position among the code cells (the execution count).</param>
/// <param name="Outputs">Outputs in the order they were produced.</param>
/// <param name="Error">The failure message (compiler diagnostics or the exception), or null when the cell succeeded.</param>
/// <param name="Elapsed">Wall-clock time of the cell.</param>
public sealed record CellRunResult(int CellNumber, int CodeCellNumber, IReadOnlyList<CellOutput> Outputs, string? Error, TimeSpan Elapsed)
{
    /// <summary>True when the cell ran without error.</summary>
    public bool Succeeded => Error is null;
}
