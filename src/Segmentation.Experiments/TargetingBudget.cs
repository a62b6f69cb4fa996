namespace Segmentation.Experiments;

/// <summary>How many customers a campaign can contact: a number of contacts, or money divided by the cost per contact.</summary>
/// <param name="Contacts">Contacts allowed (null when the budget is money).</param>
/// <param name="Money">Money available (null when the budget is contacts).</param>
public sealed record TargetingBudget(long? Contacts, double? Money)
{
    /// <summary>A budget of <paramref name="contacts"/> contacts.</summary>
    public static TargetingBudget OfContacts(long contacts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contacts);
        return new(contacts, null);
    }

    /// <summary>A money budget (needs a cost per contact &gt; 0 when used).</summary>
    public static TargetingBudget OfMoney(double money)
    {
        if (!(money >= 0) || !double.IsFinite(money)) throw new ArgumentOutOfRangeException(nameof(money), money, "money must be a finite number ≥ 0.");
        return new(null, money);
    }

    /// <summary>The number of contacts: <see cref="Contacts"/>, or ⌊money / cost per contact⌋.</summary>
    /// <exception cref="ArgumentException">A money budget without a positive cost per contact.</exception>
    public long ContactsAllowed(EconomicsOptions? economics)
    {
        if (Contacts is { } c) return c;
        if (economics is not { CostPerContact: > 0 } e)
            throw new ArgumentException("A money budget needs economics with a cost per contact > 0.", nameof(economics));
        return (long)Math.Floor(Money!.Value / e.CostPerContact);
    }
}
