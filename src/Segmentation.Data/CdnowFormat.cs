using System.Globalization;
using System.Text;

namespace Segmentation.Data;

/// <summary>
/// Converts the CDNOW files of Fader &amp; Hardie (whitespace-separated, see data/real/PROVENANCE.md) into the canonical
/// transactions CSV, so they go through the same validation as every other input (e.g. the 80 zero-value rows of
/// <c>CDNOW_master.txt</c> are rejected as zero amounts, not dropped silently).
/// </summary>
public static class CdnowFormat
{
    /// <summary>
    /// Writes a canonical transactions CSV from <c>CDNOW_master.txt</c> (header, then <c>id yyyymmdd cds dollars</c>) or
    /// <c>CDNOW_sample.txt</c> (no header, <c>master_id sample_id yyyymmdd cds dollars</c>; the sample id is used).
    /// transaction_id is <c>L</c> + the line number in the source file; timestamp is the day at 00:00:00. Returns the number of rows written.
    /// </summary>
    /// <exception cref="DataFileException">A line has the wrong number of fields (names the line).</exception>
    public static long ToTransactionsCsv(string cdnowPath, string csvPath)
    {
        using var reader = new StreamReader(cdnowPath, Encoding.ASCII);
        long line = 0, rows = 0;
        // The one CSV writer (quoting, formula-like text neutralised), written atomically: a bad line leaves no partial file.
        Analytics.Serialization.AtomicFile.WriteText(csvPath, w =>
        {
            using var csv = new Analytics.Serialization.CsvWriter(w, leaveOpen: true);
            csv.WriteHeader(["transaction_id", "customer_id", "timestamp", "amount", "quantity"]);
            string? text;
            while ((text = reader.ReadLine()) is not null)
            {
                line++;
                var f = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (f.Length == 0) continue;
                if (line == 1 && !char.IsDigit(f[0][0])) continue; // header of the master file
                string id, date, cds, dollars;
                if (f.Length == 4) (id, date, cds, dollars) = (f[0], f[1], f[2], f[3]);
                else if (f.Length == 5) (id, date, cds, dollars) = (f[1], f[2], f[3], f[4]);
                else throw new DataFileException(cdnowPath, $"expected 4 (master) or 5 (sample) whitespace-separated fields; found {f.Length}", row: line);
                string ts = date.Length == 8 ? $"{date[..4]}-{date[4..6]}-{date[6..]} 00:00:00" : date;
                csv.WriteRow(string.Create(CultureInfo.InvariantCulture, $"L{line}"), id, ts, dollars, cds);
                rows++;
            }
        });
        return rows;
    }
}
