using System.Globalization;
using MathNet.Numerics.Distributions;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Synthetic;

/// <summary>
/// The generator's core. Every random draw comes from a <see cref="StreamRandom"/> keyed by (seed, customer, month or
/// campaign, purpose), so rows do not depend on thread scheduling; month batches are sorted by a total order before
/// ids are assigned, so the output is byte-identical for the same options.
/// </summary>
internal sealed class SyntheticEngine
{
    public const string GeneratorVersion = "Segmentation.Analytics synthetic generator v1";

    // Purposes of random streams (the fourth key of StreamRandom).
    private const ulong ProfileStream = 1, PurchaseStream = 2, FeedbackStream = 3, ExtraDecisionStream = 4, ExtraPurchaseStream = 5,
        SegmentShuffleStream = 6, AssignmentStream = 7, MarketStream = 8;

    private const int ChunkSize = 4096;
    private const double CustomerSatisfactionSd = 0.4, ResponseSatisfactionSd = 0.8;
    private const double MarketGrowthPerMonth = 0.002, PlantedSegmentsShareOfMarket = 0.9;

    // Calendar seasonality (Jan..Dec): Spring Festival in Jan/Feb, 618 in June, Double 11 in November; normalised to mean 1.
    private static readonly double[] CalendarSeason = Normalise([1.20, 1.15, 0.90, 0.90, 0.95, 1.10, 0.90, 0.90, 0.95, 1.00, 1.45, 1.10]);

    private static readonly double[] OnlineHourWeights =
        [1.0, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.2, 1.8, 2.0, 2.2, 2.5, 2.8, 2.4, 2.2, 2.2, 2.3, 2.5, 2.8, 3.5, 4.2, 4.5, 3.8, 2.2];
    private static readonly double[] StoreHourWeights = // 09:00..21:59
        [0.8, 1.2, 1.8, 2.0, 1.6, 1.4, 1.4, 1.5, 1.8, 2.2, 2.4, 1.8, 1.0];
    private static readonly double[] PhoneHourWeights = // 09:00..17:59
        [1.5, 2.0, 1.8, 1.0, 1.2, 1.6, 1.6, 1.4, 1.0];

    private readonly SyntheticOptions options;
    private readonly ulong seed;
    private readonly PlantedSegment[] segments;
    private readonly SegmentProfile[] profiles;
    private readonly double[] segmentShares;
    private readonly CampaignPlan[] campaigns;
    private readonly DateOnly start;
    private readonly int months, totalDays;
    private readonly int[] monthStart, monthLength;
    private readonly double[] monthIntensity; // seasonality × trend
    private readonly int[] dayMonth;
    private readonly int[] campaignStart, campaignEnd; // day indices, inclusive
    private readonly Customer[] customers;
    private readonly sbyte[][] campaignGroup; // [campaign][customer]: -1 not assigned, 0 treatment, 1 control
    private readonly List<(int Customer, int Day, int Campaign)>[] extraPurchases; // per month

    private sealed class Customer
    {
        public int Segment, SignupDay, ActiveFrom, EndDay, ChurnMonth = -1, Region, Favourite;
        public double RateMultiplier, OrderValue, OnlineShare, AppShare, PhoneShare, Loyalty, ReturnProbability, SatisfactionOffset;
        public bool InAnyCampaign;
    }

