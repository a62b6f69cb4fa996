using System.Text;

namespace Segmentation.Notebooks;

/// <summary>
/// A small HTML table writer with the displays' shared look (compact, right-aligned numbers, sticky header), so every rich
/// display reads the same in VS Code, Jupyter and the executed .ipynb files.
/// </summary>
internal sealed class HtmlTable
{
    private const string Style = "border-collapse:collapse;font-size:12px;font-family:system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC',sans-serif;margin:4px 0";
    private const string CellStyle = "border-bottom:1px solid #ddd;padding:3px 8px;";
    private readonly StringBuilder html = new();
    private readonly List<string[]> rows = [];
    private readonly List<bool> numeric = [];
    private readonly List<string> headers = [];
    private readonly HashSet<(int Row, int Column)> emphasised = [];
    private readonly HashSet<int> highlightedRows = [];

    public HtmlTable(string? captionHtml = null)
    {
        if (captionHtml is not null) html.Append("<div style=\"font-weight:600;margin:6px 0 2px 0\">").Append(captionHtml).Append("</div>");
    }

    /// <summary>Adds a column with pre-encoded header HTML.</summary>
    public HtmlTable Column(string headerHtml, bool isNumeric = false)
    {
        headers.Add(headerHtml);
        numeric.Add(isNumeric);
        return this;
    }

    /// <summary>Adds a row of plain-text cells (encoded on output).</summary>
    public int Row(params string[] cells)
    {
        rows.Add(cells);
        return rows.Count - 1;
    }

    /// <summary>Bold cell.</summary>
    public void Emphasise(int row, int column) => emphasised.Add((row, column));

    /// <summary>Tinted row.</summary>
    public void Highlight(int row) => highlightedRows.Add(row);

    /// <summary>The table HTML followed by an optional footnote (pre-encoded HTML).</summary>
    public string ToHtml(string? footnoteHtml = null)
    {
        var sb = new StringBuilder(html.ToString());
        sb.Append("<table class=\"seg-table\" style=\"").Append(Style).Append("\"><thead><tr>");
        for (int c = 0; c < headers.Count; c++)
            sb.Append("<th style=\"").Append(CellStyle).Append("border-bottom:2px solid #888;text-align:").Append(numeric[c] ? "right" : "left")
              .Append(";vertical-align:bottom\">").Append(headers[c]).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        for (int r = 0; r < rows.Count; r++)
        {
            sb.Append(highlightedRows.Contains(r) ? "<tr style=\"background:#fff4d6\">" : "<tr>");
            for (int c = 0; c < headers.Count; c++)
            {
                var text = c < rows[r].Length ? rows[r][c] : "";
                sb.Append("<td style=\"").Append(CellStyle).Append("text-align:").Append(c < numeric.Count && numeric[c] ? "right;font-variant-numeric:tabular-nums" : "left");
                if (emphasised.Contains((r, c))) sb.Append(";font-weight:700");
                sb.Append("\">").Append(HtmlText.Encode(text)).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (footnoteHtml is not null) sb.Append("<div style=\"font-size:11px;opacity:.8;margin:2px 0 6px 0\">").Append(footnoteHtml).Append("</div>");
        return sb.ToString();
    }
}
