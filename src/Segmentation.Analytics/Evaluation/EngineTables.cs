using System.Text;
using Npgsql;
using NpgsqlTypes;
using Segmentation.Analytics.Data;
using Segmentation.Analytics.Data.Sql;

namespace Segmentation.Analytics.Evaluation;

/// <summary>Engine-side helpers of the evaluation: which tables exist, and uploading the segment assignment.</summary>
internal static class EngineTables
{
    /// <summary>Name of the uploaded assignment table (customer_id, segment).</summary>
    public const string Segments = "eval_segments";

    public static bool Has(ISqlEngine engine, string table) => engine switch
    {
        DataWorkspace w => w.HasTable(table),
        PostgresWorkspace p => p.HasTable(table),
        _ => Probe(engine, table),
    };

    private static bool Probe(ISqlEngine engine, string table)
    {
        try
        {
            engine.Read($"SELECT 1 FROM {engine.Dialect.Id(table)} WHERE 1 = 0", r => r.Read());
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    /// <summary>Creates (replacing) the table <paramref name="name"/>(customer_id, segment) holding the assignment.</summary>
    public static void Upload(ISqlEngine engine, SegmentAssignment assignment, string name = Segments) =>
        Upload(engine, name, ["customer_id", "segment"], assignment.Count, (i, c) => c == 0 ? assignment.CustomerIds[i] : assignment.SegmentKeys[i]);

    /// <summary>Creates (replacing) a session table of text columns with <paramref name="rows"/> rows; cell (i, c) is <paramref name="cell"/>(i, c).</summary>
    public static void Upload(ISqlEngine engine, string name, IReadOnlyList<string> columns, int rows, Func<int, int, string> cell)
    {
        var d = engine.Dialect;
        string id = d.Id(name);
        string columnList = string.Join(", ", columns.Select(d.Id));
        switch (engine)
        {
            case DataWorkspace w:
                w.Execute($"CREATE OR REPLACE TABLE {id} ({string.Join(", ", columns.Select(c => $"{d.Id(c)} VARCHAR"))})");
                using (var appender = w.Connection.CreateAppender(name))
                {
                    for (int i = 0; i < rows; i++)
                    {
                        var row = appender.CreateRow();
                        for (int c = 0; c < columns.Count; c++) row.AppendValue(cell(i, c));
                        row.EndRow();
                    }
                }
                break;
            case PostgresWorkspace p:
                p.Execute($"DROP TABLE IF EXISTS {id}; CREATE TEMP TABLE {id} ({string.Join(", ", columns.Select(c => $"{d.Id(c)} VARCHAR"))})");
                using (var writer = p.Connection.BeginBinaryImport($"COPY {id} ({columnList}) FROM STDIN (FORMAT BINARY)"))
                {
                    for (int i = 0; i < rows; i++)
                    {
                        writer.StartRow();
                        for (int c = 0; c < columns.Count; c++) writer.Write(cell(i, c), NpgsqlDbType.Varchar);
                    }
                    writer.Complete();
                }
                p.Execute($"ANALYZE {id}");
                break;
            default:
                engine.Execute(d.CreateTempTableAs(name, $"SELECT {string.Join(", ", columns.Select(c => $"CAST('' AS VARCHAR) AS {d.Id(c)}"))} WHERE 1 = 0"));
                const int batch = 1000;
                for (int start = 0; start < rows; start += batch)
                {
                    var sb = new StringBuilder($"INSERT INTO {id} ({columnList}) VALUES ");
                    int end = Math.Min(rows, start + batch);
                    for (int i = start; i < end; i++)
                    {
                        sb.Append(i > start ? ", (" : "(");
                        for (int c = 0; c < columns.Count; c++) sb.Append(c > 0 ? ", " : "").Append(d.Str(cell(i, c)));
                        sb.Append(')');
                    }
                    engine.Execute(sb.ToString());
                }
                break;
        }
    }
}
