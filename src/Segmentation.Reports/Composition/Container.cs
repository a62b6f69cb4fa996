using SkiaSharp;
using Segmentation.Reports.Composition.Layout;

namespace Segmentation.Reports.Composition;

/// <summary>
/// A slot that holds exactly one piece of content. Content methods (<see cref="Text(string)"/>,
/// <see cref="Column"/>, <see cref="Table"/>, …) fill it; decorators (<see cref="Padding(float)"/>,
/// <see cref="Background"/>, <see cref="Border"/>) fill it with a box and return the inner slot.
/// Several items go in a <see cref="Column"/>.
/// </summary>
public sealed class Container
{
    private Element? child;

    internal Container() { }

    internal IReadOnlyList<Block> LayoutChild(LayoutContext context, float width) =>
        child?.Layout(context, width) ?? [];

    internal bool IsEmpty => child is null;

    private T Set<T>(T element) where T : Element
    {
        if (child is not null)
            throw new InvalidOperationException(
                $"This container already holds {child.GetType().Name.Replace("Element", "")}; put several items in a Column.");
        child = element;
        return element;
    }

    /// <summary>Text in the inherited style, wrapped to the slot width; '\n' starts a new line.</summary>
    /// <param name="text">The text; Chinese and Latin may be mixed.</param>
    /// <returns>A descriptor to change size, weight, colour and alignment.</returns>
    public TextDescriptor Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TextDescriptor(Set(TextElement(text)));
    }

    /// <summary>
    /// Rich text: spans of different styles in one wrapped paragraph,
    /// <c>Text(t => { t.Span("留存率 "); t.Span("+3.2%").Bold().FontColor(good); })</c>.
    /// </summary>
    public void Text(Action<RichTextDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var element = new TextElement();
        compose(new RichTextDescriptor(element));
        Set(element);
    }

    private static TextElement TextElement(string text)
    {
        var element = new TextElement();
        element.Spans.Add(new TextElement.Span(text, []));
        return element;
    }

    /// <summary>Body text: the same as <see cref="Text(string)"/>, reads better for long paragraphs.</summary>
    public TextDescriptor Paragraph(string text) => Text(text);

    /// <summary>A bold heading sized by <paramref name="level"/> from the theme (level 1 in the accent colour), kept on the page of what follows.</summary>
    /// <param name="text">Heading text.</param>
    /// <param name="level">1, 2, 3…; deeper levels use the last theme size.</param>
    public TextDescriptor Heading(string text, int level = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        var element = Set(TextElement(text));
        element.KeepWithNext = true;
        element.SpaceAboveFactor = 0.5f;
        element.BaseStyle = context =>
        {
            IReadOnlyList<float> sizes = context.Theme.HeadingSizes;
            float size = sizes[Math.Min(level, sizes.Count) - 1];
            return context.DefaultStyle with
            {
                Size = size, Bold = true, LineHeight = 1.3f,
                Color = level == 1 ? context.Theme.Accent : context.Theme.Text,
            };
        };
        return new TextDescriptor(element);
    }

    /// <summary>
    /// "Page X of Y": <paramref name="format"/> is a composite format with {0} = page number and
    /// {1} = total pages, e.g. "第 {0} 页 / 共 {1} 页". Filled in after pagination.
    /// </summary>
    public TextDescriptor PageNumber(string format = "{0} / {1}")
    {
        ArgumentNullException.ThrowIfNull(format);
        TextElement element = Set(TextElement(format));
        element.PageNumberFormat = format;
        return new TextDescriptor(element);
    }

    /// <summary>Items stacked vertically; the column flows across pages.</summary>
    public void Column(Action<ColumnDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var column = new ColumnDescriptor();
        compose(column);
        Set(new ColumnElement(column.Items, () => column.Gap));
    }

    /// <summary>Items side by side (one unsplittable block as tall as the tallest item).</summary>
    public void Row(Action<RowDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var row = new RowDescriptor();
        compose(row);
        Set(new RowElement(row.Slots, () => row.Gap));
    }

    /// <summary>A table that breaks between rows and repeats its header row on each page.</summary>
    public void Table(Action<TableDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var table = new TableDescriptor();
        compose(table);
        Set(new TableElement(table));
    }

    /// <summary>
    /// A ScottPlot chart drawn as vectors, as wide as the slot and <paramref name="height"/> points tall.
    /// The plot's title, axis, tick and legend fonts are set to the document's chart face at layout.
    /// </summary>
    public void Chart(ScottPlot.Plot plot, float height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Set(new ChartElement(plot, height));
    }

    /// <summary>An encoded raster image (PNG, JPEG, WebP) <paramref name="height"/> points tall, narrowed to the slot if needed.</summary>
    public void Image(byte[] encoded, float height)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        SKImage image = SKImage.FromEncodedData(encoded)
                        ?? throw new ArgumentException("The bytes are not an image format Skia can decode.", nameof(encoded));
        Image(image, height);
    }

    /// <summary>A decoded image <paramref name="height"/> points tall, narrowed to the slot if needed. The image must outlive PDF generation.</summary>
    public void Image(SKImage image, float height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Set(new ImageElement(image, height));
    }

    /// <summary>Ends the page here; what follows starts on a new page (no blank page if already at the top).</summary>
    public void PageBreak() => Set(new FixedBlockElement((_, _) => Block.PageBreak));

    /// <summary>Empty vertical space of <paramref name="height"/> points.</summary>
    public void Spacer(float height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        Set(new FixedBlockElement((_, _) => new Block(height, static (_, _, _, _) => { }, "spacer")));
    }

    /// <summary>A horizontal hairline across the slot in the theme's rule colour (or <paramref name="color"/>).</summary>
    public void LineHorizontal(float thickness = 0.75f, SKColor? color = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thickness);
        Set(new FixedBlockElement((context, width) => new Block(thickness, (canvas, x, y, _) =>
        {
            using var paint = new SKPaint { Color = color ?? context.Theme.Rule, Style = SKPaintStyle.Fill };
            canvas.DrawRect(SKRect.Create(x, y, width, thickness), paint);
        }, "line")));
    }

    /// <summary>
    /// A KPI card: small muted <paramref name="label"/>, big bold <paramref name="value"/>, and an
    /// optional <paramref name="delta"/> line coloured by the theme's Good or Bad colour.
    /// </summary>
    /// <param name="label">What is measured, e.g. "活跃客户".</param>
    /// <param name="value">The formatted figure.</param>
    /// <param name="delta">The formatted change, e.g. "▲ 3.2% 环比"; null for none.</param>
    /// <param name="deltaGood">True when the change is favourable (green), false when unfavourable (red).</param>
    public void KpiCard(string label, string value, string? delta = null, bool deltaGood = true)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(value);
        Set(new DeferredElement((card, context) =>
        {
            Theme theme = context.Theme;
            card.Border(0.75f).Background(theme.CardBackground).Padding(10, 8).Column(column =>
            {
                column.Spacing(2);
                column.Item().Text(label).FontSize(theme.SmallSize).FontColor(theme.MutedText);
                column.Item().Text(value).FontSize(theme.KpiValueSize).Bold().LineHeight(1.25f);
                if (delta is not null)
                    column.Item().Text(delta).FontSize(theme.SmallSize).FontColor(deltaGood ? theme.Good : theme.Bad);
            });
        }));
    }

    /// <summary>Inserts a reusable component.</summary>
    public void Component(IComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        component.Compose(this);
    }

    /// <summary>Lets a method compose this slot, for shared styling: <c>page.Header().Element(ComposeHeader)</c>.</summary>
    public void Element(Action<Container> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        compose(this);
    }

    /// <summary>Insets the content by <paramref name="all"/> points on every side.</summary>
    public Container Padding(float all) => Padding(all, all, all, all);

    /// <summary>Insets the content horizontally and vertically, in points.</summary>
    public Container Padding(float horizontal, float vertical) => Padding(horizontal, vertical, horizontal, vertical);

    /// <summary>Insets the content on each side, in points; the content keeps flowing across pages.</summary>
    public Container Padding(float left, float top, float right, float bottom)
    {
        foreach ((float value, string name) in new[] { (left, nameof(left)), (top, nameof(top)), (right, nameof(right)), (bottom, nameof(bottom)) })
            if (!(value >= 0)) throw new ArgumentOutOfRangeException(name, value, "Padding must be zero or positive.");
        var inner = new Container();
        Set(new PaddingElement(inner, left, top, right, bottom));
        return inner;
    }

    /// <summary>Fills the box behind the content (the box becomes one unsplittable block).</summary>
    public Container Background(SKColor color)
    {
        var inner = new Container();
        Set(new BoxElement(inner, color, 0, null));
        return inner;
    }

    /// <summary>Strokes a border around the content (the box becomes one unsplittable block); default colour: the theme's rule colour.</summary>
    public Container Border(float width, SKColor? color = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var inner = new Container();
        Set(new BoxElement(inner, null, width, color));
        return inner;
    }
}
