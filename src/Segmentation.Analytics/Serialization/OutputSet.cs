namespace Segmentation.Analytics.Serialization;

/// <summary>
/// The outputs of one run, published together: each file is staged beside its target (<see cref="AtomicFile.Stage"/>)
/// and all are renamed into place by <see cref="Commit"/>, after the last one is complete. Disposing without a commit
/// (an error, Ctrl-C) deletes the staged files, so a failed run leaves the previous run's outputs as they were — never
/// a new rejects file beside an old RFM table.
/// </summary>
public sealed class OutputSet : IDisposable
{
    private readonly List<(string Temp, string Path)> staged = [];

    /// <summary>Stages one output file.</summary>
    public void Add(string path, Action<Stream> write) => staged.Add((AtomicFile.Stage(path, write), path));

    /// <summary>Stages one text output file (UTF-8 without BOM, LF).</summary>
    public void AddText(string path, Action<TextWriter> write) => Add(path, s =>
    {
        using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        write(w);
    });

    /// <summary>The files staged so far.</summary>
    public IReadOnlyList<string> Paths => staged.Select(s => s.Path).ToArray();

    /// <summary>Renames every staged file into place.</summary>
    public void Commit()
    {
        foreach (var (temp, path) in staged) AtomicFile.Commit(temp, path);
        staged.Clear();
    }

    /// <summary>Deletes the files staged and not committed.</summary>
    public void Dispose()
    {
        foreach (var (temp, _) in staged) AtomicFile.TryDelete(temp);
        staged.Clear();
    }
}
