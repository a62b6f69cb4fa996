namespace Segmentation.Analytics.Statistics;

/// <summary>Options of <see cref="ChurnWarning"/>.</summary>
/// <param name="AliveThreshold">A customer is at risk when P(alive) &lt; this value, in (0, 1).</param>
/// <param name="RhythmMultiple">A customer is at risk when the time since the last purchase exceeds this multiple k &gt; 0 of their own mean inter-purchase interval.</param>
/// <param name="MinimumRepeatPurchases">Repeat purchases (≥ 1) needed before a customer's rhythm is trusted; with fewer, the rhythm rule does not flag.</param>
public sealed record ChurnWarningOptions(double AliveThreshold = 0.5, double RhythmMultiple = 2.0, int MinimumRepeatPurchases = 1)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!(AliveThreshold > 0 && AliveThreshold < 1))
            throw new ArgumentOutOfRangeException(nameof(AliveThreshold), AliveThreshold, "must be in (0, 1).");
        if (!(RhythmMultiple > 0) || !double.IsFinite(RhythmMultiple))
            throw new ArgumentOutOfRangeException(nameof(RhythmMultiple), RhythmMultiple, "must be a positive finite number.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumRepeatPurchases, 1, nameof(MinimumRepeatPurchases));
    }
}
