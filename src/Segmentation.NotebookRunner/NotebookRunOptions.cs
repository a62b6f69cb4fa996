namespace Segmentation.Notebooks.Running;

/// <summary>Settings of <see cref="NotebookRunner"/>.</summary>
/// <param name="CellTimeout">Longest a single cell may run before the run fails (default 10 minutes).</param>
/// <param name="WorkingDirectory">Current directory while the notebook runs; null = the notebook's own folder (what VS Code and
/// Jupyter do, so relative paths in cells mean the same everywhere).</param>
public sealed record NotebookRunOptions(TimeSpan? CellTimeout = null, string? WorkingDirectory = null)
{
    /// <summary>The cell timeout in effect.</summary>
    public TimeSpan EffectiveCellTimeout => CellTimeout ?? TimeSpan.FromMinutes(10);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public void Validate()
    {
        if (CellTimeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CellTimeout), t, "CellTimeout must be positive.");
    }
}
