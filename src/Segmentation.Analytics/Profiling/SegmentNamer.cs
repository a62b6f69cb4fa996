using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Profiling;

/// <summary>
/// Names segments from their profiles ("命名细分群体"): a short Chinese and English name built from the most distinctive
/// traits, unique within the segmentation, and a one-sentence description that quotes the numbers.
/// </summary>
/// <remarks>
/// <para>A name is modifiers + a head. The head is the first trait that fires in this order: business (B2B, share of
/// accounts with a company size), dormant (recency), bargain hunters (price sensitivity, or many cheap orders), then the
/// strongest of high spending (monetary index), low spending (order-value index), frequent or occasional buying
/// (frequency index) — strength |ln(index / 100)| — and otherwise "steady". Modifiers are the age band (young &lt; 35 ≤
/// middle-aged ≤ 55 &lt; senior, from the mean age, used when the age is distinctive or homogeneous) and the channel
/// (online / offline from the mean online share). Business and dormant names stand alone.</para>
/// <para>When two segments get the same name, each gets its next most distinctive unused trait (loyal, active, the other
/// behaviour traits, suppressed modifiers) until the names differ; as a last resort a number is appended.
/// All words, patterns and thresholds come from a <see cref="NamingVocabulary"/>.</para>
/// </remarks>
public sealed class SegmentNamer(NamingVocabulary? vocabulary = null)
{
    /// <summary>The vocabulary in use.</summary>
    public NamingVocabulary Vocabulary { get; } = vocabulary ?? NamingVocabulary.Default;

