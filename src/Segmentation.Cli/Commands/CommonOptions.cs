using System.CommandLine;
using System.Globalization;
using Segmentation.Analytics.Data;

namespace Segmentation.Cli.Commands;

/// <summary>Options shared by several commands, and their parsing.</summary>
internal static class CommonOptions
{
    public static Option<string> Data(bool required = true) => new("--data")
    {
        Description = "Data directory holding transactions.csv|.parquet and the other tables of the data model (schema.json there maps other headers)",
        Required = required,
    };

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "As-of date yyyy-MM-dd: dates after it are rejected as future dates (default: today)",
    };

    public static Option<string?> Schema() => new("--schema")
    {
        Description = "Schema mapping JSON (default: schema.json in the data directory if present)",
    };

    public static Option<string?> KeyFile() => new("--pseudonym-key")
    {
        Description = $"File with the key for pseudonymising customer ids (HMAC-SHA256); default: the {Pseudonymizer.KeyVariable} environment variable, if set",
    };

    /// <summary>Parses a yyyy-MM-dd date option; throws a usage error naming the option.</summary>
    public static DateTime? ParseDate(string? value, string option)
    {
        if (value is null) return null;
        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new UsageException($"{option} '{value}' is not a date in yyyy-MM-dd form.");
    }

    /// <summary>Parses a yyyy-MM month option.</summary>
    public static DateTime ParseMonth(string value, string option)
    {
        if (DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new UsageException($"{option} '{value}' is not a month in yyyy-MM form.");
    }

    public static IngestOptions Ingest(DateTime asOf, string? schema, string? keyFile) => new(
        asOf,
        schema is null ? null : SchemaMapping.Load(schema),
        Pseudonymizer.FromEnvironmentOrFile(keyFile));
}

/// <summary>A wrong command-line argument: printed as an error with exit code 1.</summary>
internal sealed class UsageException(string message) : Exception(message);
