namespace Segmentation.Data.Text;

/// <summary>How a physical line of a text file ends.</summary>
internal enum LineEnding
{
    /// <summary>The last line of a file that does not end in a line break.</summary>
    None,
    /// <summary><c>\n</c> (Unix).</summary>
    Lf,
    /// <summary><c>\r\n</c> (Windows).</summary>
    CrLf,
    /// <summary>A lone <c>\r</c> (classic Mac OS).</summary>
    Cr,
}
