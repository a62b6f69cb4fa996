using Segmentation.Analytics.Models;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Data;

/// <summary>
/// Maps the headers and files of real inputs onto the canonical data model, so files that name things
/// differently are read without code changes. Load it from JSON (<c>schema.json</c> in the data directory is
/// picked up automatically) or build it in code.
/// </summary>
/// <example><code>
/// { "tables": { "transactions": { "file": "sales.csv", "encoding": "gb18030",
///     "columns": { "customer_id": "会员号", "timestamp": "交易时间", "amount": "金额" },
///     "formats": { "timestamp": ["%Y%m%d"] } } } }
/// </code></example>
public sealed record SchemaMapping
{
    /// <summary>Per canonical table name.</summary>
    public IReadOnlyDictionary<string, TableMapping> Tables { get; init; } = new Dictionary<string, TableMapping>();

    /// <summary>The identity mapping (canonical headers, default file names).</summary>
    public static SchemaMapping Default { get; } = new();

    /// <summary>The mapping of one table (the default one if not declared).</summary>
    public TableMapping For(string table) => Tables.TryGetValue(table, out var m) ? m : new TableMapping();

    /// <summary>Returns a copy with one table's mapping replaced.</summary>
    public SchemaMapping With(string table, TableMapping mapping)
    {
        DataModel.Get(table);
        var tables = new Dictionary<string, TableMapping>(Tables) { [table] = mapping };
        return this with { Tables = tables };
    }

    /// <summary>Loads a mapping file; unknown table or column names are an error naming the file.</summary>
    public static SchemaMapping Load(string path)
    {
        var mapping = ModelJson.Load<SchemaMapping>(path);
        foreach (var (table, tm) in mapping.Tables)
        {
            var spec = DataModel.All.FirstOrDefault(t => t.Name == table)
                ?? throw new InvalidDataException($"{path}: unknown table '{table}'; expected one of {string.Join(", ", DataModel.All.Select(t => t.Name))}.");
            foreach (var column in tm.Columns.Keys.Concat(tm.Formats.Keys).Concat(tm.Categories.Keys).Concat(tm.Values.Keys))
                if (spec.Find(column) is null)
                    throw new InvalidDataException($"{path}: table '{table}' has no column '{column}'; its columns are {string.Join(", ", spec.Columns.Select(c => c.Name))}.");
            if (!Text.TextEncodingDetector.Declarable.Contains(tm.Encoding.ToLowerInvariant()))
                throw new InvalidDataException($"{path}: table '{table}': encoding '{tm.Encoding}' is not supported ({string.Join(", ", Text.TextEncodingDetector.Declarable)}).");
        }
        return mapping;
    }
}
