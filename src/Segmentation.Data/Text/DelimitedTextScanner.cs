using System.Globalization;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Text;

/// <summary>
/// Reads a delimited text file (CSV, TSV, …) record by record in C#, so that every physical line is accounted for before
/// the engine sees the file: the encoding (byte-order marks, UTF-16, GB18030) and, for <c>.gz</c>, the decompressed text;
/// the delimiter, sniffed on the decoded header outside quotes; <c>\n</c>, <c>\r\n</c> and <c>\r</c> line breaks in any
/// mix; blank lines; quoted fields (RFC 4180, <c>""</c> inside quotes) including line breaks inside quotes; and
/// malformed lines, each with its line number and reason.
/// </summary>
/// <remarks>
/// A runaway quote — a quote that opens a field and does not end a record properly (the text after the closing quote is
/// not a delimiter, the field count comes out wrong, or no quote closes it within <see cref="MaxRecordLines"/> lines or
/// <see cref="MaxRecordChars"/> characters) — rejects only the line it opened on; the lines after it are read again as
/// records of their own, so a stray quote never merges the rows that follow it into one. With a writer, the readable
/// records are written as a normalised UTF-8 CSV the engine reads without guessing: first column
/// <see cref="LineColumn"/> (the physical line the record starts on), then the fields, comma-separated, quoted where
/// needed, <c>\n</c> after each record.
/// </remarks>
internal static class DelimitedTextScanner
{
    /// <summary>At most this many physical lines per record.</summary>
    public const int MaxRecordLines = 1000;

    /// <summary>At most this many characters per record.</summary>
    public const int MaxRecordChars = 1 << 20;

    /// <summary>The first column of a normalised file: the physical line number of the record.</summary>
    public const string LineColumn = "__seg_line";

    private enum Outcome { Complete, OpenQuote, Error }

    private readonly record struct Field(int Start, int Length, bool Quoted);

