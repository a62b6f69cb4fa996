using Segmentation.Analytics.Randomness;
using Segmentation.Data;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Synthetic;

/// <summary>
/// Generates realistic, deterministic synthetic data in the product's data model, with planted truth: behavioural
/// segments, randomised campaigns with known effects, churn months, a satisfaction uplift after the management start,
/// and market sizes. Customers are pseudonymous ids only (C0000001); no names, phones or emails exist.
/// </summary>
/// <remarks>
/// <para>Per customer and month, purchase occasions are Poisson with mean
/// λ_seg · gᵢ · season(month) · (1 + growth)^month · (churn fade), placed uniformly over the customer's active days;
/// gᵢ ~ Gamma(12, 1/12) clipped to [0.5, 1.8]. Amounts are log-normal with mean the customer's order value
/// mᵢ = AOV_seg · LogNormal(mean 1, σ 0.2); channel, category (favourite with probability = loyalty), quantity and cost
/// (margin 20–45 % by category) follow. A purchase is returned in full 1–30 days later with probability
/// ReturnRate · ReturnFactor_seg (dropped if that falls after the horizon or the customer's churn).</para>
/// <para>Survey responses: latent satisfaction L = μ_seg + uᵢ + step·[month ≥ management start] + ε,
/// uᵢ ~ N(0, 0.4²), ε ~ N(0, 0.8²); csat = clamp(round(L), 1, 5); nps = clamp(round(2.5L − 2 + N(0, 1)), 0, 10);
/// complaint with probability 1/(1 + e^{3.2 + 2(L − 3.5)}); referrals ~ Poisson(0.25 · max(0, L − 3.2) · factor).</para>
/// <para>Campaign effects are planted exactly in expectation; see <see cref="CampaignPlan"/>.</para>
/// <para>Determinism: every draw comes from a stream keyed by (seed, customer, month or campaign, purpose), and each month's
/// rows are sorted by a total order before ids are given, so output is byte-identical for the same options on any thread count.</para>
/// </remarks>
public static class SyntheticGenerator
{
    /// <summary>The file names written by <see cref="Generate"/>, in writing order.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["customers.csv", "campaigns.csv", "campaign_assignments.csv", "transactions.csv", "feedback.csv", "market.csv", "ground_truth.json", "schema.json"];

    /// <summary>
    /// The import spec written beside the files (<c>schema.json</c>): the rules under which the planted defects
    /// (<see cref="GroundTruth.InjectedDefects"/>) are defects — code lists closed, zero amounts rejected, and an invalid
    /// optional value (an unknown channel, a csat of 9) rejects its row — so the accepted rows are exactly the clean data.
    /// Real exports get the lenient defaults instead (unknown values kept as <c>other</c>, zero amounts kept, bad optional
    /// fields left missing).
    /// </summary>
    public static SchemaMapping ImportSpec => SchemaMapping.Parse(ImportSpecJson, "schema.json");

    /// <summary>The text of <see cref="ImportSpec"/> as written to <c>schema.json</c>.</summary>
    public const string ImportSpecJson = """
        {
          "currency": "CNY",
          "tables": {
            "transactions": { "closed": true, "zero_amounts": "reject", "invalid_optional": "reject" },
            "customers": { "closed": true, "invalid_optional": "reject" },
            "feedback": { "invalid_optional": "reject" }
          }
        }

        """;

    /// <summary>Generates the dataset in memory (for tests and benchmarks; for large populations use <see cref="Generate"/>).</summary>
    /// <exception cref="ArgumentException">An option is invalid (see <see cref="SyntheticOptions.Validate"/>).</exception>
    public static SyntheticDataset Create(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sink = new MemorySink();
        new SyntheticEngine(options).Run(sink);
        return sink.ToDataset();
    }

    /// <summary>
    /// Writes transactions.csv, customers.csv, feedback.csv, campaigns.csv, campaign_assignments.csv, market.csv
    /// (UTF-8 without BOM, LF, canonical headers and column order, invariant culture), ground_truth.json and the import
    /// spec schema.json (<see cref="ImportSpec"/>) into
    /// <paramref name="outputDirectory"/> (created if missing; existing files are overwritten). Transactions and
    /// feedback are streamed month by month, so memory holds one month of rows plus the customer profiles.
    /// </summary>
    /// <returns>The planted truth (also written to ground_truth.json).</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the directory is empty.</exception>
    public static GroundTruth Generate(SyntheticOptions options, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options.Validate();
        Directory.CreateDirectory(outputDirectory);
        using var sink = new CsvSink(outputDirectory, options);
        new SyntheticEngine(options).Run(sink);
        File.WriteAllText(Path.Combine(outputDirectory, "schema.json"), ImportSpecJson, new System.Text.UTF8Encoding(false));
        return sink.WrittenTruth!;
    }

