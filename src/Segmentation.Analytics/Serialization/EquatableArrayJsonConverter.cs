using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Segmentation.Analytics.Serialization;

/// <summary>
/// Reads and writes <see cref="EquatableArray{T}"/> exactly as System.Text.Json reads and writes <c>T[]</c>: null, or a JSON
/// array whose elements go through the options' own contract for <c>T</c> (so number handling such as NaN literals and
/// nested arrays behave as before and model files keep their bytes).
/// </summary>
internal sealed class EquatableArrayJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ElementConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ElementConverter<T> : JsonConverter<EquatableArray<T>>
    {
        public override bool HandleNull => false;

        public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new JsonException($"Expected a JSON array for {typeof(T).Name}[], found {reader.TokenType}.");
            var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                items.Add(JsonSerializer.Deserialize(ref reader, element)!);
            return EquatableArray<T>.Own(items.ToArray());
        }

        public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options)
        {
            var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            writer.WriteStartArray();
            foreach (var item in value.AsSpan()) JsonSerializer.Serialize(writer, item, element);
            writer.WriteEndArray();
        }
    }
}