    /// <summary>Names every segment of <paramref name="profiles"/>, then applies <paramref name="overrides"/>.</summary>
    /// <exception cref="ArgumentException">An override names a segment that does not exist, two overrides name the same segment, or the final names are not unique.</exception>
    public EquatableArray<SegmentName> Name(SegmentProfiles profiles, IReadOnlyList<NameOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var plans = profiles.Segments.Select(p => Plan(p, profiles)).ToArray();
        for (int round = 0; round < 8; round++)
        {
            var clashes = plans.Where(p => p.Size > 0).GroupBy(p => Compose(p).Zh + "|" + Compose(p).En).Where(g => g.Count() > 1).ToArray();
            if (clashes.Length == 0) break;
            foreach (var group in clashes)
            {
                var members = group.ToArray();
                // Each member takes its most distinctive extra that not every other member also has; else its first.
                var picks = members.Select(plan => plan.Extras.FirstOrDefault(e => !members.All(o => o == plan || o.Extras.Any(x => x.Key == e.Key)))
                    ?? plan.Extras.FirstOrDefault()).ToArray();
                for (int m = 0; m < members.Length; m++)
                    if (picks[m] is { } pick)
                    {
                        members[m].Modifiers.Insert(0, pick);
                        members[m].Extras.Remove(pick);
                    }
            }
        }
        var names = plans.Select(p =>
        {
            var (zh, en) = Compose(p);
            var (dzh, den) = Describe(p);
            return new SegmentName(p.Segment, Slug(en), zh, en, dzh, den, [p.Head.Key, .. p.Modifiers.Select(m => m.Key)], false);
        }).ToList();
        var dup = Vocabulary.Term("text.duplicate");
        foreach (var group in names.GroupBy(n => n.Zh).Where(g => g.Count() > 1).ToArray())
        {
            int number = 1;
            foreach (var n in group.Skip(1))
            {
                number++;
                int at = names.IndexOf(n);
                names[at] = n with
                {
                    Zh = n.Zh + string.Format(CultureInfo.InvariantCulture, dup.Zh, number),
                    En = n.En + string.Format(CultureInfo.InvariantCulture, dup.En, number),
                    Key = n.Key + "_" + number.ToString(CultureInfo.InvariantCulture),
                };
            }
        }
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

    private sealed record Trait(string Key, double Strength, string Fact);

    private sealed class NamePlan
    {
        public required int Segment { get; init; }
        public required int Size { get; init; }
        public required double Share { get; init; }
        public required Trait Head { get; init; }
        public required List<Trait> Modifiers { get; init; }
        public required List<Trait> Extras { get; init; }
        public required Dictionary<string, string[]> Facts { get; init; }
    }

    private NamePlan Plan(SegmentProfile profile, SegmentProfiles all)
    {
        var t = Vocabulary.Thresholds;
        var c = Vocabulary.Columns;
        var heads = new List<(int Priority, Trait Trait)>();
        var extras = new List<Trait>();
        var modifiers = new List<Trait>();
        double Index(string column) => profile.Feature(column)?.Index ?? double.NaN;
        double Z(string column) => profile.Feature(column)?.ZScore ?? double.NaN;
        double monetary = Index(c.Monetary), orderValue = Index(c.OrderValue), frequency = Index(c.Frequency), recency = Index(c.Recency);

        if (profile.CompositionOf(c.CompanySize) is { } company && company.KnownShare >= t.BusinessShare)
            heads.Add((0, new Trait("head.business", 10, "fact.business")));
        if (recency >= t.DormantRecencyIndex && Z(c.Recency) >= t.DormantRecencyZ)
            heads.Add((1, new Trait("head.dormant", Math.Log(recency / 100), "fact.recency")));
        bool priceSensitive = Z(c.PriceSensitivity) >= t.PriceSensitiveZ;
        if (priceSensitive || (orderValue <= t.BargainOrderValueIndex && frequency >= t.BargainFrequencyIndex))
            heads.Add((2, new Trait("head.bargain", priceSensitive ? Z(c.PriceSensitivity) : Math.Log(100 / orderValue), priceSensitive ? "fact.price" : "fact.order_value")));
        if (monetary >= t.HighSpendIndex && orderValue >= 100)
        {
            heads.Add((3, new Trait("head.high_spend", Math.Log(monetary / 100), "fact.monetary")));
            extras.Add(new Trait("high_spending", Math.Log(monetary / 100), "fact.monetary"));
        }
        if (orderValue <= t.LowSpendIndex && monetary <= 100)
        {
            heads.Add((3, new Trait("head.low_spend", Math.Log(100 / orderValue), "fact.order_value")));
            extras.Add(new Trait("low_spending", Math.Log(100 / orderValue), "fact.order_value"));
        }
        if (frequency >= t.HighFrequencyIndex)
        {
            heads.Add((3, new Trait("head.frequent", Math.Log(frequency / 100), "fact.frequency")));
            extras.Add(new Trait("frequent", Math.Log(frequency / 100), "fact.frequency"));
        }
        if (frequency <= t.LowFrequencyIndex)
        {
            heads.Add((3, new Trait("head.occasional", Math.Log(100 / frequency), "fact.frequency")));
            extras.Add(new Trait("infrequent", Math.Log(100 / frequency), "fact.frequency"));
        }
        if (orderValue >= t.HighSpendIndex) extras.Add(new Trait("premium", Math.Log(orderValue / 100), "fact.order_value"));
        else if (orderValue <= t.LowSpendIndex) extras.Add(new Trait("low_ticket", Math.Log(100 / orderValue), "fact.order_value"));
        if (Index(c.Loyalty) >= t.LoyalIndex) extras.Add(new Trait("loyal", Math.Log(Index(c.Loyalty) / 100), "fact.loyalty"));
        if (recency <= t.ActiveRecencyIndex) extras.Add(new Trait("active", Math.Log(100 / recency), "fact.recency"));
        heads.Add((4, new Trait("head.steady", 0, "fact.frequency")));
        var head = heads.OrderBy(h => h.Priority).ThenByDescending(h => h.Trait.Strength).ThenBy(h => h.Trait.Key, StringComparer.Ordinal).First().Trait;
        // The head's own modifier form must not come back as an extra ("frequent frequent buyers").
        string? sameAsHead = head.Key switch
        {
            "head.high_spend" => "high_spending", "head.low_spend" => "low_spending",
            "head.frequent" => "frequent", "head.occasional" => "infrequent", _ => null,
        };
        extras.RemoveAll(e => e.Key == sameAsHead);

        if (profile.Feature(c.Age) is { } age && profile.Size > 0 && (double)age.Count / profile.Size >= t.AgeKnownShare
            && all.Population.FirstOrDefault(p => p.Feature == c.Age) is { } agePopulation)
        {
            string band = age.Mean < t.YoungBelow ? "young" : age.Mean > t.SeniorAbove ? "senior" : "middle_aged";
            bool homogeneous = agePopulation.StandardDeviation > 0 && age.StandardDeviation <= t.AgeHomogeneousSdRatio * agePopulation.StandardDeviation;
            if (Math.Abs(age.ZScore) >= t.AgeDistinctZ || homogeneous) modifiers.Add(new Trait(band, Math.Abs(age.ZScore), "fact.age"));
        }
        if (profile.Feature(c.OnlineShare) is { } online && !double.IsNaN(online.Mean))
        {
            double strength = online.Index > 0 ? Math.Abs(Math.Log(online.Index / 100)) : 5;
            if (online.Mean >= t.OnlineFrom) modifiers.Add(new Trait("online", strength, "fact.online"));
            else if (online.Mean <= t.OfflineUpTo) modifiers.Add(new Trait("offline", strength, "fact.online"));
        }
        if (head.Key is "head.business" or "head.dormant")
        {
            extras.AddRange(modifiers);
            modifiers.Clear();
        }
        extras.Sort((a, b) => b.Strength.CompareTo(a.Strength) is var s && s != 0 ? s : string.CompareOrdinal(a.Key, b.Key));
        return new NamePlan
        {
            Segment = profile.Segment, Size = profile.Size, Share = profile.Share, Head = head,
            Modifiers = modifiers, Extras = extras, Facts = Facts(profile, all),
        };
    }

    /// <summary>The numbers a description can quote, formatted, by fact key.</summary>
    private Dictionary<string, string[]> Facts(SegmentProfile profile, SegmentProfiles all)
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
        if (profile.CompositionOf(c.CompanySize) is { } company && double.IsFinite(company.KnownShare)) facts["fact.business"] = [(100 * company.KnownShare).ToString("0", inv)];
        if (profile.Feature(c.PriceSensitivity) is { } price && double.IsFinite(price.Mean))
            facts["fact.price"] = [price.Mean.ToString("0.0", inv), price.PopulationMean.ToString("0.0", inv)];
        if (profile.Feature(c.Loyalty) is { } loyalty && double.IsFinite(loyalty.Mean)) facts["fact.loyalty"] = [(100 * loyalty.Mean).ToString("0", inv)];
        return facts;
    }

