using System.Runtime.InteropServices;

namespace Segmentation.Data;

/// <summary>
/// The rules for a file that an import spec names: it must be one regular file inside the data directory. A name with
/// a glob character (<c>* ? [ ] { }</c>), an absolute path, a <c>..</c> segment, a symbolic link whose target lies
/// outside the directory, a device, FIFO, socket or folder is refused with a message naming the spec's key — never
/// the file's content. A spec the user passed on the command line (<c>--schema F</c>) is trusted to name files
/// elsewhere, but not patterns or special files.
/// </summary>
internal static class ConfinedPath
{
    /// <summary>Characters DuckDB (and shells) expand as file patterns.</summary>
    private static readonly char[] GlobCharacters = ['*', '?', '[', ']', '{', '}'];

    /// <summary>True when <paramref name="name"/> holds a glob character.</summary>
    public static bool HasGlob(string name) => name.IndexOfAny(GlobCharacters) >= 0;

    /// <summary>
    /// The full path of the file <paramref name="name"/> (as written in the spec under <paramref name="key"/>) in
    /// <paramref name="directory"/>.
    /// </summary>
    /// <param name="directory">The data directory.</param>
    /// <param name="name">The file name as the spec writes it.</param>
    /// <param name="key">The spec's key, for messages (<c>tables.transactions.file</c>).</param>
    /// <param name="source">The spec (file name or "schema"), for messages.</param>
    /// <param name="trusted">True for a spec passed on the command line: it may name files outside the directory.</param>
    /// <exception cref="DataFileException">The name breaks a rule (exit code 2), or the file does not exist.</exception>
    public static string Resolve(string directory, string name, string key, string source, bool trusted)
    {
        string shown = DisplayText.Excerpt(name);
        if (name.Length == 0 || name.Contains('\0'))
            throw new DataFileException(source, $"{key} is empty or holds a NUL character");
        if (HasGlob(name))
            throw new DataFileException(source, $"{key} '{shown}' holds a file pattern character (* ? [ ] {{ }}); name one file");
        if (!trusted)
        {
            if (Path.IsPathRooted(name))
                throw new DataFileException(source, $"{key} '{shown}' is an absolute path; a schema.json found with the data may name only files inside the data directory (pass a schema with --schema to read files elsewhere)");
            if (name.Split('/', '\\').Any(s => s == ".."))
                throw new DataFileException(source, $"{key} '{shown}' leaves the data directory ('..'): a schema.json found with the data may not name a file outside it (pass a schema with --schema to read files elsewhere)");
        }
        string path = Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(directory, name));
        if (!File.Exists(path) && !Directory.Exists(path) && !IsSpecial(path))
            throw new DataFileException(source, $"{key}: the file '{shown}' does not exist");
        Check(path, directory, key, source, trusted, shown);
        return path;
    }

    /// <summary>
    /// Checks a file found in (or named for) the data directory: a regular file, and unless <paramref name="trusted"/>,
    /// inside the directory after following symbolic links.
    /// </summary>
    /// <exception cref="DataFileException">It is not.</exception>
    public static void Check(string path, string directory, string key, string source, bool trusted, string? shown = null)
    {
        shown ??= DisplayText.Excerpt(Path.GetFileName(path));
        // Named by a spec key: "tables.x.file 'name'"; found by its default name: "'name'".
        string what = key.Length == 0 ? $"'{shown}'" : $"{key} '{shown}'";
        string target = FinalTarget(path);
        if (!trusted)
        {
            string root = FinalTarget(Path.GetFullPath(directory)).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (!target.StartsWith(root, StringComparison.Ordinal))
                throw new DataFileException(source, $"{what} is a link to a file outside the data directory; a schema.json or file found with the data may not read outside it");
        }
        if (Directory.Exists(target))
            throw new DataFileException(source, $"{what} is a folder; name a file");
        if (IsSpecial(target))
            throw new DataFileException(source, $"{what} is a device or special file (not a regular file); it is not read");
    }

    /// <summary>The path with every symbolic link (of the file and its folders) resolved.</summary>
    public static string FinalTarget(string path)
    {
        string full = Path.GetFullPath(path);
        string? parent = Path.GetDirectoryName(full);
        // Resolve the folders first (a link anywhere on the way counts), then the file itself.
        string resolvedParent = parent is null ? "" : parent == full ? parent : FinalTarget(parent);
        string joined = parent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        FileSystemInfo info = Directory.Exists(joined) ? new DirectoryInfo(joined) : new FileInfo(joined);
        if (info.LinkTarget is null) return joined;
        var final = info.ResolveLinkTarget(returnFinalTarget: true);
        return final is null ? joined : FinalTarget(final.FullName);
    }

    /// <summary>True for a device, FIFO or socket (on Linux and macOS; anything under /dev, /proc or /sys as well).</summary>
    public static bool IsSpecial(string path)
    {
        if (OperatingSystem.IsWindows()) return false;
        string full = Path.GetFullPath(path);
        if (full is "/dev" or "/proc" or "/sys" || full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal))
            return true;
        try
        {
            // The runtime's own stat (System.Native, the same on every architecture): Mode carries the file type.
            if (SystemNativeStat(full, out var status) != 0) return false;
            int type = status.Mode & 0xF000;
            return type is not (0x8000 or 0x4000 or 0xA000); // regular file, folder, link
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The head of System.Native's FileStatus (Flags, Mode, …), padded to cover the whole structure.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this assembly for one call.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus output);
#pragma warning restore SYSLIB1054
}