    private sealed class MemorySink : ISyntheticSink
    {
        private SyntheticCustomer[] customers = [];
        private SyntheticCampaign[] campaigns = [];
        private SyntheticCampaignAssignment[] assignments = [];
        private readonly List<SyntheticTransaction> transactions = [];
        private readonly List<SyntheticFeedback> feedback = [];
        private SyntheticMarketSize[] market = [];
        private GroundTruth? truth;

        public void Customers(IReadOnlyList<SyntheticCustomer> rows) => customers = rows.ToArray();
        public void Campaigns(IReadOnlyList<SyntheticCampaign> rows) => campaigns = rows.ToArray();
        public void Assignments(IReadOnlyList<SyntheticCampaignAssignment> rows) => assignments = rows.ToArray();
        public void Transactions(ReadOnlySpan<SyntheticTransaction> rows) => transactions.AddRange(rows);
        public void Feedback(ReadOnlySpan<SyntheticFeedback> rows) => feedback.AddRange(rows);
        public void Market(IReadOnlyList<SyntheticMarketSize> rows) => market = rows.ToArray();
        public void Truth(GroundTruth groundTruth) => truth = groundTruth;

        public SyntheticDataset ToDataset()
        {
            var index = truth!.Segments.Select((s, k) => (s.Key, k)).ToDictionary(p => p.Key, p => p.k, StringComparer.Ordinal);
            var segmentIndex = customers.Select(c => index[truth.CustomerSegments[c.CustomerId]]).ToArray();
            return new SyntheticDataset(transactions.ToArray(), customers, feedback.ToArray(), campaigns, assignments, market, truth, segmentIndex);
        }
    }

    private sealed class CsvSink(string directory, SyntheticOptions options) : ISyntheticSink, IDisposable
    {
        private CsvOutput? transactions, feedback;
        // Defects are drawn from their own stream, so clean rows are identical with and without them.
        private StreamRandom defectRandom = new(unchecked((ulong)options.Seed), DefectStream);
        private readonly SortedDictionary<string, SortedDictionary<string, int>> defects = new(StringComparer.Ordinal);
        private long defectNumber;

        /// <summary>The key of the defect stream (apart from every customer stream of <see cref="SyntheticEngine"/>).</summary>
        private const ulong DefectStream = ulong.MaxValue - 7919;

        private static readonly string[] TransactionDefects =
            [RejectRules.Type, RejectRules.Missing, RejectRules.FutureDate, RejectRules.ZeroAmount, RejectRules.Duplicate, RejectRules.Category];

        private static readonly string[] FeedbackDefects = [RejectRules.Range, RejectRules.Missing, RejectRules.Type];

        private bool Defect() => options.DefectRate > 0 && defectRandom.NextDouble() < options.DefectRate;

        private void Count(string table, string rule)
        {
            if (!defects.TryGetValue(table, out var byRule)) defects[table] = byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
            byRule[rule] = byRule.GetValueOrDefault(rule) + 1;
        }

        private void WriteDefectiveTransaction(SyntheticTransaction r)
        {
            var rule = TransactionDefects[defectRandom.NextInt(TransactionDefects.Length)];
            var csv = transactions!;
            if (rule == RejectRules.Duplicate) csv.Id('T', r.TransactionNumber, 9);
            else csv.Id('X', ++defectNumber, 9);
            if (rule == RejectRules.Missing) csv.Text(null); else csv.Id('C', r.CustomerNumber, 7);
            if (rule == RejectRules.FutureDate) csv.Timestamp(new DateTime(2099, r.Timestamp.Month, Math.Min(r.Timestamp.Day, 28), r.Timestamp.Hour, r.Timestamp.Minute, r.Timestamp.Second));
            else csv.Timestamp(r.Timestamp);
            if (rule == RejectRules.Type) csv.Text("n/a");
            else if (rule == RejectRules.ZeroAmount) csv.Money(0);
            else csv.Money(r.Amount);
            csv.Money(r.Cost);
            csv.Integer(r.Quantity);
            csv.Text(rule == RejectRules.Category ? "fax" : r.Channel);
            csv.Text(r.Category);
            csv.Text(r.Region);
            csv.Text(r.CampaignId);
            csv.Boolean(r.IsReturn);
            csv.EndRow();
            Count("transactions", rule);
        }

