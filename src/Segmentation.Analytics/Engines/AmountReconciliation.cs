namespace Segmentation.Analytics.Engines;

/// <summary>
/// The money of a table through the ingest: per kind of amount (purchases, returns and zero amounts counted and summed
/// separately) read = accepted + rejected; the rejected rows without a customer id (anonymous buyers) on their own line;
/// and the rows whose amount could not be read at all (malformed lines, amounts that are no number).
/// </summary>
/// <param name="Flows">Purchases, returns, zero amounts.</param>
/// <param name="Anonymous">Rejected rows without a customer id, and their amount (part of the rejected rows above).</param>
/// <param name="RowsWithoutAmount">Rejected rows whose amount could not be read.</param>
public sealed record AmountReconciliation(IReadOnlyList<AmountFlow> Flows, AmountCount Anonymous, long RowsWithoutAmount)
{
    /// <summary>Every flow reconciles.</summary>
    public bool Reconciles => Flows.All(f => f.Reconciles);

    /// <summary>All amounts read.</summary>
    public AmountCount Read => Flows.Aggregate(AmountCount.Zero, (s, f) => s + f.Read);

    /// <summary>All amounts accepted.</summary>
    public AmountCount Accepted => Flows.Aggregate(AmountCount.Zero, (s, f) => s + f.Accepted);

    /// <summary>All amounts rejected.</summary>
    public AmountCount Rejected => Flows.Aggregate(AmountCount.Zero, (s, f) => s + f.Rejected);

    /// <summary>The share of money rejected: Σ|rejected| / Σ|read| over purchases and returns (0 when nothing was read).</summary>
    public double RejectedShare
    {
        get
        {
            double read = Flows.Sum(f => Math.Abs(f.Read.Amount)), rejected = Flows.Sum(f => Math.Abs(f.Rejected.Amount));
            return read == 0 ? 0 : rejected / read;
        }
    }
}
