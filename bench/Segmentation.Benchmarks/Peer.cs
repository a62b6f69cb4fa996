using System.Diagnostics;
using System.Globalization;

namespace Segmentation.Benchmarks;

/// <summary>Runs a peer implementation with Debian's python (scikit-learn 1.2.1, pandas 1.5.3) in the same benchmark run.</summary>
public static class Peer
{
    private const string PythonPath = "/usr/bin/python3";

    /// <summary>Runs an inline script (given on standard input, OMP_NUM_THREADS = cores) and returns its standard output,
    /// or one line saying why the peer did not run.</summary>
    public static string Python(string script) => Run(script, []);

    /// <summary>Runs a peer script file with arguments (OMP_NUM_THREADS = cores) and returns its standard output, or one line
    /// saying why the peer did not run.</summary>
    public static string PythonFile(string path, params string[] args) =>
        File.Exists(path) ? Run(null, [path, .. args]) : $"peer skipped: {path} not found\n";

    private static string Run(string? script, string[] args)
    {
        if (!File.Exists(PythonPath)) return $"peer skipped: {PythonPath} not found (apt-get install python3-sklearn python3-pandas)\n";
        var psi = new ProcessStartInfo(PythonPath) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["OMP_NUM_THREADS"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        using var p = Process.Start(psi)!;
        if (script is not null) p.StandardInput.Write(script);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? stdout.Result : $"peer failed ({p.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}\n";
    }
}
