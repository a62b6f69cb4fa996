using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmentation.Analytics.Serialization;

/// <summary>
/// The one JSON configuration every fitted model is saved and loaded with, so the same model gives the
/// same bytes: camelCase names, indented, shortest round-trip doubles, no timestamps, UTF-8 without escaping CJK.
/// </summary>
public static class ModelJson
{
    /// <summary>Serializer options shared by every model artifact.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises a model to JSON text (LF line endings).</summary>
    public static string Serialize<T>(T model) => JsonSerializer.Serialize(model, Options).Replace("\r\n", "\n");

    /// <summary>
    /// Reads a model back; a malformed file, or one the model rejects when it is read (an
    /// <see cref="IJsonOnDeserialized"/> check throwing <see cref="InvalidDataException"/>), raises an
    /// <see cref="InvalidDataException"/> naming <paramref name="source"/>.
    /// </summary>
    public static T Deserialize<T>(string json, string source = "<string>")
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new InvalidDataException($"{source}: the JSON is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid {typeof(T).Name} (line {e.LineNumber + 1}, {e.Path}): {e.Message}", e);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source + ":", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>Writes a model to a file (UTF-8, no BOM, final newline), atomically (<see cref="AtomicFile"/>).</summary>
    public static void Save<T>(T model, string path) =>
        AtomicFile.WriteAllText(path, Serialize(model) + "\n");

    /// <summary>Loads a model from a file: the one loader of every model type (<see cref="FittedModel{TSelf}.Load"/> calls it).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid <typeparamref name="T"/> (the message names the file).</exception>
    public static T Load<T>(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file not found: {path}", path);
        return Deserialize<T>(File.ReadAllText(path), path);
    }
}
