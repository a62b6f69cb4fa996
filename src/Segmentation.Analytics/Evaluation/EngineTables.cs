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
    public static void Upload(ISqlEngine engine, SegmentAssignment assignment, string name = Segments)
    {
        var d = engine.Dialect;
        string id = d.Id(name);
        switch (engine)
        {
            case DataWorkspace w:
                w.Execute($"CREATE OR REPLACE TABLE {id} (customer_id VARCHAR, segment VARCHAR)");
                using (var appender = w.Connection.CreateAppender(name))
                {
                    for (int i = 0; i < assignment.Count; i++)
                        appender.CreateRow().AppendValue(assignment.CustomerIds[i]).AppendValue(assignment.SegmentKeys[i]).EndRow();
                }
                break;
            case PostgresWorkspace p:
                p.Execute($"DROP TABLE IF EXISTS {id}; CREATE TEMP TABLE {id} (customer_id VARCHAR, segment VARCHAR)");
                using (var writer = p.Connection.BeginBinaryImport($"COPY {id} (customer_id, segment) FROM STDIN (FORMAT BINARY)"))
                {
                    for (int i = 0; i < assignment.Count; i++)
                    {
                        writer.StartRow();
                        writer.Write(assignment.CustomerIds[i], NpgsqlDbType.Varchar);
                        writer.Write(assignment.SegmentKeys[i], NpgsqlDbType.Varchar);
                    }
                    writer.Complete();
                }
                p.Execute($"ANALYZE {id}");
                break;
            default:
                engine.Execute(d.CreateTempTableAs(name, "SELECT CAST('' AS VARCHAR) AS customer_id, CAST('' AS VARCHAR) AS segment WHERE 1 = 0"));
                const int batch = 1000;
                for (int start = 0; start < assignment.Count; start += batch)
                {
                    var sb = new StringBuilder($"INSERT INTO {id} (customer_id, segment) VALUES ");
                    int end = Math.Min(assignment.Count, start + batch);
                    for (int i = start; i < end; i++)
                        sb.Append(i > start ? ", " : "").Append('(').Append(d.Str(assignment.CustomerIds[i])).Append(", ").Append(d.Str(assignment.SegmentKeys[i])).Append(')');
                    engine.Execute(sb.ToString());
                }
                break;
        }
    }
}
