namespace Segmentation.Benchmarks;

/// <summary>
/// One named benchmark run by <c>dotnet run -c Release --project bench/Segmentation.Benchmarks -- NAME [args]</c>.
/// Each prints its figures (wall time, peak memory, the peer's figure when it runs one) as plain lines.
/// </summary>
public interface IBench
{
    /// <summary>Short name used on the command line.</summary>
    string Name { get; }

    /// <summary>One line saying what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark and writes its figures to <paramref name="output"/>.</summary>
    void Run(string[] args, TextWriter output);
}
