using Segmentation.Data.Expressions;

namespace Segmentation.Data;

/// <summary>How a file's headers map onto one table of the data model.</summary>
/// <param name="Present">Canonical column → the header it is read from (only columns the file has; not computed ones).</param>
/// <param name="Identifiers">Headers naming a direct identifier (name, phone, e-mail…): never read.</param>
/// <param name="Ignored">Other headers the data model does not use.</param>
public sealed record ColumnMap(IReadOnlyDictionary<string, string> Present, IReadOnlyList<string> Identifiers, IReadOnlyList<string> Ignored)
{
    /// <summary>Canonical column → the expression computing it; its header names are those of the file.</summary>
    public IReadOnlyDictionary<string, ColumnExpression> Computed { get; init; } = new Dictionary<string, ColumnExpression>();

    /// <summary>Every canonical column the table gets from the file, read or computed.</summary>
    public IReadOnlySet<string> Mapped => Present.Keys.Concat(Computed.Keys).ToHashSet();
}
