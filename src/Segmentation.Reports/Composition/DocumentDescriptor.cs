namespace Segmentation.Reports.Composition;

/// <summary>Describes a whole document: metadata, default text style, theme and its page runs.</summary>
public sealed class DocumentDescriptor
{
    internal DocumentMetadata MetadataValue { get; private set; } = new();
    internal TextStyle? DefaultStyle { get; private set; }
    internal Theme ThemeValue { get; private set; } = Composition.Theme.Default;
    internal List<PageDescriptor> Pages { get; } = [];

    internal DocumentDescriptor() { }

    /// <summary>Sets the PDF metadata.</summary>
    public DocumentDescriptor Metadata(DocumentMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        MetadataValue = metadata;
        return this;
    }

    /// <summary>Sets the PDF metadata. Pass a fixed <paramref name="creationDate"/> (e.g. the as-of date), never the clock, to keep output reproducible.</summary>
    public DocumentDescriptor Metadata(string? title = null, string? author = null, string? subject = null,
                                       string? keywords = null, DateTime? creationDate = null) =>
        Metadata(new DocumentMetadata(title, author, subject, keywords, creationDate));

    /// <summary>The style inherited by all text (default: the theme's body size, regular, theme text colour).</summary>
    public DocumentDescriptor DefaultTextStyle(TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (!(style.Size > 0)) throw new ArgumentOutOfRangeException(nameof(style), style.Size, "Text size must be positive.");
        DefaultStyle = style;
        return this;
    }

    /// <summary>Colours, sizes and fonts (default <see cref="Composition.Theme.Default"/>).</summary>
    public DocumentDescriptor Theme(Theme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        ThemeValue = theme;
        return this;
    }

    /// <summary>Adds a run of pages; runs follow each other and share one page count.</summary>
    public DocumentDescriptor Page(Action<PageDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var page = new PageDescriptor();
        compose(page);
        Pages.Add(page);
        return this;
    }
}
