using System.Globalization;
using System.Text;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Validation;

namespace Segmentation.Analytics.Profiling;

/// <summary>
/// Names segments from their profiles ("命名细分群体"): a short Chinese and English name made of the segment's most
/// distinctive measured traits (e.g. "高收入·低消费 / High income, low spending"), unique within the segmentation, and a
/// one-sentence description that quotes the numbers.
/// </summary>
/// <remarks>
/// <para>Candidates: every profiled numeric feature (any column, known for at least half of the segment) gives one trait, its
/// strength the |z-score| of the segment mean against the population. The words come from the <see cref="NamingVocabulary"/>:
/// the age band (young &lt; 35 ≤ middle-aged ≤ 55 &lt; senior, from the mean age; an age range much narrower than the population's
/// also counts as distinctive), online / offline from the mean online share, dormant (recency index and z high), new (short
/// tenure — which then explains low frequency, so "infrequent" is not used), frequent / infrequent, high / low spending, premium /
/// low-ticket, loyal, bargain hunters (price sensitivity, or many cheap orders), business buyers (a company size for at least half
/// of the segment); any other column reads "high / low {label}" with the label of <see cref="NamingVocabulary.Labels"/>, the
/// vocabulary, or the column name. A feature the data does not measure is not profiled, so it can never name a segment.</para>
/// <para>A name joins the traits of strength ≥ <see cref="NamingThresholds.NameZ"/>, strongest first, at most
/// <see cref="NamingThresholds.MaxTraits"/> ("均衡 / Average profile" when none qualifies). When two segments get the same name, the
/// smaller one (the later index) takes its next most distinctive trait, until the names differ — never a number.</para>
/// <para>A segment with fewer customers than <see cref="NamingThresholds.MinimumSegmentSize"/> (or
/// <see cref="NamingThresholds.MinimumSegmentShare"/> of all), or dissolved in more than half of its bootstrap runs, is named
/// "不稳定：… / Unstable: …" and flagged (<see cref="SegmentName.Unstable"/>).</para>
/// </remarks>
public sealed class SegmentNamer(NamingVocabulary? vocabulary = null)
{
    /// <summary>The vocabulary in use.</summary>
    public NamingVocabulary Vocabulary { get; } = vocabulary ?? NamingVocabulary.Default;

    /// <summary>Names every segment of <paramref name="profiles"/>, then applies <paramref name="overrides"/>.</summary>
    /// <param name="profiles">The profiles to name.</param>
    /// <param name="overrides">The analyst's names.</param>
    /// <param name="stability">Bootstrap stability of the segments, if measured: a segment dissolved in more than half of its runs is unstable.</param>
    /// <exception cref="ArgumentException">An override names a segment that does not exist, two overrides name the same segment, or the final names are not unique.</exception>
    public EquatableArray<SegmentName> Name(SegmentProfiles profiles, IReadOnlyList<NameOverride>? overrides = null, StabilitySummary? stability = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var t = Vocabulary.Thresholds;
        var plans = profiles.Segments.Select(p => Plan(p, profiles)).ToArray();
        // Tell clashing names apart: the later (smaller) segment of a clash takes its next most distinctive trait.
        for (int round = 0; round < 64; round++)
        {
            bool changed = false;
            var seen = new Dictionary<string, NamePlan>(StringComparer.Ordinal);
            foreach (var plan in plans)
            {
                var (zh, en) = Compose(plan);
                if (!seen.ContainsKey(zh) && !seen.ContainsKey("en:" + en))
                {
                    seen[zh] = plan;
                    seen["en:" + en] = plan;
                    continue;
                }
                if (plan.Next < plan.Traits.Count) { plan.Used++; plan.Next++; changed = true; }
                else if (!plan.Fallback) { plan.Fallback = true; changed = true; }
            }
            if (!changed) break;
        }
        var names = plans.Select(p =>
        {
            var (zh, en) = Compose(p);
            var (dzh, den) = Describe(p);
            var s = stability?.Segments.FirstOrDefault(x => x.Segment == p.Segment);
            bool unstable = p.Size < Math.Max(t.MinimumSegmentSize, t.MinimumSegmentShare * profiles.Rows)
                || (s is not null && s.Runs > 0 && 2 * s.DissolvedRuns > s.Runs);
            if (unstable)
            {
                var u = Vocabulary.Term("text.unstable");
                (zh, en) = (string.Format(CultureInfo.InvariantCulture, u.Zh, zh), string.Format(CultureInfo.InvariantCulture, u.En, en));
            }
            return new SegmentName(p.Segment, Slug(en), zh, en, dzh, den, p.Traits.Take(p.Used).Select(x => x.Key).ToArray(), false) { Unstable = unstable };
        }).ToList();
        return ApplyOverrides(names, overrides ?? []);
    }

