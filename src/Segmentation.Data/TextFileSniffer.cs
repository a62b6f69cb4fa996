using System.Text;

namespace Segmentation.Data;

/// <summary>Detects the encoding and delimiter of a delimited text file, and transcodes GB18030 to UTF-8 for the engine.</summary>
internal static class TextFileSniffer
{
    static TextFileSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030 (a superset of GBK and GB2312).</summary>
    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    /// <summary>
    /// <c>utf-8</c> if the first 4 MiB are valid UTF-8 (a BOM counts), else <c>gb18030</c>. Pure ASCII is UTF-8.
    /// A file valid in both (rare for Chinese text) is taken as UTF-8: declare the encoding in the schema mapping if not.
    /// </summary>
    public static string DetectEncoding(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[Math.Min(4 << 20, stream.Length)];
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var span = buffer.AsSpan(0, read);
        if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return "utf-8";
        // A cut in the middle of a multi-byte sequence at the buffer end is not an error: trim up to 3 bytes.
        if (read == buffer.Length && read < stream.Length)
        {
            int cut = 0;
            while (cut < 3 && cut < read && (span[read - 1 - cut] & 0xC0) == 0x80) cut++;
            if (cut < read && (span[read - 1 - cut] & 0xC0) == 0xC0) span = span[..(read - 1 - cut)];
        }
        return System.Text.Unicode.Utf8.IsValid(span) ? "utf-8" : "gb18030";
    }

    /// <summary>The most frequent of <c>, ; \t |</c> in the header line (comma on a tie).</summary>
    public static char DetectDelimiter(string path, Encoding encoding)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? "";
        char best = ',';
        int bestCount = header.Count(c => c == ',');
        foreach (var d in new[] { ';', '\t', '|' })
        {
            int n = header.Count(c => c == d);
            if (n > bestCount) { best = d; bestCount = n; }
        }
        return best;
    }

    /// <summary>The header line split by the delimiter (quotes removed, trimmed).</summary>
    public static IReadOnlyList<string> ReadHeader(string path, Encoding encoding, char delimiter)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? "";
        return header.Split(delimiter).Select(h => h.Trim().Trim('"').Trim()).ToArray();
    }

    /// <summary>Copies a GB18030 file to a UTF-8 file (streaming; invalid sequences become U+FFFD and are rejected later as malformed rows).</summary>
    public static void TranscodeToUtf8(string source, string destination, Encoding sourceEncoding)
    {
        using var reader = new StreamReader(source, sourceEncoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        using var writer = new StreamWriter(destination, false, new UTF8Encoding(false), 1 << 16);
        var buffer = new char[1 << 16];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) writer.Write(buffer, 0, n);
    }

    /// <summary>The encoding object for a name used in mappings.</summary>
    public static Encoding ForName(string name) => name.ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => new UTF8Encoding(false),
        "gb18030" or "gbk" or "gb2312" => Gb18030,
        _ => throw new ArgumentException($"Unsupported encoding '{name}' (utf-8, gb18030).", nameof(name)),
    };
}
