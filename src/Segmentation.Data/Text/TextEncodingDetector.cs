using System.IO.Compression;
using System.Text;

namespace Segmentation.Data.Text;

/// <summary>
/// Chooses how the bytes of a text file are decoded: a byte-order mark decides (UTF-8, UTF-16 LE/BE); else the
/// encoding the mapping declares; else UTF-16 when every other byte of the start is zero, UTF-8 when the first 4 MiB are
/// valid UTF-8, GB18030 otherwise. A <c>.gz</c> file is judged by its decompressed bytes.
/// </summary>
internal static class TextEncodingDetector
{
    static TextEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Encoding names a mapping may declare.</summary>
    public static IReadOnlyList<string> Declarable { get; } = ["auto", "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "gb18030", "gbk"];

    /// <summary>The bytes of <paramref name="path"/>, decompressed when it ends in <c>.gz</c>.</summary>
    public static Stream OpenBytes(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>The encoding of <paramref name="path"/>: its name for the report, the decoder, and whether a byte-order mark starts the file.</summary>
    /// <exception cref="InvalidDataException">A <c>.gz</c> file is not valid gzip.</exception>
    public static (string Name, Encoding Encoding, bool Bom) Detect(string path, string declared)
    {
        var head = new byte[4 << 20];
        int read;
        bool more;
        using (var stream = OpenBytes(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            more = read == head.Length && stream.ReadByte() >= 0;
        }
        var span = head.AsSpan(0, read);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return ("utf-8", new UTF8Encoding(false), true);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return ("utf-16le", new UnicodeEncoding(false, false), true);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return ("utf-16be", new UnicodeEncoding(true, false), true);
        switch (declared.ToLowerInvariant())
        {
            case "utf-8" or "utf8": return ("utf-8", new UTF8Encoding(false), false);
            case "utf-16" or "utf-16le": return ("utf-16le", new UnicodeEncoding(false, false), false);
            case "utf-16be": return ("utf-16be", new UnicodeEncoding(true, false), false);
            case "gb18030" or "gbk": return ("gb18030", Encoding.GetEncoding("GB18030"), false);
        }
        if (LooksUtf16(span, littleEndian: true)) return ("utf-16le", new UnicodeEncoding(false, false), false);
        if (LooksUtf16(span, littleEndian: false)) return ("utf-16be", new UnicodeEncoding(true, false), false);
        // A cut in the middle of a multi-byte sequence at the end of the sample is not an error: trim up to 3 bytes.
        if (more)
        {
            int cut = 0;
            while (cut < 3 && cut < span.Length && (span[^(1 + cut)] & 0xC0) == 0x80) cut++;
            if (cut < span.Length && (span[^(1 + cut)] & 0xC0) == 0xC0) span = span[..^(1 + cut)];
        }
        return System.Text.Unicode.Utf8.IsValid(span)
            ? ("utf-8", new UTF8Encoding(false), false)
            : ("gb18030", Encoding.GetEncoding("GB18030"), false);
    }

    /// <summary>UTF-16 without a byte-order mark: in the first 200 code units, ASCII characters with a zero high byte dominate.</summary>
    private static bool LooksUtf16(ReadOnlySpan<byte> bytes, bool littleEndian)
    {
        int units = Math.Min(bytes.Length / 2, 200);
        if (units < 2) return false;
        int ascii = 0;
        for (int i = 0; i < units; i++)
        {
            byte low = bytes[2 * i + (littleEndian ? 0 : 1)], high = bytes[2 * i + (littleEndian ? 1 : 0)];
            if (high == 0 && low is >= 0x09 and < 0x80) ascii++;
        }
        return ascii >= units * 9 / 10;
    }
}
