namespace Segmentation.Reports.Composition;

/// <summary>Defines a table's header row, one <see cref="Cell"/> per column.</summary>
public sealed class TableHeaderDescriptor
{
    internal List<Container> Cells { get; } = [];

    internal TableHeaderDescriptor() { }

    /// <summary>Adds the next header cell.</summary>
    public Container Cell()
    {
        var cell = new Container();
        Cells.Add(cell);
        return cell;
    }
}
