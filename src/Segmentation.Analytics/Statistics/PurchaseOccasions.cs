namespace Segmentation.Analytics.Statistics;

/// <summary>Transactions collapsed to one occasion per customer and day (amounts summed), grouped by customer in id order.</summary>
internal sealed class PurchaseOccasions
{
    private PurchaseOccasions(long[] customers, int[] offsets, int[] days, double[] amounts)
    {
        Customers = customers; Offsets = offsets; Days = days; Amounts = amounts;
    }

    /// <summary>Distinct customers, ascending.</summary>
    public long[] Customers { get; }

    /// <summary>Occasions of customer c are [Offsets[c], Offsets[c+1]).</summary>
    public int[] Offsets { get; }

    /// <summary>Day of each occasion, ascending within a customer.</summary>
    public int[] Days { get; }

    /// <summary>Summed amount of each occasion.</summary>
    public double[] Amounts { get; }

    /// <summary>Occasions with firstDay ≤ day ≤ lastDay (and ≥ observationStart when given).</summary>
    public static PurchaseOccasions Build(ReadOnlySpan<long> customerIds, ReadOnlySpan<int> days, ReadOnlySpan<double> amounts,
                                          int firstDay, int lastDay, int? observationStartDay, double timeUnitDays)
    {
        if (days.Length != customerIds.Length)
            throw new ArgumentException($"days has {days.Length} values; customerIds has {customerIds.Length}.", nameof(days));
        if (!amounts.IsEmpty && amounts.Length != customerIds.Length)
            throw new ArgumentException($"amounts has {amounts.Length} values; customerIds has {customerIds.Length}.", nameof(amounts));
        if (!(timeUnitDays > 0) || !double.IsFinite(timeUnitDays))
            throw new ArgumentOutOfRangeException(nameof(timeUnitDays), timeUnitDays, "timeUnitDays must be a positive finite number.");
        int from = Math.Max(firstDay, observationStartDay ?? int.MinValue);
        var keep = new List<int>(customerIds.Length);
        for (int i = 0; i < customerIds.Length; i++)
        {
            if (!amounts.IsEmpty && !double.IsFinite(amounts[i]))
                throw new ArgumentException($"Transaction {i}: amount {amounts[i]} is not finite.", nameof(amounts));
            if (days[i] >= from && days[i] <= lastDay) keep.Add(i);
        }
        var order = keep.ToArray();
        var ids = new long[order.Length];
        var ds = new int[order.Length];
        for (int k = 0; k < order.Length; k++) { ids[k] = customerIds[order[k]]; ds[k] = days[order[k]]; }
        // Sort by (customer, day, original position): stable, so sums add in input order.
        var positions = Enumerable.Range(0, order.Length).ToArray();
        Array.Sort(positions, (p, q) =>
        {
            int c = ids[p].CompareTo(ids[q]);
            if (c != 0) return c;
            c = ds[p].CompareTo(ds[q]);
            return c != 0 ? c : p.CompareTo(q);
        });
        var customers = new List<long>();
        var offsets = new List<int>();
        var occDays = new List<int>();
        var occAmounts = new List<double>();
        for (int k = 0; k < positions.Length; k++)
        {
            int p = positions[k];
            double amount = amounts.IsEmpty ? 0.0 : amounts[order[p]];
            bool newCustomer = customers.Count == 0 || customers[^1] != ids[p];
            if (newCustomer)
            {
                customers.Add(ids[p]);
                offsets.Add(occDays.Count);
            }
            if (newCustomer || occDays[^1] != ds[p])
            {
                occDays.Add(ds[p]);
                occAmounts.Add(amount);
            }
            else occAmounts[^1] += amount;
        }
        offsets.Add(occDays.Count);
        return new PurchaseOccasions(customers.ToArray(), offsets.ToArray(), occDays.ToArray(), occAmounts.ToArray());
    }
}
