namespace Segmentation.Synthetic;

/// <summary>
/// Options of <see cref="SyntheticGenerator"/>: population size, horizon, seed, planted segments and campaigns.
/// The same options (including <see cref="Seed"/>) always give byte-identical output.
/// </summary>
public sealed record SyntheticOptions
{
    /// <summary>Number of customers (ids C0000001 …); at least 1, at most 99 999 999.</summary>
    public int Customers { get; init; } = 5000;

    /// <summary>Number of calendar months in the horizon (6–240).</summary>
    public int Months { get; init; } = 24;

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; } = 20261;

    /// <summary>First day of the first month; the default 2024-11-01 makes 24 months end with 2026-10.</summary>
    public DateOnly StartMonth { get; init; } = new(2024, 11, 1);

    /// <summary>The planted segments and their shares (weights, normalised); the business segment's share is the B2B share.</summary>
    public IReadOnlyList<PlantedSegment> Segments { get; init; } = PlantedSegments.Default;

    /// <summary>Planted campaigns; null = <see cref="CampaignPlans.For"/> of the horizon. Windows of campaigns aimed at the
    /// same segment must not overlap (the planted effect is exact only per window).</summary>
    public IReadOnlyList<CampaignPlan>? Campaigns { get; init; }

    /// <summary>Share of each campaign's eligible customers assigned to treatment (complete randomisation).</summary>
    public double TreatmentShare { get; init; } = 0.8;

    /// <summary>Overall probability that a purchase is returned (scaled per segment by <see cref="PlantedSegment.ReturnFactor"/>).</summary>
    public double ReturnRate { get; init; } = 0.03;

    /// <summary>Share of non-churning customers who sign up during the horizon (new customers); the rest signed up
    /// up to five years before it.</summary>
    public double NewCustomerShare { get; init; } = 0.08;

    /// <summary>1-based month of the horizon from which segment-based management runs (satisfaction uplifts start);
    /// null = the month after the first half (13 = 2025-11 with the default horizon).</summary>
    public int? ManagementStartMonth { get; init; }

    /// <summary>The management start month in effect (1-based): <see cref="ManagementStartMonth"/> or Months / 2 + 1.</summary>
    public int ResolvedManagementStartMonth => ManagementStartMonth ?? Months / 2 + 1;

    /// <summary>Probability that an active customer answers the survey in a given month.</summary>
    public double SurveyResponseRate { get; init; } = 0.10;

    /// <summary>Multiplicative growth of purchase rates per month (trend).</summary>
    public double MonthlyGrowth { get; init; } = 0.004;

    /// <summary>The campaigns in effect: <see cref="Campaigns"/>, or the default plan for the horizon.</summary>
    public IReadOnlyList<CampaignPlan> ResolvedCampaigns => Campaigns ?? CampaignPlans.For(StartMonth, Months);

    /// <summary>Last day of the horizon.</summary>
    public DateOnly EndDate => StartMonth.AddMonths(Months).AddDays(-1);

    /// <summary>A copy whose business (B2B) segments together get <paramref name="share"/> of the customers; the other
    /// segments keep their proportions among the rest.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is not in [0, 1).</exception>
    /// <exception cref="ArgumentException">No segment is a business segment.</exception>
    public SyntheticOptions WithBusinessShare(double share)
    {
        if (!(share >= 0 && share < 1)) throw new ArgumentOutOfRangeException(nameof(share), share, "The B2B share must be in [0, 1).");
        int businessCount = Segments.Count(s => s.IsBusiness);
        if (businessCount == 0) throw new ArgumentException("No planted segment is a business segment.", nameof(share));
        double business = Segments.Where(s => s.IsBusiness).Sum(s => s.Share), others = Segments.Where(s => !s.IsBusiness).Sum(s => s.Share);
        return this with
        {
            Segments = Segments.Select(s => s.IsBusiness
                ? s with { Share = share * (business > 0 ? s.Share / business : 1.0 / businessCount) }
                : s with { Share = others > 0 ? (1 - share) * s.Share / others : 0 }).ToArray(),
        };
    }

    /// <summary>
    /// Share of extra, deliberately defective rows written after real transaction and feedback rows in the CSV output
    /// (default 0: clean data). Each is a corrupted copy that validation must reject (wrong type, missing customer, future
    /// date, zero amount, duplicate id, unknown category, out-of-range survey answer); the accepted data are exactly the
    /// clean data, and <see cref="GroundTruth.InjectedDefects"/> counts them per table and rule so reconciliation can be checked.
    /// The in-memory dataset never contains them.
    /// </summary>
    public double DefectRate { get; init; }

    /// <summary>Checks every option; throws naming the option and the bad value.</summary>
    /// <exception cref="ArgumentException">An option is out of range or inconsistent.</exception>
    public void Validate()
    {
        if (Customers is < 1 or > 99_999_999)
            throw new ArgumentOutOfRangeException(nameof(Customers), Customers, "Customers must be in 1..99 999 999.");
        if (Months is < 6 or > 240)
            throw new ArgumentOutOfRangeException(nameof(Months), Months, "Months must be in 6..240.");
        if (StartMonth.Day != 1)
            throw new ArgumentException($"StartMonth must be the first day of a month; got {StartMonth:yyyy-MM-dd}.", nameof(StartMonth));
        if (StartMonth.Year < 1990 || EndDate.Year > 2100)
            throw new ArgumentException($"The horizon {StartMonth:yyyy-MM}..{EndDate:yyyy-MM} must lie within 1990..2100.", nameof(StartMonth));
        Probability(TreatmentShare, nameof(TreatmentShare), open: true);
        Probability(ReturnRate, nameof(ReturnRate));
        if (ReturnRate > 0.5) throw new ArgumentOutOfRangeException(nameof(ReturnRate), ReturnRate, "ReturnRate must be at most 0.5.");
        Probability(NewCustomerShare, nameof(NewCustomerShare));
        Probability(SurveyResponseRate, nameof(SurveyResponseRate));
        Probability(DefectRate, nameof(DefectRate));
        if (DefectRate > 0.1) throw new ArgumentOutOfRangeException(nameof(DefectRate), DefectRate, "DefectRate must be at most 0.1.");
        if (!double.IsFinite(MonthlyGrowth) || Math.Abs(MonthlyGrowth) > 0.1)
            throw new ArgumentOutOfRangeException(nameof(MonthlyGrowth), MonthlyGrowth, "MonthlyGrowth must be within ±0.1.");
        if (ManagementStartMonth is < 1 || ManagementStartMonth > Months)
            throw new ArgumentOutOfRangeException(nameof(ManagementStartMonth), ManagementStartMonth, $"ManagementStartMonth must be in 1..{Months}.");
        ValidateSegments();
        ValidateCampaigns();
    }

    /// <summary>The data model's largest birth_year; the youngest planted age must respect it at the end of the horizon.</summary>
    private const int MaxBirthYear = 2025;

    private void ValidateSegments()
    {
        if (Segments is null || Segments.Count == 0)
            throw new ArgumentException("Segments must list at least one planted segment.", nameof(Segments));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Segments)
        {
            if (!PlantedSegments.Keys.Contains(s.Key))
                throw new ArgumentException($"Segment key '{s.Key}' is not a planted segment; expected one of {string.Join(", ", PlantedSegments.Keys)}.", nameof(Segments));
            if (!seen.Add(s.Key))
                throw new ArgumentException($"Segment '{s.Key}' is listed twice.", nameof(Segments));
            if (!double.IsFinite(s.Share) || s.Share < 0)
                throw new ArgumentException($"Segment '{s.Key}': Share must be finite and ≥ 0; got {s.Share}.", nameof(Segments));
            if (!s.IsBusiness && (s.AgeMin < 16 || s.AgeMax > 100 || s.AgeMin > s.AgeMax))
                throw new ArgumentException($"Segment '{s.Key}': ages {s.AgeMin}..{s.AgeMax} must satisfy 16 ≤ AgeMin ≤ AgeMax ≤ 100.", nameof(Segments));
            if (!(s.MonthlyPurchaseRate > 0 && s.MonthlyPurchaseRate <= 100))
                throw new ArgumentException($"Segment '{s.Key}': MonthlyPurchaseRate must be in (0, 100]; got {s.MonthlyPurchaseRate}.", nameof(Segments));
            if (!(s.AverageOrderValue >= 5 && s.AverageOrderValue <= 1e6))
                throw new ArgumentException($"Segment '{s.Key}': AverageOrderValue must be in [5, 1e6]; got {s.AverageOrderValue}.", nameof(Segments));
            if (!(s.OrderValueSpread >= 0 && s.OrderValueSpread <= 2))
                throw new ArgumentException($"Segment '{s.Key}': OrderValueSpread must be in [0, 2]; got {s.OrderValueSpread}.", nameof(Segments));
            if (!(s.OnlineShare > 0 && s.OnlineShare < 1) || !(s.CategoryLoyalty >= 0 && s.CategoryLoyalty <= 1))
                throw new ArgumentException($"Segment '{s.Key}': OnlineShare must be in (0, 1) and CategoryLoyalty in [0, 1]; got {s.OnlineShare}, {s.CategoryLoyalty}.", nameof(Segments));
            if (!(s.PriceSensitivity >= 1 && s.PriceSensitivity <= 5) || !(s.Satisfaction >= 1 && s.Satisfaction <= 5))
                throw new ArgumentException($"Segment '{s.Key}': PriceSensitivity and Satisfaction must be in [1, 5]; got {s.PriceSensitivity}, {s.Satisfaction}.", nameof(Segments));
            if (!(s.ReturnFactor >= 0 && s.ReturnFactor * ReturnRate <= 0.9) || !double.IsFinite(s.SatisfactionUplift) || !(s.MarketShare > 0 && s.MarketShare <= 1))
                throw new ArgumentException($"Segment '{s.Key}': ReturnFactor × ReturnRate must be in [0, 0.9], SatisfactionUplift finite, MarketShare in (0, 1].", nameof(Segments));
        }
        foreach (var s in Segments.Where(s => !s.IsBusiness && EndDate.Year - s.AgeMin > MaxBirthYear))
            throw new ArgumentException($"Segment '{s.Key}': with the horizon ending in {EndDate.Year}, AgeMin {s.AgeMin} gives birth years after {MaxBirthYear} (the data model's maximum).", nameof(Segments));
        if (Segments.Sum(s => s.Share) <= 0)
            throw new ArgumentException("The segment shares sum to 0.", nameof(Segments));
    }

    private void ValidateCampaigns()
    {
        var campaigns = ResolvedCampaigns;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in campaigns)
        {
            if (string.IsNullOrWhiteSpace(c.CampaignId) || c.CampaignId.Any(ch => ch is ',' or '"' or '\n' or '\r'))
                throw new ArgumentException($"Campaign id '{c.CampaignId}' must be non-empty text without commas, quotes or line breaks.", nameof(Campaigns));
            if (!ids.Add(c.CampaignId))
                throw new ArgumentException($"Campaign id '{c.CampaignId}' is used twice.", nameof(Campaigns));
            if (!Segments.Any(s => s.Key == c.TargetSegment))
                throw new ArgumentException($"Campaign '{c.CampaignId}' targets '{c.TargetSegment}', which is not among the planted segments.", nameof(Campaigns));
            if (c.Start > c.End || c.Start < StartMonth || c.End > EndDate)
                throw new ArgumentException($"Campaign '{c.CampaignId}' window {c.Start:yyyy-MM-dd}..{c.End:yyyy-MM-dd} must be non-empty and inside {StartMonth:yyyy-MM-dd}..{EndDate:yyyy-MM-dd}.", nameof(Campaigns));
            if (!(c.ConversionDelta >= 0 && c.ConversionDelta < 1) || !(c.Cost >= 0 && c.Cost <= 1e12))
                throw new ArgumentException($"Campaign '{c.CampaignId}': ConversionDelta must be in [0, 1) and Cost in [0, 1e12]; got {c.ConversionDelta}, {c.Cost}.", nameof(Campaigns));
        }
        foreach (var a in campaigns)
            foreach (var b in campaigns)
                if (string.CompareOrdinal(a.CampaignId, b.CampaignId) < 0 && a.TargetSegment == b.TargetSegment && a.Start <= b.End && b.Start <= a.End)
                    throw new ArgumentException($"Campaigns '{a.CampaignId}' and '{b.CampaignId}' target '{a.TargetSegment}' with overlapping windows.", nameof(Campaigns));
    }

    private static void Probability(double p, string name, bool open = false)
    {
        if (!double.IsFinite(p) || p < 0 || p > 1 || (open && (p <= 0 || p >= 1)))
            throw new ArgumentOutOfRangeException(name, p, open ? $"{name} must be in (0, 1)." : $"{name} must be in [0, 1].");
    }
}
