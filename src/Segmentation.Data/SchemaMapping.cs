using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Analytics.Engines;

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

    /// <summary>The currency of the amounts, an ISO 4217 code (<c>"currency": "GBP"</c>); null = not stated. Reports print its sign.</summary>
    public string? Currency { get; init; }

    /// <summary>The largest schema file read, in bytes (a real one is a few kilobytes; a larger one only costs time and memory).</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>The most categories and recoded values a schema may declare, over all tables.</summary>
    public const int MaxCategories = 10_000;

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

    /// <summary>
    /// The JSON form of a mapping: snake_case keys (<c>zero_amounts</c>, <c>invalid_optional</c>), case-sensitive, and an
    /// unknown key is an error (a misspelt option must not be silently ignored).
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Writes the mapping as JSON (UTF-8 without BOM, LF, final newline).</summary>
    public void Save(string path) =>
        Analytics.Serialization.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions).Replace("\r\n", "\n") + "\n");

    /// <summary>Reads a mapping from JSON text; errors name <paramref name="source"/>, the key and what was expected.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, has an unknown key or an invalid value.</exception>
    public static SchemaMapping Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxBytes)
            throw new InvalidDataException($"{source}: the schema mapping is {json.Length:N0} characters; a schema is at most {MaxBytes:N0} (limit {nameof(MaxBytes)})");
        SchemaMapping mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<SchemaMapping>(json, JsonOptions) ?? throw new InvalidDataException($"{source}: the schema is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid schema mapping (line {e.LineNumber + 1}, {e.Path}): {e.Message}", e);
        }
        mapping.Check(source);
        return mapping;
    }

    /// <summary>Loads a mapping file; unknown table or column names and invalid options are errors naming the file and the key.</summary>
    public static SchemaMapping Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"Schema mapping not found: {path}", path);
        long size = new FileInfo(path).Length;
        if (size > MaxBytes)
            throw new InvalidDataException($"{path}: the schema mapping is {size:N0} bytes; a schema is at most {MaxBytes:N0} bytes (limit {nameof(MaxBytes)})");
        return Parse(System.IO.File.ReadAllText(path), path);
    }

    /// <summary>Checks names and option values against the data model.</summary>
    /// <exception cref="InvalidDataException">Something is not valid; the message names <paramref name="source"/> and the key.</exception>
    public void Check(string source)
    {
        // JSON null where an object or list belongs would surface later as a NullReferenceException: name the key now.
        if (Tables is null) throw new InvalidDataException($"{source}: \"tables\" is null; give an object with one entry per table.");
        int categories = 0;
        foreach (var (table, tm) in Tables)
        {
            if (tm is null) throw new InvalidDataException($"{source}: tables.{table} is null; give an object (or leave the table out).");
            foreach (var (name, value) in new (string, object?)[] { ("columns", tm.Columns), ("formats", tm.Formats), ("categories", tm.Categories), ("values", tm.Values) })
                if (value is null) throw new InvalidDataException($"{source}: tables.{table}.{name} is null; give an object (or leave the key out).");
            foreach (var (column, src) in tm.Columns)
                if (src is null) throw new InvalidDataException($"{source}: tables.{table}.columns.{column} is null; give a header name, '= expression' or an object.");
            foreach (var (column, list) in tm.Formats)
                if (list is null || list.Any(f => f is null)) throw new InvalidDataException($"{source}: tables.{table}.formats.{column} is null or holds null; give a list of formats.");
            foreach (var (column, list) in tm.Categories)
            {
                if (list is null || list.Any(c => c is null)) throw new InvalidDataException($"{source}: tables.{table}.categories.{column} is null or holds null; give a list of codes.");
                categories += list.Count;
            }
            foreach (var (column, map) in tm.Values)
            {
                if (map is null || map.Values.Any(v => v is null)) throw new InvalidDataException($"{source}: tables.{table}.values.{column} is null or maps to null; give an object of value → code.");
                categories += map.Count;
            }
            if (tm.Na is { } na && na.Any(n => n is null)) throw new InvalidDataException($"{source}: tables.{table}.na holds null; give a list of strings.");
            if (categories > MaxCategories)
                throw new InvalidDataException($"{source}: the schema declares more than {MaxCategories:N0} categories and recoded values; a code list that long is not a code list (limit {nameof(MaxCategories)})");
        }
        if (Currency is not null && (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper)))
            throw new InvalidDataException($"{source}: \"currency\" is not an ISO 4217 code of three capital letters (GBP, CNY, USD, EUR).");
        foreach (var (table, tm) in Tables)
        {
            var spec = DataModel.All.FirstOrDefault(t => t.Name == table)
                ?? throw new InvalidDataException($"{source}: unknown table '{table}'; expected one of {string.Join(", ", DataModel.All.Select(t => t.Name))}.");
            string key = $"tables.{table}";
            foreach (var column in tm.Columns.Keys.Concat(tm.Formats.Keys).Concat(tm.Categories.Keys).Concat(tm.Values.Keys))
                if (spec.Find(column) is null)
                    throw new InvalidDataException($"{source}: table '{table}' has no column '{column}'; its columns are {string.Join(", ", spec.Columns.Select(c => c.Name))}.");
            if (!Text.TextEncodingDetector.Declarable.Contains(tm.Encoding.ToLowerInvariant()))
                throw new InvalidDataException($"{source}: table '{table}': encoding '{tm.Encoding}' is not supported ({string.Join(", ", Text.TextEncodingDetector.Declarable)}).");
            if (tm.ZeroAmounts is not (null or "keep" or "reject"))
                throw new InvalidDataException($"{source}: {key}.zero_amounts is '{tm.ZeroAmounts}'; expected keep or reject.");
            if (tm.InvalidOptional is not (null or "clear" or "reject"))
                throw new InvalidDataException($"{source}: {key}.invalid_optional is '{tm.InvalidOptional}'; expected clear or reject.");
            if (tm.Lines is not (null or "sum"))
                throw new InvalidDataException($"{source}: {key}.lines is '{tm.Lines}'; expected sum.");
            if (tm.Lines is not null && table != "transactions")
                throw new InvalidDataException($"{source}: {key}.lines: only the transactions table has line items (amount, cost and quantity are summed).");
            if (tm.File is not null && tm.Query is not null)
                throw new InvalidDataException($"{source}: {key}: give either file or query, not both.");
            try { Sql.DateFormatDetector.ParseZone(tm.Timezone); }
            catch (InvalidDataException e) { throw new InvalidDataException($"{source}: {key}.timezone: {e.Message}.", e); }
            foreach (var (column, src) in tm.Columns)
            {
                if (src.From is null && src.Closed is null && src.Na is null)
                    throw new InvalidDataException($"{source}: {key}.columns.{column} is empty; give a header name, '= expression' or an object with from/closed/na.");
                if (!src.IsExpression) continue;
                try { Expressions.ColumnExpression.Parse(src.From!); }
                catch (Expressions.ColumnExpressionException e) { throw new InvalidDataException($"{source}: {key}.columns.{column}: {e.Message}.", e); }
            }
        }
    }
}
