namespace Segmentation.Analytics.Engines;

/// <summary>One table of the data model: its canonical name, columns and key.</summary>
/// <param name="Name">Canonical table name, also the default file stem (<c>transactions.csv</c>).</param>
/// <param name="Columns">Columns in canonical order.</param>
/// <param name="Key">Columns whose combination must be unique; duplicates after the first are rejected.</param>
public sealed record TableSpec(string Name, IReadOnlyList<ColumnSpec> Columns, IReadOnlyList<string> Key)
{
    /// <summary>The column with the canonical <paramref name="name"/>, or null.</summary>
    public ColumnSpec? Find(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>Returns a copy with the categories of one column replaced (a company's own code lists).</summary>
    public TableSpec WithCategories(string column, IReadOnlyList<string> categories, bool ordinal = false)
    {
        var spec = Find(column) ?? throw new ArgumentException($"Table '{Name}' has no column '{column}'.", nameof(column));
        return this with { Columns = Columns.Select(c => c == spec ? c with { Categories = categories, Ordinal = ordinal } : c).ToArray() };
    }
}
