namespace Segmentation.Analytics.Serialization;

/// <summary>An output file cannot be written (its path is a folder, permission denied, disk full). Names the file.</summary>
public sealed class OutputFileException : IOException
{
    /// <summary>Creates the exception; the message is <c>path: problem</c>.</summary>
    public OutputFileException(string path, string problem, Exception? inner = null) : base($"{path}: cannot write the output: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The output file as given.</summary>
    public string Path { get; }
}
