namespace Segmentation.Data.ClickHouse;

/// <summary>What the cluster was asked to do when it failed.</summary>
public enum ClickHouseStage
{
    /// <summary>Opening the session: reaching a node and asking its version.</summary>
    Connect,
    /// <summary>Creating databases and tables on a node.</summary>
    Ddl,
    /// <summary>Bulk-loading validated rows, or checking the loaded counts.</summary>
    Load,
    /// <summary>Running a query.</summary>
    Query,
}
