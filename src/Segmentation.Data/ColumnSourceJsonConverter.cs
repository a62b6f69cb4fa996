using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmentation.Data;

/// <summary>Reads a <see cref="ColumnSource"/> from a JSON string (the header or expression) or object; writes the short form when it can.</summary>
public sealed class ColumnSourceJsonConverter : JsonConverter<ColumnSource>
{
    /// <inheritdoc />
    public override ColumnSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new ColumnSource { From = reader.GetString() };
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a column is a header name, an expression starting with '=', or an object { \"from\", \"closed\", \"na\" }");
        string? from = null;
        bool? closed = null;
        List<string>? na = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "from":
                    from = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                    break;
                case "closed":
                    closed = reader.GetBoolean();
                    break;
                case "na":
                    na = JsonSerializer.Deserialize<List<string>>(ref reader, options);
                    break;
                default:
                    throw new JsonException($"unknown key '{name}' in a column (expected from, closed, na)");
            }
        }
        return new ColumnSource { From = from, Closed = closed, Na = na };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ColumnSource value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Closed is null && value.Na is null && value.From is not null)
        {
            writer.WriteStringValue(value.From);
            return;
        }
        writer.WriteStartObject();
        if (value.From is not null) writer.WriteString("from", value.From);
        if (value.Closed is { } c) writer.WriteBoolean("closed", c);
        if (value.Na is not null)
        {
            writer.WritePropertyName("na");
            JsonSerializer.Serialize(writer, value.Na, options);
        }
        writer.WriteEndObject();
    }
}
