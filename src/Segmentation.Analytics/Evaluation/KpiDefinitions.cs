using System.Text.Json;

namespace Segmentation.Analytics.Evaluation;

/// <summary>The KPI definitions table (key, zh/en names, unit, test, one-sentence definitions), read from the embedded
/// resource <c>Evaluation/Resources/kpi-definitions.json</c>.</summary>
public static class KpiDefinitions
{
    private static readonly Lazy<IReadOnlyList<KpiDefinition>> Table = new(Read);

    /// <summary>Every KPI, in report order.</summary>
    public static IReadOnlyList<KpiDefinition> All => Table.Value;

    /// <summary>The definition of a key.</summary>
    /// <exception cref="KeyNotFoundException">Unknown key.</exception>
    public static KpiDefinition Get(string key) =>
        All.FirstOrDefault(d => d.Key == key) ?? throw new KeyNotFoundException($"Unknown KPI '{key}'.");

    internal static Stream OpenResource(string name)
    {
        var asm = typeof(KpiDefinitions).Assembly;
        string full = asm.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        return asm.GetManifestResourceStream(full)!;
    }

    internal static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private static IReadOnlyList<KpiDefinition> Read()
    {
        using var s = OpenResource("kpi-definitions.json");
        return JsonSerializer.Deserialize<KpiDefinition[]>(s, Json) ?? [];
    }
}