    public SyntheticEngine(SyntheticOptions options)
    {
        this.options = options;
        seed = unchecked((ulong)(uint)options.Seed);
        segments = options.Segments.ToArray();
        profiles = segments.Select(s => SegmentProfile.For(s.Key)).ToArray();
        double shareSum = segments.Sum(s => s.Share);
        segmentShares = segments.Select(s => s.Share / shareSum).ToArray();
        campaigns = options.ResolvedCampaigns.ToArray();
        start = options.StartMonth;
        months = options.Months;
        monthStart = new int[months];
        monthLength = new int[months];
        monthIntensity = new double[months];
        for (int m = 0; m < months; m++)
        {
            var first = start.AddMonths(m);
            monthStart[m] = first.DayNumber - start.DayNumber;
            monthLength[m] = DateTime.DaysInMonth(first.Year, first.Month);
            monthIntensity[m] = CalendarSeason[first.Month - 1] * Math.Pow(1 + options.MonthlyGrowth, m);
        }
        totalDays = monthStart[months - 1] + monthLength[months - 1];
        dayMonth = new int[totalDays];
        for (int m = 0; m < months; m++) Array.Fill(dayMonth, m, monthStart[m], monthLength[m]);
        campaignStart = campaigns.Select(c => c.Start.DayNumber - start.DayNumber).ToArray();
        campaignEnd = campaigns.Select(c => c.End.DayNumber - start.DayNumber).ToArray();
        customers = new Customer[options.Customers];
        campaignGroup = campaigns.Select(_ => new sbyte[options.Customers]).ToArray();
        extraPurchases = Enumerable.Range(0, months).Select(_ => new List<(int, int, int)>()).ToArray();
    }

    private static double[] Normalise(double[] w)
    {
        double mean = w.Average();
        return w.Select(x => x / mean).ToArray();
    }

    private DateOnly DateOf(int day) => start.AddDays(day);

    private DateTime TimeOf(int day, int secondOfDay) => start.AddDays(day).ToDateTime(TimeOnly.MinValue).AddSeconds(secondOfDay);

    /// <summary>Expected purchases per active day of customer c in month m (Poisson intensity).</summary>
    private double DailyRate(Customer c, int m)
    {
        double rate = segments[c.Segment].MonthlyPurchaseRate * c.RateMultiplier * monthIntensity[m] / monthLength[m];
        if (c.ChurnMonth >= 0)
        {
            int monthsBefore = c.ChurnMonth - m; // fading activity in the three months up to the churn
            rate *= monthsBefore switch { 2 => 0.8, 1 => 0.6, 0 => 0.45, _ => 1.0 };
        }
        return rate;
    }

