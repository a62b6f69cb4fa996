namespace Segmentation.Analytics.Engines;

/// <summary>One kind of amount (purchases, returns, zero) through the ingest: read = accepted + rejected, in rows and money.</summary>
/// <param name="Kind"><c>purchases</c> (amount &gt; 0), <c>returns</c> (amount &lt; 0) or <c>zero</c>.</param>
/// <param name="Read">Rows read with a readable amount of this kind.</param>
/// <param name="Accepted">Of those, accepted.</param>
/// <param name="Rejected">Of those, rejected.</param>
public sealed record AmountFlow(string Kind, AmountCount Read, AmountCount Accepted, AmountCount Rejected)
{
    /// <summary>read = accepted + rejected, in rows and in money (to the cent).</summary>
    public bool Reconciles => Read.Matches(Accepted + Rejected);
}
