using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Recommended product, price, promotion, channel and service level per segment archetype, from a data table the company can edit:
/// a JSON file <c>{ "strategies": [ { "archetype": "HighValue", "productZh": …, "productEn": …, … } ] }</c>.
/// <see cref="Default"/> is the embedded table (<c>Evaluation/Resources/strategy-playbook.json</c>).
/// </summary>
/// <param name="Strategies">One strategy per archetype.</param>
public sealed record StrategyPlaybook(IReadOnlyList<SegmentStrategy> Strategies)
{
    private static readonly Lazy<StrategyPlaybook> Embedded = new(() =>
    {
        using var s = KpiDefinitions.OpenResource("strategy-playbook.json");
        return Read(s, "embedded strategy-playbook.json");
    });

    private static readonly JsonSerializerOptions Json = new(KpiDefinitions.Json) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The embedded default playbook (every archetype).</summary>
    public static StrategyPlaybook Default => Embedded.Value;

    /// <summary>The strategy of an archetype; null when the playbook has none.</summary>
    public SegmentStrategy? For(SegmentArchetype archetype) => Strategies.FirstOrDefault(s => s.Archetype == archetype);

    /// <summary>The strategy of a segment (by its archetype); null without archetype or entry.</summary>
    public SegmentStrategy? For(SegmentDefinition segment) => segment.Archetype is { } a ? For(a) : null;

    /// <summary>Loads a playbook file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid playbook (names the file and the problem).</exception>
    public static StrategyPlaybook Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Strategy playbook not found: {path}", path);
        using var s = File.OpenRead(path);
        return Read(s, path);
    }

    /// <summary>Writes the playbook as JSON (indented, UTF-8) — a starting point to edit.</summary>
    public void Save(string path)
    {
        Serialization.AtomicFile.Write(path, s => Write(s));
    }

    private void Write(Stream s)
    {
        JsonSerializer.Serialize(s, new PlaybookFile(Strategies.ToArray()), new JsonSerializerOptions(Json) { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private sealed record PlaybookFile(SegmentStrategy[] Strategies);

    private static StrategyPlaybook Read(Stream s, string source)
    {
        PlaybookFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PlaybookFile>(s, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid strategy playbook: {e.Message}", e);
        }
        if (file?.Strategies is not { Length: > 0 } list) throw new InvalidDataException($"{source}: no strategies.");
        foreach (var g in list.GroupBy(x => x.Archetype).Where(g => g.Count() > 1))
            throw new InvalidDataException($"{source}: archetype {g.Key} is listed {g.Count()} times.");
        foreach (var x in list)
            if (new[] { x.ProductZh, x.ProductEn, x.PriceZh, x.PriceEn, x.PromotionZh, x.PromotionEn, x.ChannelZh, x.ChannelEn, x.ServiceZh, x.ServiceEn }.Any(string.IsNullOrWhiteSpace))
                throw new InvalidDataException($"{source}: archetype {x.Archetype} has an empty field.");
        return new StrategyPlaybook(list);
    }
}
