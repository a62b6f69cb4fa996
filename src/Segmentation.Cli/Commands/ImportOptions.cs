using System.CommandLine;
using Segmentation.Data;

namespace Segmentation.Cli.Commands;

/// <summary>
/// The options that say how a data directory is imported, shared by every command that reads one: <c>--schema</c> (the
/// import spec), <c>--zero-amounts keep|reject</c> and <c>--allow-queries</c> (run a <c>"query"</c> of a
/// <c>schema.json</c> found in the data directory; a schema passed with <c>--schema</c> runs its queries anyway).
/// </summary>
internal sealed record ImportOptions(Option<string?> Schema, Option<string?> ZeroAmounts, Option<bool> AllowQueries)
{
    public IEnumerable<Option> All => [Schema, ZeroAmounts, AllowQueries];

    public static ImportOptions Create() => new(
        CommonOptions.Schema(),
        new Option<string?>("--zero-amounts") { Description = "keep (default: transactions of amount 0 are purchase occasions with value 0, flagged) | reject (the old rule)" },
        new Option<bool>("--allow-queries") { Description = "Run a \"query\" of the schema.json found in the data directory (read-only, confined to the directory); with --schema F queries run anyway" });

    /// <summary>The ingest options for <paramref name="asOf"/>; wrong values are usage errors naming the option.</summary>
    public IngestOptions Build(ParseResult r, DateTime asOf, string? keyFile)
    {
        var zero = r.GetValue(ZeroAmounts) switch
        {
            null => (ZeroAmountPolicy?)null,
            "keep" => ZeroAmountPolicy.Keep,
            "reject" => ZeroAmountPolicy.Reject,
            var other => throw new UsageException($"--zero-amounts '{other}' is not one of keep, reject."),
        };
        return CommonOptions.Ingest(asOf, r.GetValue(Schema), keyFile) with { ZeroAmounts = zero, AllowQueries = r.GetValue(AllowQueries) };
    }
}
