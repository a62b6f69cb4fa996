namespace Segmentation.Reports.Composition.Layout;

/// <summary>What a painter may need to know about the page it draws on.</summary>
/// <param name="PageNumber">1-based number of the physical page.</param>
/// <param name="TotalPages">Number of pages in the whole document.</param>
internal sealed record DrawContext(int PageNumber, int TotalPages);
