using System.Buffers;
using System.Text;

namespace Segmentation.Data.Text;

/// <summary>
/// Reads the physical lines of a text: <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c> each end a line, in any mix, so
/// line numbers are those an editor shows. Lines are numbered from 1; a final line without a line break counts, an
/// empty remainder after the last line break does not.
/// </summary>
internal sealed class PhysicalLineReader(TextReader reader)
{
    private static readonly SearchValues<char> Breaks = SearchValues.Create("\r\n");
    private readonly char[] buffer = new char[1 << 16];
    private readonly StringBuilder partial = new();
    private int position, length;
    private bool endOfText;

    /// <summary>The longest physical line read (characters); a longer one stops the reading with <see cref="InvalidDataException"/>.</summary>
    public const int MaxLineChars = DelimitedTextScanner.MaxRecordChars;

    /// <summary>The number of the last line returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Lines ending in each way, indexed by <see cref="LineEnding"/>.</summary>
    public long[] Endings { get; } = new long[4];

    /// <summary>The next line without its line break, or false at the end of the text.</summary>
    public bool TryRead(out string line, out LineEnding ending)
    {
        partial.Clear();
        while (true)
        {
            if (position == length && !Fill())
            {
                if (partial.Length == 0) { line = ""; ending = LineEnding.None; return false; }
                return Return(partial.ToString(), LineEnding.None, out line, out ending);
            }
            var span = buffer.AsSpan(position, length - position);
            int i = span.IndexOfAny(Breaks);
            if (i < 0)
            {
                partial.Append(span);
                position = length;
                // An attacker's file (or a binary one) need not have a line break at all: stop before memory runs out.
                if (partial.Length > MaxLineChars)
                    throw new InvalidDataException($"line {LineNumber + 1} is longer than {MaxLineChars:N0} characters without a line break; this is not a delimited text file (binary data?)");
                continue;
            }
            string text = partial.Length == 0 ? new string(span[..i]) : partial.Append(span[..i]).ToString();
            if (span[i] == '\n')
            {
                position += i + 1;
                return Return(text, LineEnding.Lf, out line, out ending);
            }
            // '\r': a following '\n' (possibly in the next buffer) belongs to this line break.
            position += i + 1;
            if (position == length && !Fill()) return Return(text, LineEnding.Cr, out line, out ending);
            if (buffer[position] == '\n')
            {
                position++;
                return Return(text, LineEnding.CrLf, out line, out ending);
            }
            return Return(text, LineEnding.Cr, out line, out ending);
        }
    }

    private bool Return(string text, LineEnding kind, out string line, out LineEnding ending)
    {
        LineNumber++;
        Endings[(int)kind]++;
        line = text;
        ending = kind;
        return true;
    }

    private bool Fill()
    {
        if (endOfText) return false;
        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        if (length > 0) return true;
        endOfText = true;
        return false;
    }
}