        private void WriteDefectiveFeedback(SyntheticFeedback r)
        {
            var rule = FeedbackDefects[defectRandom.NextInt(FeedbackDefects.Length)];
            var csv = feedback!;
            if (rule == RejectRules.Missing) csv.Text(null); else csv.Id('C', r.CustomerNumber, 7);
            // A different day keeps the (customer, date) key unique, so the planted defect is the only problem of the row.
            csv.Date(r.Date.AddDays(r.Date.Day <= 14 ? 14 : -14));
            if (rule == RejectRules.Range) csv.Integer(9);
            else if (rule == RejectRules.Type) csv.Text("good");
            else csv.Integer(r.Csat);
            csv.Integer(r.Nps);
            csv.Boolean(r.Complaint);
            csv.Integer(r.ReferredCustomers);
            csv.EndRow();
            Count("feedback", rule);
        }

        public GroundTruth? WrittenTruth { get; private set; }

        private string PathOf(string name) => Path.Combine(directory, name);

        public void Customers(IReadOnlyList<SyntheticCustomer> rows)
        {
            using var csv = new CsvOutput(PathOf("customers.csv"), DataModel.Customers);
            foreach (var r in rows)
            {
                csv.Text(r.CustomerId);
                csv.Date(r.SignupDate);
                csv.Integer(r.BirthYear);
                csv.Text(r.Gender);
                csv.Money(r.Income);
                csv.Text(r.Occupation);
                csv.Text(r.Education);
                csv.Text(r.Region);
                csv.Integer(r.CityTier);
                csv.Text(r.CompanySize);
                csv.Text(r.Industry);
                csv.Text(r.Lifestyle);
                csv.Integer(r.PriceSensitivity);
                csv.EndRow();
            }
        }

        public void Campaigns(IReadOnlyList<SyntheticCampaign> rows)
        {
            using var csv = new CsvOutput(PathOf("campaigns.csv"), DataModel.Campaigns);
            foreach (var r in rows)
            {
                csv.Text(r.CampaignId);
                csv.Text(r.Name);
                csv.Text(r.TargetSegment);
                csv.Date(r.Start);
                csv.Date(r.End);
                csv.Money(r.Cost);
                csv.EndRow();
            }
        }

        public void Assignments(IReadOnlyList<SyntheticCampaignAssignment> rows)
        {
            using var csv = new CsvOutput(PathOf("campaign_assignments.csv"), DataModel.CampaignAssignments);
            foreach (var r in rows)
            {
                csv.Text(r.CampaignId);
                csv.Text(r.CustomerId);
                csv.Text(r.Group);
                csv.EndRow();
            }
        }

        public void Transactions(ReadOnlySpan<SyntheticTransaction> rows)
        {
            transactions ??= new CsvOutput(PathOf("transactions.csv"), DataModel.Transactions);
            foreach (var r in rows)
            {
                transactions.Id('T', r.TransactionNumber, 9);
                transactions.Id('C', r.CustomerNumber, 7);
                transactions.Timestamp(r.Timestamp);
                transactions.Money(r.Amount);
                transactions.Money(r.Cost);
                transactions.Integer(r.Quantity);
                transactions.Text(r.Channel);
                transactions.Text(r.Category);
                transactions.Text(r.Region);
                transactions.Text(r.CampaignId);
                transactions.Boolean(r.IsReturn);
                transactions.EndRow();
                if (Defect()) WriteDefectiveTransaction(r);
            }
        }

        public void Feedback(ReadOnlySpan<SyntheticFeedback> rows)
        {
            feedback ??= new CsvOutput(PathOf("feedback.csv"), DataModel.Feedback);
            foreach (var r in rows)
            {
                feedback.Id('C', r.CustomerNumber, 7);
                feedback.Date(r.Date);
                feedback.Integer(r.Csat);
                feedback.Integer(r.Nps);
                feedback.Boolean(r.Complaint);
                feedback.Integer(r.ReferredCustomers);
                feedback.EndRow();
                if (Defect()) WriteDefectiveFeedback(r);
            }
        }

        public void Market(IReadOnlyList<SyntheticMarketSize> rows)
        {
            using var csv = new CsvOutput(PathOf("market.csv"), DataModel.Market);
            foreach (var r in rows)
            {
                csv.Month(r.Month);
                csv.Text(r.Segment);
                csv.Money(r.MarketSize);
                csv.EndRow();
            }
        }

        public void Truth(GroundTruth truth)
        {
            truth = truth with
            {
                InjectedDefects = defects.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)new SortedDictionary<string, int>(kv.Value, StringComparer.Ordinal), StringComparer.Ordinal),
            };
            ModelJson.Save(truth, PathOf("ground_truth.json"));
            WrittenTruth = truth;
        }

        public void Dispose()
        {
            transactions?.Dispose();
            feedback?.Dispose();
        }
    }
}
