using System.Text;

namespace Segmentation.Analytics.Engines;

/// <summary>
/// The portable way to fill a session table of text columns: <c>CREATE TEMP TABLE … AS</c> an empty typed select, then
/// multi-row <c>INSERT … VALUES</c> statements of <see cref="BatchRows"/> rows, every value a <see cref="SqlDialect.Str"/>
/// literal. For engines without a bulk-load path of their own (<see cref="ISqlEngine.CreateTextTable"/>).
/// </summary>
public static class BatchedInsert
{
    /// <summary>Rows per INSERT statement.</summary>
    public const int BatchRows = 1000;

    /// <summary>Creates (replacing) <paramref name="name"/> and inserts the rows through <see cref="ISqlEngine.Execute"/>.</summary>
    public static void CreateTextTable(ISqlEngine engine, string name, IReadOnlyList<string> columns, int rows, Func<int, int, string> cell)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cell);
        var d = engine.Dialect;
        string id = d.Id(name);
        string columnList = string.Join(", ", columns.Select(d.Id));
        engine.Execute(d.CreateTempTableAs(name, $"SELECT {string.Join(", ", columns.Select(c => $"CAST('' AS VARCHAR) AS {d.Id(c)}"))} WHERE 1 = 0"));
        for (int start = 0; start < rows; start += BatchRows)
        {
            var sb = new StringBuilder($"INSERT INTO {id} ({columnList}) VALUES ");
            int end = Math.Min(rows, start + BatchRows);
            for (int i = start; i < end; i++)
            {
                sb.Append(i > start ? ", (" : "(");
                for (int c = 0; c < columns.Count; c++) sb.Append(c > 0 ? ", " : "").Append(d.Str(cell(i, c)));
                sb.Append(')');
            }
            engine.Execute(sb.ToString());
        }
    }
}
