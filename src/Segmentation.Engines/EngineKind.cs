namespace Segmentation.Engines;

/// <summary>Where the transaction-level SQL runs.</summary>
public enum EngineKind
{
    /// <summary>DuckDB in-process over the files of a data directory (the default).</summary>
    DuckDb,

    /// <summary>A PostgreSQL database holding the tables of the data model (validated there, nothing written back).</summary>
    Postgres,

    /// <summary>A sharded ClickHouse cluster (files validated by DuckDB and loaded, or tables loaded earlier).</summary>
    ClickHouse,
}