    /// <summary>Replaces generated names by the analyst's; keys follow the English override.</summary>
    public static EquatableArray<SegmentName> ApplyOverrides(IReadOnlyList<SegmentName> names, IReadOnlyList<NameOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(overrides);
        var result = names.ToList();
        foreach (var group in overrides.GroupBy(o => o.Segment).Where(g => g.Count() > 1))
            throw new ArgumentException($"Segment {group.Key} has {group.Count()} name overrides; give at most one.", nameof(overrides));
        foreach (var o in overrides)
        {
            int at = result.FindIndex(n => n.Segment == o.Segment);
            if (at < 0) throw new ArgumentException($"NameOverride for segment {o.Segment}: no such segment (segments are {string.Join(", ", names.Select(n => n.Segment))}).", nameof(overrides));
            if (string.IsNullOrWhiteSpace(o.Zh) || string.IsNullOrWhiteSpace(o.En))
                throw new ArgumentException($"NameOverride for segment {o.Segment}: both the Chinese and the English name are required.", nameof(overrides));
            result[at] = result[at] with
            {
                Zh = o.Zh, En = o.En, Key = Slug(o.En), Overridden = true,
                DescriptionZh = o.Description ?? result[at].DescriptionZh,
                DescriptionEn = o.Description ?? result[at].DescriptionEn,
            };
        }
        foreach (var group in result.GroupBy(n => n.Zh).Concat(result.GroupBy(n => n.En)).Where(g => g.Count() > 1))
            throw new ArgumentException($"Segment names must be unique: '{group.Key}' is used by segments {string.Join(", ", group.Select(n => n.Segment))}.", nameof(overrides));
        return result.ToEquatableArray();
    }

    /// <summary>One trait: its vocabulary key, words, strength (|z|) and the fact a description quotes for it.</summary>
    private sealed record Trait(string Key, string Zh, string En, double Strength, string Fact, string Feature);

    private sealed class NamePlan
    {
        public required int Segment { get; init; }
        public required int Size { get; init; }
        public required double Share { get; init; }
        /// <summary>All traits, strongest first.</summary>
        public required List<Trait> Traits { get; init; }
        /// <summary>How many of <see cref="Traits"/> the name uses.</summary>
        public int Used { get; set; }
        /// <summary>The next trait to add on a clash (= <see cref="Used"/>).</summary>
        public int Next { get; set; }
        /// <summary>Traits exhausted and still clashing: the segment number is added (identical profiles only).</summary>
        public bool Fallback { get; set; }
        public required Dictionary<string, string[]> Facts { get; init; }
    }

