using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Features;

/// <summary>Options of <see cref="OrdinalEncoder"/>.</summary>
/// <param name="Orders">
/// Declared order of the categories per column (lowest first). Columns not listed use <see cref="DefaultOrders"/> when
/// their name is there, else the sorted categories of the training data (scikit-learn's <c>categories="auto"</c>).
/// </param>
/// <param name="Unknown">Handling of values outside the order (default: error).</param>
public sealed record OrdinalEncoderOptions(IReadOnlyDictionary<string, IReadOnlyList<string>>? Orders = null, UnknownOrdinalHandling Unknown = UnknownOrdinalHandling.Error)
{
    /// <summary>The ordinal code lists of the data model: <c>education</c> (<see cref="DataModel.EducationLevels"/>) and <c>company_size</c> (<see cref="DataModel.CompanySizes"/>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultOrders { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["education"] = DataModel.EducationLevels,
        ["company_size"] = DataModel.CompanySizes,
    };

    /// <summary>Checks that declared orders are non-empty without duplicates and the enum is defined.</summary>
    /// <exception cref="ArgumentException">An order is empty or repeats a category.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Unknown)) throw new ArgumentOutOfRangeException(nameof(Unknown), Unknown, "Unknown must be Error or NaN.");
        foreach (var (column, order) in Orders ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (order is null || order.Count == 0) throw new ArgumentException($"The declared order of column '{column}' is empty.", nameof(Orders));
            var duplicate = order.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new ArgumentException($"The declared order of column '{column}' lists '{duplicate.Key}' twice.", nameof(Orders));
        }
    }

    /// <summary>The declared order of <paramref name="column"/>, if any (options first, then the data model).</summary>
    public IReadOnlyList<string>? OrderOf(string column) =>
        Orders is not null && Orders.TryGetValue(column, out var o) ? o : DefaultOrders.TryGetValue(column, out var d) ? d : null;
}
