using System.Diagnostics;

namespace Segmentation.Data.Sql;

/// <summary>
/// Optional log of every statement the engines run, with its wall time: set the environment variable
/// <c>SEG_SQL_LOG</c> to a file path (appended). For finding what is slow; off by default.
/// </summary>
internal static class SqlLog
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("SEG_SQL_LOG");
    private static readonly Lock Gate = new();

    internal static long Start() => Path is null ? 0 : Stopwatch.GetTimestamp();

    internal static void Write(long started, string sql)
    {
        if (Path is null) return;
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (Gate) File.AppendAllText(Path, $"-- {ms:F0} ms\n{sql}\n\n");
    }
}
