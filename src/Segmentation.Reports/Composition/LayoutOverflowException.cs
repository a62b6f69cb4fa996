namespace Segmentation.Reports.Composition;

/// <summary>
/// Thrown when one unsplittable piece of content (a chart, an image, a table row, a row of KPI cards,
/// a table header with its first row) is taller than an empty page body. The composer fails rather
/// than clipping silently: a report with a cut-off chart is worse than no report.
/// </summary>
public sealed class LayoutOverflowException : Exception
{
    /// <summary>Creates the exception for the piece described by <paramref name="what"/>.</summary>
    public LayoutOverflowException(string what, float height, float available)
        : base($"{what} is {height:F1} pt tall but a page body holds only {available:F1} pt. " +
               "Make it smaller, or split it into several items (table rows break across pages, a single cell does not).")
    {
        What = what;
        Height = height;
        Available = available;
    }

    /// <summary>What did not fit.</summary>
    public string What { get; }

    /// <summary>Its height in points.</summary>
    public float Height { get; }

    /// <summary>The height of an empty page body in points.</summary>
    public float Available { get; }
}
