namespace Segmentation.Analytics;

/// <summary>
/// A fitted model: immutable, equal by value to any model holding the same learned state, and saved and loaded through
/// <see cref="Serialization.ModelJson"/> only. Implemented through <see cref="FittedModel{TSelf}"/>.
/// </summary>
public interface IFittedModel
{
    /// <summary>The model as deterministic JSON (<see cref="Serialization.ModelJson"/>).</summary>
    string ToJson();

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> (UTF-8, no BOM, final newline).</summary>
    void Save(string path);
}
