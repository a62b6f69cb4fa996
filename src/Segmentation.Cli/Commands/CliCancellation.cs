using System.Runtime.InteropServices;
using Segmentation.Analytics.Engines;

namespace Segmentation.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for the whole process: the first signal cancels <see cref="Token"/> and asks every
/// engine registered with <see cref="Register"/> to stop its running statement (DuckDB, PostgreSQL, ClickHouse), so the
/// command unwinds, deletes its staged outputs and exits with 130 after printing "cancelled". A second signal ends the
/// process at once (still 130; no output is ever half-written, see <c>AtomicFile</c>).
/// </summary>
internal static class CliCancellation
{
    /// <summary>The exit code of a cancelled command (128 + SIGINT, as shells report it).</summary>
    public const int ExitCode = 130;

    private static readonly CancellationTokenSource Source = new();
    private static readonly List<ISqlEngine> Engines = [];
    private static readonly List<IDisposable> Registrations = [];
    private static int signals;

    /// <summary>Cancelled by the first Ctrl-C or SIGTERM.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>True once a signal arrived.</summary>
    public static bool Requested => Source.IsCancellationRequested;

    /// <summary>Installs the signal handlers (once, at start).</summary>
    public static void Install()
    {
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Signal();
        };
        if (!OperatingSystem.IsWindows())
            Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                Signal();
            }));
    }

    /// <summary>Stops <paramref name="engine"/>'s running statement when a signal arrives; dispose the result to unregister.</summary>
    public static IDisposable Register(ISqlEngine engine)
    {
        lock (Engines) Engines.Add(engine);
        if (Requested) engine.Cancel();
        return new Unregister(engine);
    }

    private static void Signal()
    {
        if (Interlocked.Increment(ref signals) > 1)
        {
            Console.Error.WriteLine("cancelled");
            Environment.Exit(ExitCode);
        }
        Source.Cancel();
        ISqlEngine[] engines;
        lock (Engines) engines = [.. Engines];
        foreach (var engine in engines)
        {
            try { engine.Cancel(); }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException) { }
        }
    }

    private sealed class Unregister(ISqlEngine engine) : IDisposable
    {
        public void Dispose()
        {
            lock (Engines) Engines.Remove(engine);
        }
    }
}
