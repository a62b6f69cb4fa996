using System.Globalization;

namespace Segmentation.Experiments;

/// <summary>
/// The customers to contact next within a budget: ranked by expected incremental margin of their best arm
/// (margin × lift − cost per contact; the lift itself without economics), keeping only customers with a positive value.
/// </summary>
/// <param name="Outcome">The outcome the lift is measured in.</param>
/// <param name="ContactsAllowed">Contacts the budget allows.</param>
/// <param name="Customers">The chosen customers, best first (fewer than allowed when too few have a positive expected value).</param>
/// <param name="Economics">The economics used, or null.</param>
public sealed record TargetingList(string Outcome, long ContactsAllowed, IReadOnlyList<TargetedCustomer> Customers, EconomicsOptions? Economics)
{
    /// <summary>Expected total lift of the list (outcome units).</summary>
    public double ExpectedLift => Customers.Sum(c => c.ExpectedLift);

    /// <summary>Expected total net value (money with economics).</summary>
    public double ExpectedNet => Customers.Sum(c => c.ExpectedNet);

    /// <summary>Selects the list from held-out uplift predictions. Ties keep file order.</summary>
    /// <exception cref="ArgumentException">A money budget without a cost per contact.</exception>
    public static TargetingList Select(UpliftPredictions predictions, TargetingBudget budget, EconomicsOptions? economics = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return Select(predictions.Scores, budget, economics);
    }

    /// <summary>Selects the list from uplift scores, e.g. a fitted <see cref="UpliftModel"/>'s scores of new customers. Ties keep file order.</summary>
    /// <exception cref="ArgumentException">A money budget without a cost per contact.</exception>
    public static TargetingList Select(UpliftScores predictions, TargetingBudget budget, EconomicsOptions? economics = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(budget);
        economics?.Validate();
        long allowed = budget.ContactsAllowed(economics);
        var (arm, lift) = predictions.Best();
        double Net(int i) => economics is null ? lift[i] : economics.Margin * lift[i] - economics.CostPerContact;
        var chosen = Enumerable.Range(0, predictions.Count).Where(i => Net(i) > 0)
            .OrderByDescending(Net).ThenBy(i => predictions.RowNumbers[i])
            .Take((int)Math.Min(allowed, int.MaxValue))
            .Select((i, r) => new TargetedCustomer(r + 1, predictions.RowNumbers[i], predictions.Arms[arm[i]], lift[i], Net(i)))
            .ToArray();
        return new TargetingList(predictions.Outcome, allowed, chosen, economics);
    }

    /// <summary>Writes the list as CSV: rank,row,best_arm,expected_lift,expected_net (UTF-8, invariant culture, atomically, through <see cref="Analytics.Serialization.CsvWriter"/>).</summary>
    public void WriteCsv(string path) =>
        Analytics.Serialization.CsvWriter.WriteFile(path, ["rank", "row", "best_arm", "expected_lift", "expected_net"],
            Customers.Select(c => new object?[] { c.Rank, c.Row, c.BestArm, c.ExpectedLift, c.ExpectedNet }));
}
