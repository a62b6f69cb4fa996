using System.Globalization;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Sql;

/// <summary>Rows and money of a set of transaction rows, by kind of amount (purchases, returns, zero).</summary>
/// <param name="ByKind">Rows with a readable amount, per kind.</param>
/// <param name="Anonymous">Of them, the rows without a customer id.</param>
/// <param name="WithoutAmount">Rows whose amount is missing or unreadable.</param>
internal sealed record AmountTally(IReadOnlyDictionary<string, AmountCount> ByKind, AmountCount Anonymous, long WithoutAmount)
{
    /// <summary>The kinds, in report order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["purchases", "returns", "zero"];

    /// <summary>Nothing.</summary>
    public static AmountTally Empty { get; } = new(Kinds.ToDictionary(k => k, _ => AmountCount.Zero), AmountCount.Zero, 0);

    /// <summary>The rows and amount of one kind.</summary>
    public AmountCount this[string kind] => ByKind.TryGetValue(kind, out var c) ? c : AmountCount.Zero;

    /// <summary>Every row tallied: with a readable amount or without.</summary>
    public long Rows => ByKind.Values.Sum(c => c.Rows) + WithoutAmount;

    /// <summary>Both tallies together.</summary>
    public static AmountTally operator +(AmountTally a, AmountTally b) =>
        new(Kinds.ToDictionary(k => k, k => a[k] + b[k]), a.Anonymous + b.Anonymous, a.WithoutAmount + b.WithoutAmount);

    /// <summary><paramref name="a"/> without <paramref name="b"/>.</summary>
    public static AmountTally operator -(AmountTally a, AmountTally b) =>
        new(Kinds.ToDictionary(k => k, k => a[k] - b[k]), a.Anonymous - b.Anonymous, a.WithoutAmount - b.WithoutAmount);

    /// <summary>The rows of <paramref name="relation"/> (with <c>amount</c> and <c>customer_id</c>) where <paramref name="condition"/> holds.</summary>
    public static AmountTally Of(ISqlEngine engine, string relation, string? condition = null)
    {
        var d = engine.Dialect;
        string amount = d.Id("amount"), anonymous = $"{d.Id("customer_id")} IS NULL";
        // Infinite or NaN amounts (rejected as out of range) count as unreadable: they have no sum.
        string kind = $"CASE WHEN NOT ({amount} BETWEEN -1e300 AND 1e300) THEN NULL WHEN {amount} > 0 THEN 'purchases' WHEN {amount} < 0 THEN 'returns' WHEN {amount} = 0 THEN 'zero' END";
        string sql = $"SELECT {kind} AS k, count(*), sum({amount}), {d.CountIf(anonymous)}, {d.SumIf(amount, anonymous)} FROM {relation}" +
                     (condition is null ? "" : $" WHERE {condition}") + " GROUP BY 1";
        return engine.Read(sql, r =>
        {
            var byKind = new Dictionary<string, AmountCount>();
            var anon = AmountCount.Zero;
            long without = 0;
            while (r.Read())
            {
                long rows = Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture);
                if (r.IsDBNull(0))
                {
                    without += rows;
                    continue;
                }
                byKind[r.GetString(0)] = new AmountCount(rows, r.IsDBNull(2) ? 0 : Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture));
                anon += new AmountCount(Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture), r.IsDBNull(4) ? 0 : Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture));
            }
            return new AmountTally(byKind, anon, without);
        });
    }

    /// <summary>The reconciliation: read (this) = accepted + rejected, per kind.</summary>
    public static AmountReconciliation Reconcile(AmountTally read, AmountTally accepted, AmountTally rejected, long malformedRows) =>
        new(Kinds.Select(k => new AmountFlow(k, read[k], accepted[k], rejected[k])).ToArray(), rejected.Anonymous, rejected.WithoutAmount + malformedRows);
}
