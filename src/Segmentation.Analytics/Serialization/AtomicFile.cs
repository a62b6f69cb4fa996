using System.Text;

namespace Segmentation.Analytics.Serialization;

/// <summary>
/// Writes output files so that a reader sees the old file or the complete new one, never a part: the content goes to a
/// hidden temporary file in the target folder (<c>.name.random.tmp</c>), is flushed to disk, and is then renamed over the
/// target (a rename within one folder is atomic on POSIX file systems and NTFS). A failure or cancellation while writing
/// — disk full, Ctrl-C, an exception in the writer — deletes the temporary file and leaves the target untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> (the folder is created).</summary>
    /// <exception cref="OutputFileException">The path is a folder, or the file cannot be written (the message names it).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string temp = Stage(path, write);
        Commit(temp, path);
    }

    /// <summary>Writes text (UTF-8 without BOM, LF line endings) through <paramref name="write"/>.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(w);
        });
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without BOM.</summary>
    public static void WriteAllText(string path, string text) => WriteText(path, w => w.Write(text));

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));

    /// <summary>
    /// Writes the content to a temporary file beside <paramref name="path"/> and returns its name; <see cref="Commit"/>
    /// renames it into place. On failure the temporary file is deleted and the exception is rethrown.
    /// </summary>
    public static string Stage(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Check(path);
        string dir = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException(path, $"its folder cannot be created ({e.Message})", e);
        }
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            using (var s = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(s);
                s.Flush(flushToDisk: true);
            }
            return temp;
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is IOException or UnauthorizedAccessException && e is not OutputFileException)
                throw new OutputFileException(path, Describe(e), e);
            throw;
        }
    }

    /// <summary>Renames a staged temporary file over <paramref name="path"/>.</summary>
    public static void Commit(string temp, string path)
    {
        try
        {
            File.Move(temp, Check(path), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new OutputFileException(path, Describe(e), e);
        }
    }

    /// <summary>Deletes a staged temporary file (no error when it is gone).</summary>
    public static void TryDelete(string temp)
    {
        try { File.Delete(temp); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OutputFileException(path ?? "", "no file name given");
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full) || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
            throw new OutputFileException(path, "is a folder; give a file name");
        return full;
    }

    private static string Describe(Exception e) =>
        e is UnauthorizedAccessException ? "permission denied"
        : e.HResult == 28 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) ? "the disk is full; nothing was written"
        : e.Message;
}
