namespace Segmentation.Notebooks.Running;

/// <summary>The producer of a <see cref="CellOutput"/>, mapped to Jupyter's <c>output_type</c>.</summary>
public enum CellOutputKind
{
    /// <summary>A displayed value (<c>display(x)</c>; <c>display_data</c>).</summary>
    Display,
    /// <summary>The value of the cell's last expression (<c>execute_result</c>).</summary>
    ReturnValue,
    /// <summary>Console output (<c>stream</c>, stdout).</summary>
    StandardOutput,
    /// <summary>Console error output (<c>stream</c>, stderr).</summary>
    StandardError,
    /// <summary>The cell failed (<c>error</c>).</summary>
    Error,
}
