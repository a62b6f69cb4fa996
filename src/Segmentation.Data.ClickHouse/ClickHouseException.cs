using System.Data.Common;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.ClickHouse;

/// <summary>
/// A ClickHouse node could not be reached or refused a statement. The message names the stage, the node
/// (<c>host:port</c>) and, for a shard the coordinator could not reach, the server's own text naming that shard's address.
/// No partial result is ever returned with it.
/// </summary>
public sealed class ClickHouseException : EngineServerException
{
    /// <summary>Creates the exception.</summary>
    public ClickHouseException(ClickHouseStage stage, string endpoint, string message, string? statement = null, Exception? inner = null)
        : base($"ClickHouse {stage.ToString().ToLowerInvariant()} failed on {endpoint}: {message}", inner)
    {
        Stage = stage;
        Endpoint = endpoint;
        Statement = statement;
    }

    /// <summary>The stage that failed.</summary>
    public ClickHouseStage Stage { get; }

    /// <summary>The node (<c>host:port</c> of its HTTP interface) the statement was sent to.</summary>
    public string Endpoint { get; }

    /// <summary>The statement, when one was sent.</summary>
    public string? Statement { get; }
}
