using System.Diagnostics;

namespace Segmentation.Benchmarks;

/// <summary>Runs a peer implementation with Debian's python (scikit-learn 1.2.1, pandas 1.5.3) and returns its output.</summary>
public static class Peer
{
    public static string Python(string script)
    {
        if (!File.Exists(PythonPath)) return $"   (peer skipped: {PythonPath} not found; apt-get install python3-pandas python3-sklearn)\n";
        var file = Path.Combine(Path.GetTempPath(), $"seg-peer-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, script);
        try
        {
            var psi = new ProcessStartInfo(PythonPath, file) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEnd();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? stdout : $"   (peer failed: {stderr.Trim().Split('\n').LastOrDefault()})\n";
        }
        finally
        {
            File.Delete(file);
        }
    }

    private const string PythonPath = "/usr/bin/python3";
}
