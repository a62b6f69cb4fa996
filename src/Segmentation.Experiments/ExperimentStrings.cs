using System.Globalization;

namespace Segmentation.Experiments;

/// <summary>The zh/en sentences of the experiment analysis, in one table.</summary>
public static class ExperimentStrings
{
    private static readonly Dictionary<string, (string Zh, string En)> Table = new(StringComparer.Ordinal)
    {
        ["responds"] = ("{0} 显著提升了 {1} 的细分（{2} 校正后 p < {3}）：{4}。", "{0} significantly raises {1} in ({2}-adjusted p < {3}): {4}."),
        ["responds.none"] = ("{0} 在任何细分中都没有显著提升 {1}（{2} 校正后 p < {3}）。", "{0} does not significantly raise {1} in any segment ({2}-adjusted p < {3})."),
        ["harmed"] = ("{0} 显著降低了 {1} 的细分：{2}。", "{0} significantly lowers {1} in: {2}."),
        ["noevidence"] = ("未见显著效果的细分：{0}。", "No significant effect in: {0}."),
        ["small"] = ("样本过小（某组 n < {0}），结论需谨慎：{1}。", "Small segments (an arm with n < {0}), read with care: {1}."),
        ["untested"] = ("无法检验（样本不足）：{0}。", "Not testable (too few customers): {0}."),
        ["Holm"] = ("Holm", "Holm"),
        ["BenjaminiHochberg"] = ("Benjamini–Hochberg", "Benjamini–Hochberg"),
        ["None"] = ("未", "un"),
        ["list.sep"] = ("、", ", "),
    };

    /// <summary>The sentence <paramref name="key"/> in <paramref name="language"/> (<c>zh</c> or <c>en</c>), formatted with invariant culture.</summary>
    /// <exception cref="ArgumentException">Unknown key or language.</exception>
    public static string Format(string key, string language, params object[] args)
    {
        if (!Table.TryGetValue(key, out var entry)) throw new ArgumentException($"Unknown string key '{key}'.", nameof(key));
        string pattern = language switch
        {
            "zh" => entry.Zh,
            "en" => entry.En,
            _ => throw new ArgumentException($"Language must be 'zh' or 'en'; got '{language}'.", nameof(language)),
        };
        return string.Format(CultureInfo.InvariantCulture, pattern, args);
    }
}
