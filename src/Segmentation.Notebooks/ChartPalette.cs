namespace Segmentation.Notebooks;

/// <summary>The categorical colours (Tableau 10) shared by both renderers, so a segment has one colour everywhere.</summary>
public static class ChartPalette
{
    /// <summary>Hex colours, cycled by index.</summary>
    public static IReadOnlyList<string> Colors { get; } =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    /// <summary>The colour of index <paramref name="index"/> (cycled; negative → grey).</summary>
    public static string Color(int index) => index < 0 ? "#888888" : Colors[index % Colors.Count];
}
