using System.Data.Common;
using Microsoft.Data.Analysis;

namespace Segmentation.Data;

/// <summary>
/// Copies a query result into a typed DataFrame: text → string, integers → Int64, numbers → Double,
/// booleans → Boolean, dates/timestamps → DateTime. Never guesses: the engine's types decide.
/// </summary>
internal static class DataFrameReader
{
    /// <summary>Reads every row of <paramref name="reader"/>; columns named <c>__*</c> (internal) are skipped.</summary>
    public static DataFrame Read(DbDataReader reader)
    {
        int n = reader.FieldCount;
        var builders = new List<(int Ordinal, IColumnBuilder Builder)>();
        for (int i = 0; i < n; i++)
        {
            string name = reader.GetName(i);
            if (name.StartsWith("__", StringComparison.Ordinal)) continue;
            var type = reader.GetFieldType(i);
            IColumnBuilder b = type switch
            {
                _ when type == typeof(string) => new StringBuilderColumn(name),
                _ when type == typeof(long) => new Int64Builder(name, exact: true),
                _ when type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
                    || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) => new Int64Builder(name, exact: false),
                _ when type == typeof(bool) => new BoolBuilder(name),
                _ when type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) => new DateBuilder(name),
                _ when type == typeof(double) => new DoubleBuilder(name, exact: true),
                _ => new DoubleBuilder(name, exact: false),
            };
            builders.Add((i, b));
        }
        while (reader.Read())
            foreach (var (ordinal, b) in builders) b.Append(reader, ordinal);
        return new DataFrame(builders.Select(b => b.Builder.Build()));
    }

    private interface IColumnBuilder
    {
        void Append(DbDataReader r, int i);
        DataFrameColumn Build();
    }

    private sealed class StringBuilderColumn(string name) : IColumnBuilder
    {
        private readonly List<string?> values = [];
        public void Append(DbDataReader r, int i) => values.Add(r.IsDBNull(i) ? null : r.GetString(i));
        public DataFrameColumn Build() => new StringDataFrameColumn(name, values);
    }

    private sealed class Int64Builder(string name, bool exact) : IColumnBuilder
    {
        private readonly List<long?> values = [];
        // The typed getter avoids boxing every value (1 M rows × many columns adds up).
        public void Append(DbDataReader r, int i) => values.Add(r.IsDBNull(i) ? null : exact ? r.GetInt64(i) : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
        public DataFrameColumn Build() => new Int64DataFrameColumn(name, values);
    }

    private sealed class DoubleBuilder(string name, bool exact) : IColumnBuilder
    {
        private readonly List<double?> values = [];
        public void Append(DbDataReader r, int i) => values.Add(r.IsDBNull(i) ? null : exact ? r.GetDouble(i) : r.GetValue(i) switch
        {
            double d => d,
            System.Numerics.BigInteger b => (double)b,
            var o => Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture),
        });
        public DataFrameColumn Build() => new DoubleDataFrameColumn(name, values);
    }

    private sealed class BoolBuilder(string name) : IColumnBuilder
    {
        private readonly List<bool?> values = [];
        public void Append(DbDataReader r, int i) => values.Add(r.IsDBNull(i) ? null : r.GetBoolean(i));
        public DataFrameColumn Build() => new BooleanDataFrameColumn(name, values);
    }

    private sealed class DateBuilder(string name) : IColumnBuilder
    {
        private readonly List<DateTime?> values = [];
        public void Append(DbDataReader r, int i) => values.Add(r.IsDBNull(i) ? null : r.GetFieldType(i) == typeof(DateTime) ? r.GetDateTime(i) : r.GetValue(i) switch
        {
            DateTime t => t,
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            DateTimeOffset o => o.UtcDateTime,
            var o => Convert.ToDateTime(o, System.Globalization.CultureInfo.InvariantCulture),
        });
        public DataFrameColumn Build() => new PrimitiveDataFrameColumn<DateTime>(name, values);
    }
}
