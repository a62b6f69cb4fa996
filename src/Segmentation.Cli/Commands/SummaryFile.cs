using System.Globalization;
using Segmentation.Data;

namespace Segmentation.Cli.Commands;

/// <summary>
/// A per-customer summary file for the CLV models: <c>id, frequency, recency, T[, monetary_value]</c> or the lifetimes /
/// Fader-Hardie CDNOW form <c>ID, x, t_x, T[, zbar]</c>. Strict: a bad value names the file, row and column. Rows with T = 0
/// (first purchase at the calibration end: nothing to learn about repeat buying) are skipped and counted, not an error.
/// </summary>
internal sealed record SummaryFile(string[] Ids, int[] Frequency, double[] Recency, double[] Age, double[]? Monetary)
{
    /// <summary>Rows skipped because T = 0.</summary>
    public int ZeroAgeSkipped { get; init; }

    public static SummaryFile Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? throw new DataFileException(path, "the file is empty", row: 1)).Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        int Find(bool required, params string[] names)
        {
            for (int i = 0; i < header.Length; i++)
                if (names.Contains(header[i], StringComparer.OrdinalIgnoreCase)) return i;
            if (required) throw new DataFileException(path, $"required column '{names[0]}' (or {string.Join(", ", names.Skip(1))}) not found; headers are: {string.Join(", ", header)}", row: 1, column: names[0]);
            return -1;
        }
        int idCol = Find(false, "customer_id", "id", "ID");
        int fCol = Find(true, "frequency", "x"), rCol = Find(true, "recency", "t_x"), tCol = Find(true, "T", "age"), mCol = Find(false, "monetary_value", "zbar");
        var ids = new List<string>(); var f = new List<int>(); var r = new List<double>(); var t = new List<double>(); var m = new List<double>();
        string? line; long row = 1; int skipped = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            row++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != header.Length) throw new DataFileException(path, $"expected {header.Length} fields, found {cells.Length}", row);
            double Num(int col, string name)
            {
                if (!double.TryParse(cells[col], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
                    throw new DataFileException(path, $"'{cells[col]}' is not a non-negative number", row, name);
                return v;
            }
            double x = Num(fCol, header[fCol]);
            if (x != Math.Floor(x)) throw new DataFileException(path, $"frequency '{cells[fCol]}' is not a whole number", row, header[fCol]);
            double tx = Num(rCol, header[rCol]), age = Num(tCol, header[tCol]);
            if (tx > age + 1e-9) throw new DataFileException(path, $"recency {tx} is larger than T {age}", row, header[rCol]);
            if (age == 0) { skipped++; continue; }
            ids.Add(idCol >= 0 ? cells[idCol].Trim() : (row - 1).ToString(CultureInfo.InvariantCulture));
            f.Add((int)x); r.Add(tx); t.Add(age);
            if (mCol >= 0) m.Add(Num(mCol, header[mCol]));
        }
        if (ids.Count == 0) throw new DataFileException(path, skipped > 0 ? $"no customers with T > 0 in the file ({skipped} with T = 0)" : "no customers in the file", row: 2);
        return new SummaryFile(ids.ToArray(), f.ToArray(), r.ToArray(), t.ToArray(), mCol >= 0 ? m.ToArray() : null) { ZeroAgeSkipped = skipped };
    }
}
