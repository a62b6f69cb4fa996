namespace Segmentation.Analytics.Profiling;

/// <summary>When a profile shows a trait (all comparisons are on segment means against the population; see <see cref="NamingVocabulary"/>).</summary>
/// <param name="YoungBelow">Mean age below this: young.</param>
/// <param name="SeniorAbove">Mean age above this: senior (between: middle-aged).</param>
/// <param name="AgeKnownShare">Age is used only when at least this share of the segment has an age.</param>
/// <param name="AgeDistinctZ">The age band names the segment when |z(age)| reaches this …</param>
/// <param name="AgeHomogeneousSdRatio">… or when the segment's age sd is at most this fraction of the population's (a narrow age range).</param>
/// <param name="OnlineFrom">Mean online share from which the segment is online.</param>
/// <param name="OfflineUpTo">Mean online share up to which it is offline.</param>
/// <param name="HighSpendIndex">Monetary index from which spending is high (with an order-value index of at least 100).</param>
/// <param name="LowSpendIndex">Order-value index up to which spending is low (with a monetary index of at most 100).</param>
/// <param name="HighFrequencyIndex">Frequency index from which buying is frequent.</param>
/// <param name="LowFrequencyIndex">Frequency index up to which buying is occasional.</param>
/// <param name="DormantRecencyIndex">Recency index from which the segment is dormant …</param>
/// <param name="DormantRecencyZ">… when z(recency) also reaches this.</param>
/// <param name="ActiveRecencyIndex">Recency index up to which the segment is active (recent buyers).</param>
/// <param name="BusinessShare">Share of accounts with a company size from which the segment is business (B2B).</param>
/// <param name="PriceSensitiveZ">z(price sensitivity) from which the segment is price-sensitive …</param>
/// <param name="BargainOrderValueIndex">… or order-value index up to this …</param>
/// <param name="BargainFrequencyIndex">… together with a frequency index of at least this (many cheap orders).</param>
/// <param name="LoyalIndex">Category-loyalty index from which the segment is loyal.</param>
/// <param name="Facts">Numbers quoted in a description, after the size.</param>
/// <param name="NameZ">A trait enters a segment's name when its strength (|z| of its feature against the population) reaches this.</param>
/// <param name="MaxTraits">At most this many traits in a name, unless more are needed to tell two segments apart.</param>
/// <param name="MinimumSegmentSize">A segment with fewer customers than this, or than <paramref name="MinimumSegmentShare"/> of all, is named unstable.</param>
/// <param name="MinimumSegmentShare">The share counterpart of <paramref name="MinimumSegmentSize"/>.</param>
/// <param name="NewTenureZ">z(tenure) up to which a segment is new (its low frequency is then youth, not occasional buying).</param>
public sealed record NamingThresholds(
    double YoungBelow = 35,
    double SeniorAbove = 55,
    double AgeKnownShare = 0.5,
    double AgeDistinctZ = 0.5,
    double AgeHomogeneousSdRatio = 0.6,
    double OnlineFrom = 0.6,
    double OfflineUpTo = 0.25,
    double HighSpendIndex = 150,
    double LowSpendIndex = 60,
    double HighFrequencyIndex = 130,
    double LowFrequencyIndex = 60,
    double DormantRecencyIndex = 200,
    double DormantRecencyZ = 1.0,
    double ActiveRecencyIndex = 50,
    double BusinessShare = 0.5,
    double PriceSensitiveZ = 0.8,
    double BargainOrderValueIndex = 40,
    double BargainFrequencyIndex = 120,
    double LoyalIndex = 115,
    int Facts = 3,
    double NameZ = 0.5,
    int MaxTraits = 3,
    int MinimumSegmentSize = 10,
    double MinimumSegmentShare = 0.01,
    double NewTenureZ = -0.5);