    private NamePlan Plan(SegmentProfile profile, SegmentProfiles all)
    {
        var t = Vocabulary.Thresholds;
        var c = Vocabulary.Columns;
        var traits = new List<Trait>();
        Trait Word(string key, double strength, string fact, string feature)
        {
            var term = Vocabulary.Term(key);
            return new Trait(key, term.Zh, term.En, strength, fact, feature);
        }
        bool Usable(FeatureProfile f) => double.IsFinite(f.ZScore) && double.IsFinite(f.Mean) && profile.Size > 0 && 2 * f.Count >= profile.Size;
        double Index(string column) => profile.Feature(column) is { } f && Usable(f) ? f.Index : double.NaN;

        if (profile.CompositionOf(c.CompanySize) is { } company && 1 - company.MissingShare >= t.BusinessShare)
            traits.Add(Word("business", 10, "fact.business", c.CompanySize));
        double orderValue = Index(c.OrderValue), frequencyIndex = Index(c.Frequency);
        bool cheapAndOften = orderValue <= t.BargainOrderValueIndex && frequencyIndex >= t.BargainFrequencyIndex;
        bool isNew = profile.Feature(c.Tenure) is { } tenure && Usable(tenure) && tenure.ZScore <= t.NewTenureZ;

        foreach (var f in profile.Features)
        {
            if (!Usable(f) || f.ZScore == 0 && f.Feature != c.Age) continue;
            double z = f.ZScore, strength = Math.Abs(z);
            bool high = z > 0;
            if (f.Feature == c.Age)
            {
                string band = f.Mean < t.YoungBelow ? "young" : f.Mean > t.SeniorAbove ? "senior" : "middle_aged";
                bool homogeneous = all.Population.FirstOrDefault(p => p.Feature == c.Age) is { StandardDeviation: > 0 } pop
                    && f.StandardDeviation <= t.AgeHomogeneousSdRatio * pop.StandardDeviation;
                traits.Add(Word(band, homogeneous ? Math.Max(strength, t.AgeDistinctZ + 0.1) : strength, "fact.age", f.Feature));
            }
            else if (f.Feature == c.OnlineShare)
            {
                if (f.Mean >= t.OnlineFrom) traits.Add(Word("online", strength, "fact.online", f.Feature));
                else if (f.Mean <= t.OfflineUpTo) traits.Add(Word("offline", strength, "fact.online", f.Feature));
            }
            else if (f.Feature == c.Recency)
            {
                bool dormant = f.Index >= t.DormantRecencyIndex && z >= t.DormantRecencyZ;
                traits.Add(Word(dormant ? "dormant" : high ? "lapsing" : "active", dormant ? strength + 1 : strength, "fact.recency", f.Feature));
            }
            else if (f.Feature == c.Tenure) traits.Add(Word(high ? "long_standing" : "new", strength, "fact.tenure", f.Feature));
            else if (f.Feature == c.Frequency)
                traits.Add(Word(high ? "frequent" : "infrequent", strength, "fact.frequency", f.Feature));
            else if (f.Feature == c.Monetary) traits.Add(Word(high ? "high_spending" : "low_spending", strength, "fact.monetary", f.Feature));
            else if (f.Feature == c.OrderValue) traits.Add(Word(high ? "premium" : "low_ticket", strength, "fact.order_value", f.Feature));
            else if (f.Feature == c.Loyalty && high) traits.Add(Word("loyal", strength, "fact.loyalty", f.Feature));
            else if (f.Feature == c.PriceSensitivity) traits.Add(Word(high ? "bargain" : "price_insensitive", strength, "fact.price", f.Feature));
            else traits.Add(Generic(f, high, strength));
        }
        if (cheapAndOften && !traits.Any(x => x.Key == "bargain"))
            traits.Add(Word("bargain", Math.Log(100 / orderValue), "fact.order_value", c.OrderValue));
        // Strongest first; the same words twice (two columns saying the same) only once.
        traits.Sort((a, b) => b.Strength.CompareTo(a.Strength) is var s && s != 0 ? s : string.CompareOrdinal(a.Key + a.Feature, b.Key + b.Feature));
        var distinct = new List<Trait>();
        foreach (var x in traits) if (!distinct.Any(d => d.Zh == x.Zh || d.En == x.En)) distinct.Add(x);
        // New customers have had little time to buy: their low frequency (or order count) is youth, not occasional buying.
        if (isNew) distinct.RemoveAll(x => x.Zh == Vocabulary.Term("infrequent").Zh);
        int used = Math.Min(t.MaxTraits, distinct.Count(x => x.Strength >= t.NameZ));
        return new NamePlan
        {
            Segment = profile.Segment, Size = profile.Size, Share = profile.Share, Traits = distinct, Used = used, Next = used,
            Facts = Facts(profile, all, distinct),
        };
    }

