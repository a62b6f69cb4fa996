namespace Segmentation.Data;

/// <summary>What happens to a transaction whose amount is 0.</summary>
public enum ZeroAmountPolicy
{
    /// <summary>Kept as a purchase occasion with value 0 and flagged in the ingest report (the default).</summary>
    Keep,
    /// <summary>Rejected with the rule <c>zero_amount</c> (the rule before import specs).</summary>
    Reject,
}
