namespace Segmentation.Reports.Composition;

/// <summary>
/// A reusable piece of a document (a report section over its view-model), composed into a container:
/// <c>col.Item().Component(new SegmentSection(segment))</c>.
/// </summary>
public interface IComponent
{
    /// <summary>Fills <paramref name="container"/> with this component's content.</summary>
    void Compose(Container container);
}
