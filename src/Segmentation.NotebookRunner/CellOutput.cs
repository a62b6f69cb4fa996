namespace Segmentation.Notebooks.Running;

/// <summary>One output of an executed code cell, as it is written into the executed notebook.</summary>
/// <param name="Kind">What produced it.</param>
/// <param name="Data">MIME type → content (<c>text/html</c>, <c>text/plain</c>, <c>image/svg+xml</c>, …); for stdout/stderr and
/// errors a single <c>text/plain</c> entry.</param>
public sealed record CellOutput(CellOutputKind Kind, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>The content of one MIME type, or null.</summary>
    public string? this[string mimeType] => Data.TryGetValue(mimeType, out var v) ? v : null;
}