    public void Run(ISyntheticSink sink)
    {
        var customerRows = CreateCustomers();
        sink.Customers(customerRows);
        var (campaignRows, assignmentRows, campaignTruth) = CreateCampaigns();
        sink.Campaigns(campaignRows);
        sink.Assignments(assignmentRows);

        var purchases = new long[segments.Length];
        var returns = new long[segments.Length];
        var pendingReturns = Enumerable.Range(0, months).Select(_ => new List<SyntheticTransaction>()).ToArray();
        long nextTransaction = 1;
        long origin = start.ToDateTime(TimeOnly.MinValue).Ticks / TimeSpan.TicksPerSecond;
        int chunks = (customers.Length + ChunkSize - 1) / ChunkSize;
        // Buffers live across months (the month batches are large-object-heap sized): per-chunk lists, sort keys, and two
        // row buffers that alternate because month m is written while month m + 1 is generated. Sink calls stay in order.
        var chunkRows = Enumerable.Range(0, chunks).Select(_ => new List<SyntheticTransaction>()).ToArray();
        var chunkLater = Enumerable.Range(0, chunks).Select(_ => new List<SyntheticTransaction>()).ToArray();
        var chunkFeedback = Enumerable.Range(0, chunks).Select(_ => new List<SyntheticFeedback>()).ToArray();
        var rowBuffers = new SyntheticTransaction[2][];
        rowBuffers[0] = rowBuffers[1] = [];
        long[] keys = [];
        var writing = Task.CompletedTask;
        for (int m = 0; m < months; m++)
        {
            int month = m;
            Parallel.For(0, chunks, k =>
            {
                chunkRows[k].Clear();
                chunkLater[k].Clear();
                chunkFeedback[k].Clear();
                int end = Math.Min(customers.Length, (k + 1) * ChunkSize);
                for (int i = k * ChunkSize; i < end; i++) GenerateCustomerMonth(i, month, chunkRows[k], chunkLater[k], chunkFeedback[k]);
            });
            var extraRows = new List<SyntheticTransaction>();
            var extraLater = new List<SyntheticTransaction>();
            foreach (var (i, day, campaign) in extraPurchases[m])
            {
                var rng = new StreamRandom(seed, (ulong)i, (ulong)campaign, ExtraPurchaseStream);
                AddPurchase(ref rng, i, day, m, campaign, extraRows, extraLater);
            }
            var parts = chunkRows.Prepend(pendingReturns[m]).Append(extraRows).ToArray();
            int count = parts.Sum(p => p.Count);
            if (rowBuffers[m % 2].Length < count) rowBuffers[m % 2] = new SyntheticTransaction[count + count / 8];
            if (keys.Length < count) keys = new long[count + count / 8];
            var sorted = rowBuffers[m % 2];
            int filled = 0;
            foreach (var part in parts)
            {
                part.CopyTo(sorted, filled);
                filled += part.Count;
            }
            pendingReturns[m] = [];
            foreach (var later in chunkLater.Append(extraLater))
                foreach (var r in later) pendingReturns[dayMonth[(int)(r.Timestamp.Ticks / TimeSpan.TicksPerDay - origin / 86400)]].Add(r);

            // Total order: timestamp, then customer (ties within a customer's second keep a deterministic order because
            // the input order is deterministic and the sort algorithm is).
            for (int j = 0; j < count; j++)
                keys[j] = ((sorted[j].Timestamp.Ticks / TimeSpan.TicksPerSecond - origin) << 27) | (long)sorted[j].CustomerNumber;
            Array.Sort(keys, sorted, 0, count);
            for (int j = 0; j < count; j++)
            {
                sorted[j] = sorted[j] with { TransactionNumber = nextTransaction++ };
                int s = customers[sorted[j].CustomerNumber - 1].Segment;
                if (sorted[j].IsReturn) returns[s]++; else purchases[s]++;
            }
            var feedbackRows = chunkFeedback.SelectMany(f => f).ToArray();
            Array.Sort(feedbackRows, (a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.CustomerNumber.CompareTo(b.CustomerNumber));
            writing.GetAwaiter().GetResult();
            writing = Task.Run(() =>
            {
                sink.Transactions(sorted.AsSpan(0, count));
                sink.Feedback(feedbackRows);
            });
        }
        writing.GetAwaiter().GetResult();
        sink.Market(CreateMarket());
        sink.Truth(CreateTruth(campaignTruth, purchases, returns));
    }

    // ---------------------------------------------------------------- customers

    private SyntheticCustomer[] CreateCustomers()
    {
        // Exact segment sizes by largest remainder, then a seeded shuffle so ids are not grouped by segment.
        int n = customers.Length;
        var sizes = segmentShares.Select(s => (int)Math.Floor(s * n)).ToArray();
        var order = Enumerable.Range(0, segments.Length)
            .OrderByDescending(s => segmentShares[s] * n - sizes[s]).ThenBy(s => s).ToArray();
        for (int k = 0; k < n - sizes.Sum(); k++) sizes[order[k % order.Length]]++;
        var segmentOf = new int[n];
        for (int s = 0, pos = 0; s < segments.Length; s++)
            for (int j = 0; j < sizes[s]; j++) segmentOf[pos++] = s;
        var shuffle = new StreamRandom(seed, ulong.MaxValue, 0, SegmentShuffleStream);
        for (int i = n - 1; i > 0; i--)
        {
            int j = shuffle.NextInt(i + 1);
            (segmentOf[i], segmentOf[j]) = (segmentOf[j], segmentOf[i]);
        }

        var rows = new SyntheticCustomer[n];
        Parallel.For(0, (n + ChunkSize - 1) / ChunkSize, k =>
        {
            int end = Math.Min(n, (k + 1) * ChunkSize);
            for (int i = k * ChunkSize; i < end; i++) rows[i] = CreateCustomer(i, segmentOf[i]);
        });
        return rows;
    }

    private SyntheticCustomer CreateCustomer(int i, int s)
    {
        var rng = new StreamRandom(seed, (ulong)i, 0, ProfileStream);
        var seg = segments[s];
        var profile = profiles[s];
        var c = new Customer { Segment = s };

        bool isNew = !seg.Churns && rng.Bernoulli(options.NewCustomerShare);
        c.SignupDay = isNew ? rng.NextInt(0, Math.Max(0, totalDays - 61)) : -rng.NextInt(1, 5 * 365);
        c.ActiveFrom = Math.Max(0, c.SignupDay);
        c.EndDay = totalDays;
        if (seg.Churns)
        {
            int first = Math.Max(1, (int)Math.Round(0.2 * months)), last = Math.Max(first, (int)Math.Round(0.65 * months));
            int churnMonth = rng.NextInt(first, last) - 1; // 0-based
            c.ChurnMonth = churnMonth;
            c.EndDay = monthStart[churnMonth] + rng.NextInt(1, monthLength[churnMonth] - 1);
        }
        c.RateMultiplier = Math.Clamp(rng.Gamma(12.0) / 12.0, 0.5, 1.8);
        c.OrderValue = seg.AverageOrderValue * rng.LogNormal(1.0, 0.2);
        c.OnlineShare = rng.Beta(seg.OnlineShare, 30);
        c.AppShare = rng.Beta(profile.AppShareOfOnline, 10);
        c.PhoneShare = profile.PhoneShareOfOffline > 0 ? rng.Beta(profile.PhoneShareOfOffline, 10) : 0;
        c.Loyalty = Math.Clamp(seg.CategoryLoyalty + 0.1 * rng.Normal(), 0, 0.95);
        c.Favourite = rng.Choose(profile.Category);
        c.ReturnProbability = Math.Min(0.9, options.ReturnRate * seg.ReturnFactor);
        c.SatisfactionOffset = CustomerSatisfactionSd * rng.Normal();
        c.Region = rng.Choose(SegmentProfile.RegionWeights);
        customers[i] = c;

        int cityTier = rng.Choose(profile.CityTier) + 1;
        var signup = DateOf(c.SignupDay);
        if (seg.IsBusiness)
        {
            int? sensitivity = rng.Bernoulli(0.7) ? Scale(ref rng, seg.PriceSensitivity) : null;
            return new SyntheticCustomer(i + 1, signup, null, null, null, null, null, DataModel.Regions[c.Region], cityTier,
                DataModel.CompanySizes[rng.Choose(SegmentProfile.CompanySizeWeights)],
                SegmentProfile.Industries[rng.NextInt(SegmentProfile.Industries.Length)], null, sensitivity);
        }

        int age = rng.NextInt(seg.AgeMin, seg.AgeMax);
        int birthYear = options.EndDate.Year - age;
        double u = rng.NextDouble();
        string gender = u < 0.02 ? "U" : u < 0.02 + 0.98 * profile.FemaleShare ? "F" : "M";
        int occupation = rng.Choose(profile.Occupation);
        if (age < 23 && rng.Bernoulli(0.6)) occupation = 5; // student
        else if (age >= 60 && rng.Bernoulli(0.7)) occupation = 6; // retired
        else if (age < 55 && occupation == 6) occupation = 1;
        double? income = rng.Bernoulli(0.04) ? null
            : Math.Round(profile.IncomeMedian * Math.Exp(0.5 * rng.Normal()) / 100, MidpointRounding.AwayFromZero) * 100;
        string? education = rng.Bernoulli(0.02) ? null : DataModel.EducationLevels[rng.Choose(profile.Education)];
        bool surveyed = rng.Bernoulli(0.9);
        string? lifestyle = surveyed ? DataModel.Lifestyles[rng.Choose(profile.Lifestyle)] : null;
        int? priceSensitivity = surveyed ? Scale(ref rng, seg.PriceSensitivity) : null;
        return new SyntheticCustomer(i + 1, signup, birthYear, gender, income, DataModel.Occupations[occupation], education,
            DataModel.Regions[c.Region], cityTier, null, null, lifestyle, priceSensitivity);
    }

    private static int Scale(ref StreamRandom rng, double mean) => Math.Clamp((int)Math.Round(mean + 0.7 * rng.Normal(), MidpointRounding.AwayFromZero), 1, 5);

    // ---------------------------------------------------------------- campaigns

    private (SyntheticCampaign[], SyntheticCampaignAssignment[], GroundTruthCampaign[]) CreateCampaigns()
    {
        var campaignRows = new SyntheticCampaign[campaigns.Length];
        var assignments = new List<SyntheticCampaignAssignment>();
        var truth = new GroundTruthCampaign[campaigns.Length];
        for (int k = 0; k < campaigns.Length; k++)
        {
            var plan = campaigns[k];
            campaignRows[k] = new SyntheticCampaign(plan.CampaignId, $"{plan.NameZh} / {plan.NameEn}", plan.TargetSegment, plan.Start, plan.End, Math.Round(plan.Cost, 2));
            int target = Array.FindIndex(segments, s => s.Key == plan.TargetSegment);
            int first = campaignStart[k], last = campaignEnd[k];
            Array.Fill(campaignGroup[k], (sbyte)-1);
            var eligible = new List<int>();
            for (int i = 0; i < customers.Length; i++)
            {
                var c = customers[i];
                if (c.Segment == target && c.SignupDay <= first && c.EndDay > last) eligible.Add(i);
            }
            var shuffled = eligible.ToArray();
            var rng = new StreamRandom(seed, ulong.MaxValue - 1, (ulong)k, AssignmentStream);
            for (int j = shuffled.Length - 1; j > 0; j--)
            {
                int r = rng.NextInt(j + 1);
                (shuffled[j], shuffled[r]) = (shuffled[r], shuffled[j]);
            }
            int treatedCount = (int)Math.Round(options.TreatmentShare * shuffled.Length, MidpointRounding.AwayFromZero);
            for (int j = 0; j < shuffled.Length; j++) campaignGroup[k][shuffled[j]] = (sbyte)(j < treatedCount ? 0 : 1);

            double delta = plan.ConversionDelta, sumTau = 0, sumRevenue = 0, sumP0 = 0;
            int clipped = 0;
            foreach (int i in eligible)
            {
                var c = customers[i];
                c.InAnyCampaign = true;
                assignments.Add(new SyntheticCampaignAssignment(plan.CampaignId, i + 1, campaignGroup[k][i] == 0 ? "treatment" : "control"));
                // Λ = integrated Poisson intensity over the window (the customer is active on every day of it).
                double lambda = 0;
                for (int m = dayMonth[first]; m <= dayMonth[last]; m++)
                {
                    int overlap = Math.Min(last + 1, monthStart[m] + monthLength[m]) - Math.Max(first, monthStart[m]);
                    lambda += overlap * DailyRate(c, m);
                }
                double p0 = 1 - Math.Exp(-lambda);
                double q = delta * Math.Exp(lambda);
                if (q > 1) { q = 1; clipped++; }
                sumP0 += p0;
                sumTau += q * Math.Exp(-lambda);
                sumRevenue += q * c.OrderValue;
                if (campaignGroup[k][i] == 0 && q > 0)
                {
                    var decision = new StreamRandom(seed, (ulong)i, (ulong)k, ExtraDecisionStream);
                    if (decision.NextDouble() < q)
                    {
                        int day = first + decision.NextInt(last - first + 1);
                        extraPurchases[dayMonth[day]].Add((i, day, k));
                    }
                }
            }
            int n = Math.Max(1, eligible.Count);
            truth[k] = new GroundTruthCampaign(plan.CampaignId, plan.TargetSegment, plan.Start, plan.End, treatedCount, eligible.Count - treatedCount,
                "at least one non-return purchase (is_return = 0) dated within [start, end]",
                delta, Math.Round(sumTau / n, 12), Math.Round(sumRevenue / n, 6), Math.Round(sumP0 / n, 12), clipped);
        }
        return (campaignRows, assignments.ToArray(), truth);
    }

    private int TreatedCampaignAt(int i, int day)
    {
        if (!customers[i].InAnyCampaign) return -1;
        for (int k = 0; k < campaigns.Length; k++)
            if (day >= campaignStart[k] && day <= campaignEnd[k] && campaignGroup[k][i] == 0) return k;
        return -1;
    }

    // ---------------------------------------------------------------- transactions and feedback

    private void GenerateCustomerMonth(int i, int m, List<SyntheticTransaction> rows, List<SyntheticTransaction> later, List<SyntheticFeedback> feedback)
    {
        var c = customers[i];
        int from = Math.Max(c.ActiveFrom, monthStart[m]);
        int to = Math.Min(c.EndDay, monthStart[m] + monthLength[m]);
        int activeDays = to - from;
        if (activeDays <= 0) return;

        var rng = new StreamRandom(seed, (ulong)i, (ulong)m, PurchaseStream);
        int count = rng.Poisson(DailyRate(c, m) * activeDays);
        for (int j = 0; j < count; j++)
        {
            int day = from + rng.NextInt(activeDays);
            AddPurchase(ref rng, i, day, m, TreatedCampaignAt(i, day), rows, later);
        }

        var frng = new StreamRandom(seed, (ulong)i, (ulong)m, FeedbackStream);
        if (!frng.Bernoulli(options.SurveyResponseRate)) return;
        int responseDay = from + frng.NextInt(activeDays);
        var seg = segments[c.Segment];
        double latent = seg.Satisfaction + c.SatisfactionOffset + (m + 1 >= options.ResolvedManagementStartMonth ? seg.SatisfactionUplift : 0)
            + ResponseSatisfactionSd * frng.Normal();
        if (c.ChurnMonth >= 0 && c.ChurnMonth - m <= 2) latent -= 0.5 * (3 - (c.ChurnMonth - m)); // dissatisfaction before churn
        int csat = Math.Clamp((int)Math.Round(latent, MidpointRounding.AwayFromZero), 1, 5);
        int nps = Math.Clamp((int)Math.Round(2.5 * latent - 2.0 + frng.Normal(), MidpointRounding.AwayFromZero), 0, 10);
        bool complaint = frng.Bernoulli(1.0 / (1.0 + Math.Exp(3.2 + 2.0 * (latent - 3.5))));
        int referred = frng.Poisson(Math.Max(0, latent - 3.2) * 0.25 * profiles[c.Segment].ReferralFactor);
        feedback.Add(new SyntheticFeedback(i + 1, DateOf(responseDay), csat, nps, complaint, referred));
    }

    private void AddPurchase(ref StreamRandom rng, int i, int day, int m, int campaign, List<SyntheticTransaction> rows, List<SyntheticTransaction> later)
    {
        var c = customers[i];
        var seg = segments[c.Segment];
        string channel;
        int second;
        if (rng.Bernoulli(c.OnlineShare))
        {
            channel = rng.Bernoulli(c.AppShare) ? "app" : "web";
            second = rng.Choose(OnlineHourWeights) * 3600 + rng.NextInt(3600);
        }
        else if (rng.Bernoulli(c.PhoneShare))
        {
            channel = "phone";
            second = (9 + rng.Choose(PhoneHourWeights)) * 3600 + rng.NextInt(3600);
        }
        else
        {
            channel = "store";
            second = (9 + rng.Choose(StoreHourWeights)) * 3600 + rng.NextInt(3600);
        }
        int category = rng.Bernoulli(c.Loyalty) ? c.Favourite : rng.Choose(profiles[c.Segment].Category);
        double amount = Math.Max(1.0, Math.Round(rng.LogNormal(c.OrderValue, seg.OrderValueSpread), 2, MidpointRounding.AwayFromZero));
        int quantity = (int)Math.Clamp(Math.Round(amount / SegmentProfile.CategoryUnitPrice[category] * (0.6 + 0.8 * rng.NextDouble())), 1, 100_000);
        double margin = SegmentProfile.CategoryMargin[category] * (0.85 + 0.3 * rng.NextDouble());
        double cost = Math.Round(amount * (1 - margin), 2, MidpointRounding.AwayFromZero);
        string categoryName = DataModel.ProductCategories[category], region = DataModel.Regions[c.Region];
        rows.Add(new SyntheticTransaction(0, i + 1, TimeOf(day, second), amount, cost, quantity, channel, categoryName, region,
            campaign >= 0 ? campaigns[campaign].CampaignId : null, false));

        if (!rng.Bernoulli(c.ReturnProbability)) return;
        int returnDay = day + rng.NextInt(1, 30);
        int returnSecond = channel is "web" or "app" ? rng.Choose(OnlineHourWeights) * 3600 + rng.NextInt(3600) : (10 + rng.NextInt(8)) * 3600 + rng.NextInt(3600);
        if (returnDay >= c.EndDay || returnDay >= totalDays) return;
        var returned = new SyntheticTransaction(0, i + 1, TimeOf(returnDay, returnSecond), -amount, 0, -quantity, channel, categoryName, region, null, true);
        (dayMonth[returnDay] == m ? rows : later).Add(returned);
    }

    // ---------------------------------------------------------------- market and truth

    private SyntheticMarketSize[] CreateMarket()
    {
        // Segment market = the segment's expected company revenue at full activity / planted share, with the market's own
        // seasonality, slower growth and 3 % noise; the company's realised share moves with churn, new customers and campaigns.
        var counts = new int[segments.Length];
        foreach (var c in customers) counts[c.Segment]++;
        var rows = new List<SyntheticMarketSize>();
        var rng = new StreamRandom(seed, ulong.MaxValue - 2, 0, MarketStream);
        for (int m = 0; m < months; m++)
        {
            var month = start.AddMonths(m);
            double season = CalendarSeason[month.Month - 1] * Math.Pow(1 + MarketGrowthPerMonth, m);
            var sizes = new double[segments.Length];
            for (int s = 0; s < segments.Length; s++)
            {
                double expectedRevenue = counts[s] * segments[s].MonthlyPurchaseRate * segments[s].AverageOrderValue;
                sizes[s] = Math.Round(expectedRevenue / segments[s].MarketShare * season * Math.Exp(0.03 * rng.Normal()), 2, MidpointRounding.AwayFromZero);
            }
            rows.Add(new SyntheticMarketSize(month, null, Math.Round(sizes.Sum() / PlantedSegmentsShareOfMarket, 2, MidpointRounding.AwayFromZero)));
            for (int s = 0; s < segments.Length; s++) rows.Add(new SyntheticMarketSize(month, segments[s].Key, sizes[s]));
        }
        return rows.ToArray();
    }

    private GroundTruth CreateTruth(GroundTruthCampaign[] campaignTruth, long[] purchases, long[] returns)
    {
        var counts = new int[segments.Length];
        var customerSegments = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var churn = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            counts[c.Segment]++;
            string id = SyntheticIds.Customer(i + 1);
            customerSegments[id] = segments[c.Segment].Key;
            if (c.ChurnMonth >= 0) churn[id] = start.AddMonths(c.ChurnMonth).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
        var segmentTruth = segments.Select((s, k) => new GroundTruthSegment(
            s.Key, s.LabelZh, s.LabelEn, counts[k], purchases[k], returns[k],
            s.MonthlyPurchaseRate, s.AverageOrderValue, s.OnlineShare, s.IsBusiness ? null : (s.AgeMin + s.AgeMax) / 2.0,
            s.IsBusiness, s.Churns, ExpectedCsat(s.Satisfaction), ExpectedCsat(s.Satisfaction + s.SatisfactionUplift), s.MarketShare)).ToArray();
        string Month(int m) => start.AddMonths(m).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return new GroundTruth(GeneratorVersion, options, Month(0), Month(months - 1), Month(options.ResolvedManagementStartMonth - 1),
            segmentTruth, campaignTruth, customerSegments, churn);
    }

    /// <summary>E[clamp(round(L), 1, 5)] for L ~ N(mean, 0.4² + 0.8²): Σₖ k·P(k − ½ ≤ L &lt; k + ½), tails into 1 and 5.</summary>
    internal static double ExpectedCsat(double mean)
    {
        double sd = Math.Sqrt(CustomerSatisfactionSd * CustomerSatisfactionSd + ResponseSatisfactionSd * ResponseSatisfactionSd);
        double expected = 0, below = 0;
        for (int k = 1; k <= 5; k++)
        {
            double upTo = k == 5 ? 1.0 : Normal.CDF(mean, sd, k + 0.5);
            expected += k * (upTo - below);
            below = upTo;
        }
        return expected;
    }
}
