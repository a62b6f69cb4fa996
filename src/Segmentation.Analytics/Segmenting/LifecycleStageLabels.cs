namespace Segmentation.Analytics.Segmenting;

/// <summary>The bilingual names of lifecycle stages: the one resource table for them. Languages: <c>zh</c> (default) and <c>en</c>.</summary>
public static class LifecycleStageLabels
{
    /// <summary>The table: stage → (Chinese, English).</summary>
    public static IReadOnlyDictionary<LifecycleStage, (string Zh, string En)> Table { get; } = new Dictionary<LifecycleStage, (string, string)>
    {
        [LifecycleStage.Prospect] = ("潜在客户", "Prospect"),
        [LifecycleStage.New] = ("新客户", "New"),
        [LifecycleStage.Repeat] = ("回头客", "Repeat"),
        [LifecycleStage.Loyal] = ("忠诚客户", "Loyal"),
        [LifecycleStage.AtRisk] = ("流失风险客户", "At risk"),
        [LifecycleStage.Lost] = ("已流失客户", "Lost"),
    };

    /// <summary>The name of <paramref name="stage"/> in <paramref name="language"/> (<c>zh</c> or <c>en</c>).</summary>
    /// <exception cref="ArgumentException">Unknown language or stage.</exception>
    public static string Label(LifecycleStage stage, string language = "zh")
    {
        if (!Table.TryGetValue(stage, out var names)) throw new ArgumentException($"Unknown stage {stage}.", nameof(stage));
        return language switch
        {
            "zh" => names.Zh,
            "en" => names.En,
            _ => throw new ArgumentException($"Unsupported language '{language}'; expected 'zh' or 'en'.", nameof(language)),
        };
    }
}
