using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics;

/// <summary>
/// The base of every fitted model record: <see cref="ToJson"/>, <see cref="Save"/>, <see cref="FromJson"/> and
/// <see cref="Load"/> written once, over <see cref="ModelJson"/>, so every model file has the same format rules.
/// </summary>
/// <remarks>
/// A model that must check what it reads (e.g. a schema version) implements
/// <see cref="System.Text.Json.Serialization.IJsonOnDeserialized"/> and throws <see cref="InvalidDataException"/>; the
/// loader adds the file name to the message.
/// </remarks>
/// <typeparam name="TSelf">The model type itself.</typeparam>
public abstract record FittedModel<TSelf> : IFittedModel
    where TSelf : FittedModel<TSelf>
{
    /// <inheritdoc/>
    public string ToJson() => ModelJson.Serialize((TSelf)this);

    /// <inheritdoc/>
    public void Save(string path) => ModelJson.Save((TSelf)this, path);

    /// <summary>Reads a model from JSON text written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid model of this type.</exception>
    public static TSelf FromJson(string json, string source = "<string>") => ModelJson.Deserialize<TSelf>(json, source);

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid model of this type (the message names the file).</exception>
    public static TSelf Load(string path) => ModelJson.Load<TSelf>(path);
}