    private (string Zh, string En) Compose(NamePlan plan)
    {
        var head = Vocabulary.Term(plan.Head.Key);
        var zh = string.Format(CultureInfo.InvariantCulture, head.Zh, string.Concat(plan.Modifiers.Select(m => Vocabulary.Term(m.Key).Zh)));
        var en = string.Format(CultureInfo.InvariantCulture, head.En, string.Join(' ', plan.Modifiers.Select(m => Vocabulary.Term(m.Key).En)));
        en = string.Join(' ', en.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return (zh, en.Length == 0 ? en : char.ToUpperInvariant(en[0]) + en[1..]);
    }

    private (string Zh, string En) Describe(NamePlan plan)
    {
        var inv = CultureInfo.InvariantCulture;
        var order = new List<string>();
        foreach (var t in plan.Modifiers.Prepend(plan.Head)) if (!order.Contains(t.Fact)) order.Add(t.Fact);
        foreach (var f in new[] { "fact.age", "fact.online", "fact.order_value", "fact.frequency", "fact.recency" }) if (!order.Contains(f)) order.Add(f);
        var chosen = order.Where(plan.Facts.ContainsKey).Take(Vocabulary.Thresholds.Facts).ToArray();
        var size = Vocabulary.Term("fact.size");
        var sizeArgs = new object[] { plan.Size.ToString("N0", inv), (100 * plan.Share).ToString("0", inv) };
        string Sentence(Func<NamingTerm, string> pick)
        {
            var sb = new StringBuilder(string.Format(inv, pick(size), sizeArgs));
            if (chosen.Length > 0)
            {
                sb.Append(pick(Vocabulary.Term("text.after_size")));
                sb.Append(string.Join(pick(Vocabulary.Term("text.separator")), chosen.Select(f => string.Format(inv, pick(Vocabulary.Term(f)), plan.Facts[f]))));
            }
            return sb.Append(pick(Vocabulary.Term("text.end"))).ToString();
        }
        return (Sentence(t => t.Zh), Sentence(t => t.En));
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