    /// <summary>Reads <paramref name="path"/> once; writes the normalised CSV to <paramref name="normalized"/> when given.</summary>
    /// <param name="path">The file (<c>.gz</c> is decompressed).</param>
    /// <param name="declaredEncoding"><c>auto</c> or an encoding name (a byte-order mark overrides it).</param>
    /// <param name="declaredDelimiter">A one-character delimiter, <c>\t</c>, or null to sniff.</param>
    /// <param name="normalized">Where to write the normalised CSV, or null.</param>
    /// <exception cref="DataFileException">The file is empty, its header cannot be read, or it is not valid gzip.</exception>
    /// <param name="cancellation">Checked every few thousand lines.</param>
    public static DelimitedTextScan Scan(string path, string declaredEncoding, string? declaredDelimiter, TextWriter? normalized = null, CancellationToken cancellation = default)
    {
        try
        {
            return ScanCore(path, declaredEncoding, declaredDelimiter, normalized, cancellation);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, "the file cannot be read: " + e.Message, inner: e);
        }
    }

    /// <summary>True when a header line is binary data: a NUL, or more than one control character or undecodable byte in twenty.</summary>
    private static bool LooksBinary(string line)
    {
        if (line.Contains('\0')) return true;
        int bad = 0;
        foreach (var c in line) if (c == '\uFFFD' || (char.IsControl(c) && c != '\t')) bad++;
        return bad > 0 && bad * 20 > line.Length;
    }

    private static DelimitedTextScan ScanCore(string path, string declaredEncoding, string? declaredDelimiter, TextWriter? normalized, CancellationToken cancellation)
    {
        var (encodingName, encoding, bom) = TextEncodingDetector.Detect(path, declaredEncoding);
        using var stream = TextEncodingDetector.OpenBytes(path);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var reader = new PhysicalLineReader(text);
        var source = new LineSource(reader);
        var fields = new List<Field>();
        var span = new List<(string Text, long Line)>();

        // The header: its first line also decides the delimiter.
        if (!source.Next(out var first, out _)) throw new DataFileException(path, "the file is empty or has no header line", row: 1);
        if (LooksBinary(first))
            throw new DataFileException(path, $"this is not a text file: its first line holds binary data (control characters or bytes that are not {encodingName}); expected a delimited text file (.csv, .csv.gz, .tsv) or Parquet" +
                (first.Contains('\0') ? "; if it is UTF-16 without a byte-order mark, declare \"encoding\": \"utf-16le\" (or utf-16be) in schema.json" : ""), row: 1);
        char delimiter = declaredDelimiter is { Length: 1 } dl ? dl[0] : declaredDelimiter == "\\t" ? '\t' : SniffDelimiter(first);
        bool irregular = false;
        var (headerOutcome, headerError, headerText) = Assemble(source, first, 1, delimiter, fields, span, ref irregular);
        if (headerOutcome != Outcome.Complete)
            throw new DataFileException(path, "the header line cannot be read: " + (headerError ?? "a quote opened in it never closes"), row: 1);
        var headers = fields.Select(f => Value(headerText, f).Trim()).ToArray();
        if (headers.All(string.IsNullOrWhiteSpace)) throw new DataFileException(path, "the file is empty or has no header line", row: 1);
        long headerLines = span.Count;
        bool multiLine = headerLines > 1;

        normalized?.Write(LineColumn);
        if (normalized is not null)
        {
            for (int c = 0; c < headers.Length; c++) normalized.Write(string.Create(CultureInfo.InvariantCulture, $",c{c}"));
            normalized.Write('\n');
        }

        long blank = 0, records = 0, recordLines = 0;
        var malformed = new List<MalformedLine>();
        while (source.Next(out var line, out long number))
        {
            if ((number & 0x1FFF) == 0) cancellation.ThrowIfCancellationRequested();
            var (outcome, error, record) = Assemble(source, line, number, delimiter, fields, span, ref irregular);
            bool multi = span.Count > 1;
            if (outcome == Outcome.Complete)
            {
                string? bad = record.Contains('\0') ? "a NUL character" : record.Contains('\uFFFD') ? $"bytes that are not valid {encodingName}" : null;
                if (bad is null && !multi && fields.TrueForAll(f => record.AsSpan(f.Start, f.Length).IsWhiteSpace()))
                {
                    blank++;
                    continue;
                }
                if (bad is null && fields.Count == headers.Length)
                {
                    records++;
                    recordLines += span.Count;
                    multiLine |= multi;
                    if (normalized is not null) Write(normalized, number, record, fields);
                    continue;
                }
                error = bad ?? $"{fields.Count} fields where the header has {headers.Length}";
            }
            else if (outcome == Outcome.OpenQuote)
            {
                error = "a quote opened on this line never closes";
            }
            if (multi)
            {
                malformed.Add(new MalformedLine(number, $"runaway quote: a quoted field opened on this line runs over {span.Count - 1} more line(s) " +
                    $"without ending the record properly ({error}); this line is rejected and the lines after it are read on their own"));
                source.PushBack(span.Skip(1));
            }
            else
            {
                malformed.Add(new MalformedLine(number, error!));
            }
        }

        var endings = reader.Endings;
        var kinds = new[] { (LineEnding.Lf, "LF"), (LineEnding.CrLf, "CRLF"), (LineEnding.Cr, "CR") }.Where(k => endings[(int)k.Item1] > 0).Select(k => k.Item2).ToArray();
        var lines = new TextLines(reader.LineNumber, headerLines, blank, recordLines, malformed.Count, string.Join("+", kinds));
        bool rewrite = bom || encodingName != "utf-8" || kinds.Length > 1 || endings[(int)LineEnding.Cr] > 0 || blank > 0 || malformed.Count > 0 || multiLine || irregular;
        return new DelimitedTextScan(headers, delimiter, encodingName, lines, records, malformed, rewrite);
    }

    /// <summary>
    /// Parses the record starting with <paramref name="line"/>, taking further lines while a quoted field is open (up to
    /// the limits). <paramref name="span"/> receives the lines used; returns the outcome, the error and the record's text.
    /// </summary>
    private static (Outcome Outcome, string? Error, string Text) Assemble(LineSource source, string line, long number, char delimiter,
        List<Field> fields, List<(string Text, long Line)> span, ref bool irregular)
    {
        span.Clear();
        span.Add((line, number));
        string record = line;
        var outcome = Parse(record, delimiter, fields, ref irregular, out var error);
        while (outcome == Outcome.OpenQuote && span.Count < MaxRecordLines && record.Length < MaxRecordChars && source.Next(out var more, out long next))
        {
            span.Add((more, next));
            record = record + "\n" + more;
            outcome = Parse(record, delimiter, fields, ref irregular, out error);
        }
        return (outcome, error, record);
    }

    /// <summary>Splits one record into fields (RFC 4180 quoting; blanks before an opening or after a closing quote are tolerated).</summary>
    private static Outcome Parse(string text, char delimiter, List<Field> fields, ref bool irregular, out string? error)
    {
        fields.Clear();
        error = null;
        int i = 0, n = text.Length;
        while (true)
        {
            int j = i;
            while (j < n && (text[j] is ' ' or '\t') && text[j] != delimiter) j++;
            if (j < n && text[j] == '"')
            {
                if (j > i) irregular = true;
                int k = j + 1;
                while (true)
                {
                    int q = text.IndexOf('"', k);
                    if (q < 0) return Outcome.OpenQuote;
                    if (q + 1 < n && text[q + 1] == '"')
                    {
                        k = q + 2;
                        continue;
                    }
                    fields.Add(new Field(j + 1, q - j - 1, Quoted: true));
                    k = q + 1;
                    break;
                }
                int m = k;
                while (m < n && (text[m] is ' ' or '\t') && text[m] != delimiter) m++;
                if (m > k) irregular = true;
                if (m == n) return Outcome.Complete;
                if (text[m] == delimiter)
                {
                    i = m + 1;
                    continue;
                }
                error = "unexpected text after a closing quote";
                return Outcome.Error;
            }
            int d = text.IndexOf(delimiter, i);
            int end = d < 0 ? n : d;
            if (text.AsSpan(i, end - i).Contains('"')) irregular = true;
            fields.Add(new Field(i, end - i, Quoted: false));
            if (d < 0) return Outcome.Complete;
            i = d + 1;
        }
    }

    private static string Value(string text, Field f) =>
        f.Quoted ? text.Substring(f.Start, f.Length).Replace("\"\"", "\"", StringComparison.Ordinal) : text.Substring(f.Start, f.Length);

    private static void Write(TextWriter writer, long line, string text, List<Field> fields)
    {
        writer.Write(line.ToString(CultureInfo.InvariantCulture));
        foreach (var f in fields)
        {
            writer.Write(',');
            var value = text.AsSpan(f.Start, f.Length);
            if (value.IndexOfAny(",\"\n\r") < 0)
            {
                writer.Write(value);
                continue;
            }
            writer.Write('"');
            writer.Write(Value(text, f).Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }
        writer.Write('\n');
    }

    /// <summary>The most frequent of <c>, ; \t |</c> outside quotes in the header line (comma on a tie).</summary>
    internal static char SniffDelimiter(string header)
    {
        Span<int> counts = stackalloc int[4];
        const string candidates = ",;\t|";
        bool quoted = false;
        foreach (char c in header)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && candidates.IndexOf(c) is var k and >= 0) counts[k]++;
        }
        int best = 0;
        for (int k = 1; k < 4; k++) if (counts[k] > counts[best]) best = k;
        return candidates[best];
    }

    /// <summary>Physical lines with their numbers; lines handed back are read again first, in order.</summary>
    private sealed class LineSource(PhysicalLineReader reader)
    {
        private readonly Stack<(string Text, long Line)> handedBack = new();

        public bool Next(out string text, out long line)
        {
            if (handedBack.TryPop(out var back))
            {
                (text, line) = back;
                return true;
            }
            if (reader.TryRead(out text, out _))
            {
                line = reader.LineNumber;
                return true;
            }
            line = 0;
            return false;
        }

        public void PushBack(IEnumerable<(string Text, long Line)> lines)
        {
            foreach (var l in lines.Reverse()) handedBack.Push(l);
        }
    }
}
