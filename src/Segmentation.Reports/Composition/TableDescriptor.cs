namespace Segmentation.Reports.Composition;

/// <summary>
/// Builds a table: define <see cref="Columns"/>, optionally a <see cref="Header"/> row, then add
/// body cells with <see cref="Cell"/>, filled left to right and wrapping to the next row.
/// </summary>
public sealed class TableDescriptor
{
    private readonly TableColumnsDescriptor columns = new();
    private readonly TableHeaderDescriptor header = new();

    internal TableDescriptor() { }

    internal IReadOnlyList<(float Relative, float? Constant)> ColumnSpecs => columns.Specs;
    internal IReadOnlyList<Container> HeaderCells => header.Cells;
    internal List<Container> BodyCells { get; } = [];
    internal bool Zebra { get; private set; }
    internal float? PaddingX { get; private set; }
    internal float? PaddingY { get; private set; }

    /// <summary>Defines the columns, left to right.</summary>
    public TableDescriptor Columns(Action<TableColumnsDescriptor> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        define(columns);
        return this;
    }

    /// <summary>Defines the header row (bold, theme header colours), repeated on every page the table spans.</summary>
    public TableDescriptor Header(Action<TableHeaderDescriptor> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        define(header);
        return this;
    }

    /// <summary>Adds the next body cell. A last row with fewer cells than columns is left short.</summary>
    public Container Cell()
    {
        var cell = new Container();
        BodyCells.Add(cell);
        return cell;
    }

    /// <summary>Shades every second body row with the theme's zebra colour.</summary>
    public TableDescriptor ZebraStripes(bool on = true)
    {
        Zebra = on;
        return this;
    }

    /// <summary>Padding inside every cell, in points (default: the theme's table cell padding).</summary>
    public TableDescriptor CellPadding(float horizontal, float vertical)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizontal);
        ArgumentOutOfRangeException.ThrowIfNegative(vertical);
        PaddingX = horizontal;
        PaddingY = vertical;
        return this;
    }
}