    /// <summary>"高{label}" / "high {label}" (or the vocabulary's own words for a catalogue feature).</summary>
    private Trait Generic(FeatureProfile f, bool high, double strength)
    {
        string direction = high ? "high" : "low";
        if (Vocabulary.Find($"feature.{f.Feature}.{direction}") is { } own) return new Trait(own.Key, own.Zh, own.En, strength, "fact.generic", f.Feature);
        var (zh, en) = Label(f.Feature);
        var pattern = Vocabulary.Term("generic." + direction);
        return new Trait($"generic.{direction}.{f.Feature}", string.Format(CultureInfo.InvariantCulture, pattern.Zh, zh),
            string.Format(CultureInfo.InvariantCulture, pattern.En, en), strength, "fact.generic", f.Feature);
    }

    /// <summary>The label of a column: <see cref="NamingVocabulary.Labels"/>, else the feature catalogue, else the column name.</summary>
    private (string Zh, string En) Label(string feature)
    {
        if (Vocabulary.Labels?.FirstOrDefault(l => l.Feature == feature) is { } label) return (label.Zh, label.En);
        if (FeatureCatalog.All.FirstOrDefault(d => d.Name == feature) is { } known) return (known.NameZh, Humanise(feature));
        var words = Humanise(feature);
        return (words, words);
    }

    /// <summary>A column name as words: underscores and hyphens become spaces, lower case ("Spending_Score" → "spending score").</summary>
    public static string Humanise(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var words = column.Replace('_', ' ').Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? column : string.Join(' ', words).ToLowerInvariant();
    }

    /// <summary>The numbers a description can quote, formatted, by fact key (generic facts by "fact.generic:" + feature).</summary>
    private Dictionary<string, string[]> Facts(SegmentProfile profile, SegmentProfiles all, IReadOnlyList<Trait> traits)
    {
        var c = Vocabulary.Columns;
        var inv = CultureInfo.InvariantCulture;
        var facts = new Dictionary<string, string[]>();
        void Ratio(string key, string column)
        {
            if (profile.Feature(column) is { } f && double.IsFinite(f.Index)) facts[key] = [(f.Index / 100).ToString("0.0", inv)];
        }
        if (profile.Feature(c.Age) is { } age && double.IsFinite(age.Mean) && profile.Size > 0 && (double)age.Count / profile.Size >= Vocabulary.Thresholds.AgeKnownShare)
            facts["fact.age"] = [age.Mean.ToString("0", inv)];
        if (profile.Feature(c.OnlineShare) is { } online && double.IsFinite(online.Mean)) facts["fact.online"] = [(100 * online.Mean).ToString("0", inv)];
        Ratio("fact.order_value", c.OrderValue);
        Ratio("fact.monetary", c.Monetary);
        Ratio("fact.frequency", c.Frequency);
        if (profile.Feature(c.Recency) is { } recency && double.IsFinite(recency.Mean)) facts["fact.recency"] = [recency.Mean.ToString("0", inv)];
        if (profile.Feature(c.Tenure) is { } tenure && double.IsFinite(tenure.Mean)) facts["fact.tenure"] = [tenure.Mean.ToString("0", inv)];
        if (profile.CompositionOf(c.CompanySize) is { } company && double.IsFinite(company.MissingShare)) facts["fact.business"] = [(100 * (1 - company.MissingShare)).ToString("0", inv)];
        if (profile.Feature(c.PriceSensitivity) is { } price && double.IsFinite(price.Mean))
            facts["fact.price"] = [price.Mean.ToString("0.0", inv), price.PopulationMean.ToString("0.0", inv)];
        if (profile.Feature(c.Loyalty) is { } loyalty && double.IsFinite(loyalty.Mean)) facts["fact.loyalty"] = [(100 * loyalty.Mean).ToString("0", inv)];
        foreach (var trait in traits.Where(x => x.Fact == "fact.generic"))
            if (profile.Feature(trait.Feature) is { } f)
            {
                var (zh, en) = Label(trait.Feature);
                facts["fact.generic:" + trait.Feature] = [zh, en, Number(f.Mean), Number(f.PopulationMean)];
            }
        return facts;
    }

