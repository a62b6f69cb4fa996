using System.Globalization;

namespace Segmentation.Notebooks.Running;

/// <summary>The headless execution of one notebook: every code cell run in order until the first failure.</summary>
/// <param name="NotebookPath">The notebook that was run.</param>
/// <param name="OutputPath">Where the executed notebook was written, or null.</param>
/// <param name="Cells">The code cells that ran (the failing one last when the run failed).</param>
/// <param name="CodeCells">Number of code cells in the notebook.</param>
/// <param name="Elapsed">Wall-clock time of the whole run (kernel start included).</param>
public sealed record NotebookRunResult(string NotebookPath, string? OutputPath, IReadOnlyList<CellRunResult> Cells, int CodeCells, TimeSpan Elapsed)
{
    /// <summary>True when every code cell ran without error.</summary>
    public bool Succeeded => Cells.Count == CodeCells && Cells.All(c => c.Succeeded);

    /// <summary>The cell that failed, or null.</summary>
    public CellRunResult? FailedCell => Cells.FirstOrDefault(c => !c.Succeeded);

    /// <summary>One line: the notebook, success or the failing cell with its error, and the time.</summary>
    public override string ToString() => FailedCell is { } f
        ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(NotebookPath)}: FAILED at cell {f.CellNumber} (code cell {f.CodeCellNumber} of {CodeCells}) after {Elapsed.TotalSeconds:F1} s: {f.Error}")
        : string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(NotebookPath)}: {CodeCells} code cells ok in {Elapsed.TotalSeconds:F1} s");
}
