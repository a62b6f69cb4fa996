using System.Data.Common;

namespace Segmentation.Analytics.Engines;

/// <summary>
/// A database server behind an <see cref="ISqlEngine"/> failed (unreachable, refused, a node down, a statement the
/// server rejected). The message names the server (host or node) and what was being done; the CLI exits with 4.
/// Engines raise it (or a subclass) instead of their driver's exception, so no driver type crosses its engine's assembly.
/// </summary>
public class EngineServerException : DbException
{
    /// <summary>Creates the exception.</summary>
    public EngineServerException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