    private static string Number(double x) =>
        Math.Abs(x) >= 100 ? x.ToString("N0", CultureInfo.InvariantCulture) : x.ToString("0.##", CultureInfo.InvariantCulture);

    private (string Zh, string En) Compose(NamePlan plan)
    {
        var join = Vocabulary.Term("text.join");
        var used = plan.Traits.Take(plan.Used).ToArray();
        string zh, en;
        if (used.Length == 0)
        {
            var average = Vocabulary.Term("average");
            (zh, en) = (average.Zh, average.En);
        }
        else
        {
            zh = string.Join(join.Zh, used.Select(x => x.Zh));
            en = string.Join(join.En, used.Select(x => x.En));
        }
        if (plan.Fallback)
        {
            var f = Vocabulary.Term("text.fallback");
            string number = (plan.Segment + 1).ToString(CultureInfo.InvariantCulture);
            (zh, en) = (string.Format(CultureInfo.InvariantCulture, f.Zh, zh, number), string.Format(CultureInfo.InvariantCulture, f.En, en, number));
        }
        return (zh, en.Length == 0 ? en : char.ToUpperInvariant(en[0]) + en[1..]);
    }

    private (string Zh, string En) Describe(NamePlan plan)
    {
        var inv = CultureInfo.InvariantCulture;
        // The facts of the traits in the name first, then of the next strongest traits.
        var order = new List<string>();
        foreach (var trait in plan.Traits)
        {
            string key = trait.Fact == "fact.generic" ? "fact.generic:" + trait.Feature : trait.Fact;
            if (!order.Contains(key) && plan.Facts.ContainsKey(key)) order.Add(key);
        }
        var chosen = order.Take(Vocabulary.Thresholds.Facts).ToArray();
        var size = Vocabulary.Term("fact.size");
        var sizeArgs = new object[] { plan.Size.ToString("N0", inv), (100 * plan.Share).ToString("0", inv) };
        string Sentence(bool chinese)
        {
            string Pick(NamingTerm t) => chinese ? t.Zh : t.En;
            string Fact(string key)
            {
                if (!key.StartsWith("fact.generic:", StringComparison.Ordinal)) return string.Format(inv, Pick(Vocabulary.Term(key)), plan.Facts[key]);
                var v = plan.Facts[key];
                return string.Format(inv, Pick(Vocabulary.Term("fact.generic")), chinese ? v[0] : v[1], v[2], v[3]);
            }
            var sb = new StringBuilder(string.Format(inv, Pick(size), sizeArgs));
            if (chosen.Length > 0)
            {
                sb.Append(Pick(Vocabulary.Term("text.after_size")));
                sb.Append(string.Join(Pick(Vocabulary.Term("text.separator")), chosen.Select(Fact)));
            }
            return sb.Append(Pick(Vocabulary.Term("text.end"))).ToString();
        }
        return (Sentence(true), Sentence(false));
    }

    /// <summary>Lower-case ASCII letters and digits of <paramref name="text"/>, other runs as one underscore.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder();
        foreach (char ch in text.ToLowerInvariant())
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        return sb.ToString().Trim('_') is { Length: > 0 } s ? s : "segment";
    }
}
