namespace Segmentation.Data.ClickHouse;

/// <summary>How <see cref="ClickHouseWorkspace.LoadTable"/> moves validated rows from DuckDB into the cluster.</summary>
public enum ClickHouseLoadPath
{
    /// <summary><see cref="Csv"/>, except for a table holding a non-money floating-point column (customers.income), which goes
    /// <see cref="RowBinary"/> because ClickHouse 18.16 parses text floats approximately.</summary>
    Auto,
    /// <summary>DuckDB writes chunks of the table as CSV files (in parallel, in the engine); the files are streamed to the
    /// nodes' HTTP interfaces in turn, so the shards parse them at the same time. Exact for text, integers, Decimal money,
    /// booleans and date-times; refused for a present non-money Float64 column (18.16's text parser can be 1 ulp off).</summary>
    Csv,
    /// <summary>Row by row through the .NET reader, encoded by <see cref="RowBinaryWriter"/> (exact for every type; slower).</summary>
    RowBinary,
}
