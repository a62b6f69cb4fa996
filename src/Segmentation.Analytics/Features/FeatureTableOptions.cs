namespace Segmentation.Analytics.Features;

/// <summary>Options of <see cref="CustomerFeatureTable"/>.</summary>
/// <param name="Monetary">What the <c>monetary</c> column measures (default: net spend).</param>
/// <param name="Sources">
/// Which optional tables to use; <c>null</c> (default) detects the tables the engine has loaded. Columns whose source
/// is not used are still present (stable schema) and are NULL.
/// </param>
public sealed record FeatureTableOptions(MonetaryMeasure Monetary = MonetaryMeasure.NetSpend, FeatureSources? Sources = null)
{
    /// <summary>
    /// The columns to compute (names of <see cref="FeatureCatalog"/>; <c>customer_id</c> is always included), in catalog order;
    /// null = every column. The engine then reads only the tables those columns need — e.g. a table for assigning a segmentation
    /// model asks for the model's features and <c>recency_days</c>. The rows are the same whatever the columns.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// Per-customer aggregates already computed in the engine for several snapshots (<see cref="CustomerAggregateSnapshots"/>):
    /// a table at one of their days reads them instead of aggregating the transactions again. Same rows and values.
    /// </summary>
    public CustomerAggregateSnapshots? Aggregates { get; init; }

    /// <summary>
    /// An engine table with a <c>customer_id</c> column: the table then has rows only for those customers, each with the same values
    /// as in the whole table (every column reads only the customer's own rows), and the engine aggregates only their transactions —
    /// for a sample drawn in the engine (<see cref="Evaluation.InEngineSegments.DrawBuyers"/>). null = every customer.
    /// </summary>
    public string? CustomersIn { get; init; }

    /// <summary>The defaults: net spend, detect the loaded tables.</summary>
    public static FeatureTableOptions Default { get; } = new();

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException"><see cref="Monetary"/> is not a defined value, or <see cref="Columns"/> names an unknown feature.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Monetary))
            throw new ArgumentOutOfRangeException(nameof(Monetary), Monetary, "Monetary must be NetSpend or AveragePerOccasion.");
        foreach (var column in Columns ?? [])
            if (!FeatureCatalog.Names.Contains(column))
                throw new ArgumentException($"Columns names '{column}', which is not a feature; expected some of {string.Join(", ", FeatureCatalog.Names)}.", nameof(Columns));
    }
}
