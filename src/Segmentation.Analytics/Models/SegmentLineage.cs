using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Profiling;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Models;

/// <summary>
/// Which segments of a refit continue which segments of the previous model: the centroids of both are put in one space, the
/// previous model's, and paired by the Hungarian algorithm (<see cref="LinearAssignment"/>) on their Euclidean distance; a pair
/// farther apart than the maximum distance is no pair. Matched segments keep the previous key and name
/// (<see cref="SegmentationModel.WithLineage"/>), unmatched new ones are new, unmatched previous ones are retired.
/// </summary>
/// <remarks>
/// <para><b>What is comparable.</b> Each model's centroids live in its own scaled space: the refit's scaler was fitted on the new
/// month (other means and standard deviations), so raw centroid coordinates of the two models are not comparable. Both scalers
/// (z-score, robust, none) are affine maps of the same imputed and log-transformed feature values, and a centroid is a mean of
/// rows, so undoing the refit's scaler (x = z·scale + center) and applying the previous one gives exactly the mean of the new
/// segment's rows as the previous model scales them. Distances are therefore in the previous model's units (standard
/// deviations of the previous training data for z-score scaling). One-hot coordinates are not scaled and are compared by column
/// name; a category only the refit knows is dropped (the previous model encodes it as all zeros). What this needs: the same
/// numeric features, the same log-transformed features and the same categorical features (any order, any scaling method);
/// anything else is refused. Not comparable and ignored: the imputation medians (missing values filled with the new month's
/// medians before the new centroids were taken).</para>
/// <para><b>Maximum distance.</b> The optimal pairing minimises Σ min(d, D) over a full assignment, which is the same as
/// minimising Σ d over the matched pairs + D per pair left unmatched, so the pairing prefers an extra match whenever it costs less
/// than D. The default D (<see cref="DefaultMaxDistance"/>) is half the smallest distance between two centroids of the previous
/// model: a new centroid within it is closer to its previous segment than to any other (triangle inequality), so a match is never
/// a choice between two previous segments.</para>
/// </remarks>
/// <param name="Previous">The previous model's identity and the maximum distance used.</param>
/// <param name="Matches">Per segment of the refit, in order.</param>
/// <param name="Retired">Segments of the previous model no segment continues, in their order.</param>
/// <param name="Distances">Distances[s][p]: refit segment s to previous segment p (previous model's scaled units).</param>
public sealed record SegmentLineage(PreviousModelReference Previous, EquatableArray<SegmentMatch> Matches, EquatableArray<RetiredSegment> Retired,
    EquatableArray<EquatableArray<double>> Distances)
{
    /// <summary>The default maximum distance for refits of <paramref name="previous"/>: half the smallest distance between two of its
    /// centroids (its scaled units). See the remarks of <see cref="SegmentLineage"/>.</summary>
    public static double DefaultMaxDistance(SegmentationModel previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        double smallest = double.PositiveInfinity;
        for (int a = 0; a < previous.Segments.Count; a++)
            for (int b = a + 1; b < previous.Segments.Count; b++)
                smallest = Math.Min(smallest, Distance(previous.Segments[a].Centroid.AsSpan(), previous.Segments[b].Centroid.AsSpan()));
        return double.IsFinite(smallest) && smallest > 0 ? smallest / 2 : 1.0;
    }

    /// <summary>Lower-case hex SHA-256 of the bytes <see cref="ModelJson.Save{T}"/> writes for <paramref name="model"/>.</summary>
    public static string ModelSha256(SegmentationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model.ToJson() + "\n")));
    }

    /// <summary>Matches the segments of <paramref name="current"/> (a refit) to those of <paramref name="previous"/>.</summary>
    /// <exception cref="ArgumentException">The two models do not cluster on the same features (numeric, log-transformed, categorical),
    /// or an option is invalid; the message names what differs.</exception>
    public static SegmentLineage Compute(SegmentationModel previous, SegmentationModel current, LineageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new LineageOptions();
        options.Validate();
        RequireComparable(previous, current);
        double max = options.MaxDistance ?? DefaultMaxDistance(previous);
        int n = current.SegmentCount, m = previous.SegmentCount;
        var mapped = current.Segments.Select(s => InPreviousSpace(s.Centroid, current, previous)).ToArray();
        var distances = new double[n * m];
        for (int s = 0; s < n; s++)
            for (int p = 0; p < m; p++) distances[s * m + p] = Distance(mapped[s], previous.Segments[p].Centroid.AsSpan());
        var capped = distances.Select(d => Math.Min(d, max)).ToArray();
        var assignment = LinearAssignment.Solve(capped, n, m);
        var previousOf = new int?[n];
        for (int s = 0; s < n; s++)
            if (assignment[s] >= 0 && distances[s * m + assignment[s]] <= max) previousOf[s] = assignment[s];
        var matches = Enumerable.Range(0, n).Select(s =>
        {
            int nearest = ArgMin(distances.AsSpan(s * m, m));
            return previousOf[s] is int p
                ? new SegmentMatch(s, p, previous.Segments[p].Key, distances[s * m + p], nearest, distances[s * m + nearest])
                : new SegmentMatch(s, null, null, null, nearest, distances[s * m + nearest]);
        }).ToEquatableArray();
        var continued = previousOf.OfType<int>().ToHashSet();
        var retired = Enumerable.Range(0, m).Where(p => !continued.Contains(p)).Select(p =>
        {
            var d = previous.Segments[p];
            double nearest = Enumerable.Range(0, n).Min(s => distances[s * m + p]);
            return new RetiredSegment(p, d.Key, d.NameZh, d.NameEn, d.Size, nearest);
        }).ToEquatableArray();
        var reference = new PreviousModelReference(ModelSha256(previous), previous.Fingerprint, previous.TrainingSnapshot, m, max);
        return new SegmentLineage(reference, matches, retired, EquatableArray.Rows(distances, m));
    }

    /// <summary>The names of the refit's segments under this lineage: a continued segment takes the previous segment's key and names
    /// (its description and traits stay the refit's, which quote this month's numbers; the "unstable" mark follows the refit's own
    /// stability); a new segment keeps its generated name unless that key or name belongs to the previous model (kept or retired),
    /// in which case it is marked new ("（新）" / " (new)", numbered if needed) so that a key always means one lineage.</summary>
    internal EquatableArray<SegmentName> Names(SegmentationModel previous, IReadOnlyList<SegmentName> generated, NamingVocabulary vocabulary)
    {
        var unstable = vocabulary.Term("text.unstable");
        var marked = vocabulary.Term("text.new_segment");
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in previous.Segments) { taken.Add("key:" + d.Key); taken.Add("zh:" + Plain(d.NameZh, unstable.Zh)); taken.Add("en:" + Plain(d.NameEn, unstable.En)); }
        var names = new SegmentName[generated.Count];
        foreach (var g in generated)
        {
            if (Matches[g.Segment].PreviousSegment is not int p) continue;
            var d = previous.Segments[p];
            string zh = Plain(d.NameZh, unstable.Zh), en = Plain(d.NameEn, unstable.En);
            if (g.Unstable) (zh, en) = (Format(unstable.Zh, zh), Format(unstable.En, en));
            names[g.Segment] = g with { Key = d.Key, Zh = zh, En = en, Overridden = false };
        }
        foreach (var g in generated)
        {
            if (Matches[g.Segment].PreviousSegment is not null) continue;
            var name = g;
            for (int round = 1; taken.Contains("key:" + name.Key) || taken.Contains("zh:" + name.Zh) || taken.Contains("en:" + name.En); round++)
            {
                string zh = Format(marked.Zh, g.Zh), en = Format(marked.En, g.En);
                if (round > 1) (zh, en) = (zh + round.ToString(CultureInfo.InvariantCulture), en + " " + round.ToString(CultureInfo.InvariantCulture));
                name = g with { Zh = zh, En = en, Key = SegmentNamer.Slug(en) };
            }
            taken.Add("key:" + name.Key); taken.Add("zh:" + name.Zh); taken.Add("en:" + name.En);
            names[g.Segment] = name;
        }
        return names.ToEquatableArray();
    }

    /// <summary>One row per segment of the refit (status <c>continued</c> or <c>new</c>) and per retired segment of the previous model
    /// (status <c>retired</c>): segment (refit index; empty for retired), status, previous_segment, previous_key, distance (to the matched
    /// previous centroid; empty for new and retired), nearest_previous and nearest_distance (the closest centroid on the other side).</summary>
    public DataFrame ToDataFrame()
    {
        var segment = new Int32DataFrameColumn("segment");
        var status = new StringDataFrameColumn("status");
        var previousSegment = new Int32DataFrameColumn("previous_segment");
        var previousKey = new StringDataFrameColumn("previous_key");
        var distance = new DoubleDataFrameColumn("distance");
        var nearestPrevious = new Int32DataFrameColumn("nearest_previous");
        var nearestDistance = new DoubleDataFrameColumn("nearest_distance");
        foreach (var m in Matches)
        {
            segment.Append(m.Segment); status.Append(m.Continued ? "continued" : "new"); previousSegment.Append(m.PreviousSegment);
            previousKey.Append(m.PreviousKey); distance.Append(m.Distance); nearestPrevious.Append(m.NearestPrevious); nearestDistance.Append(m.NearestDistance);
        }
        foreach (var r in Retired)
        {
            segment.Append(null); status.Append("retired"); previousSegment.Append(r.Segment); previousKey.Append(r.Key); distance.Append(null);
            nearestPrevious.Append(null); nearestDistance.Append(r.NearestDistance);
        }
        return new DataFrame(segment, status, previousSegment, previousKey, distance, nearestPrevious, nearestDistance);
    }

    /// <summary>The distance matrix as a table: one row per refit segment, one column per previous segment (named by its key).</summary>
    public DataFrame DistanceTable(SegmentationModel previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var columns = new List<DataFrameColumn> { new Int32DataFrameColumn("segment", Enumerable.Range(0, Distances.Count)) };
        for (int p = 0; p < Previous.Segments; p++)
            columns.Add(new DoubleDataFrameColumn(previous.Segments[p].Key, Distances.Select(row => row[p])));
        return new DataFrame(columns);
    }

    /// <summary>Culture-invariant table: each refit segment with its previous key and distance, then the retired ones.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"lineage from model {Previous.ModelSha256[..12]}… ({Previous.Segments} segments), max distance {Previous.MaxDistance:F3}\n");
        foreach (var mt in Matches)
            if (mt.PreviousSegment is int p) sb.Append(inv, $"  {mt.Segment} ← {p} {mt.PreviousKey} (distance {mt.Distance:F3})\n");
            else sb.Append(inv, $"  {mt.Segment} new (nearest previous {mt.NearestPrevious} at {mt.NearestDistance:F3})\n");
        foreach (var r in Retired) sb.Append(inv, $"  retired {r.Segment} {r.Key} (nearest refit centroid at {r.NearestDistance:F3})\n");
        return sb.ToString().TrimEnd('\n');
    }

    private static string Plain(string name, string unstablePattern)
    {
        int slot = unstablePattern.IndexOf("{0}", StringComparison.Ordinal);
        string prefix = unstablePattern[..slot], suffix = unstablePattern[(slot + 3)..];
        return name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > prefix.Length + suffix.Length
            ? name[prefix.Length..(name.Length - suffix.Length)] : name;
    }

    private static string Format(string pattern, string value) => string.Format(CultureInfo.InvariantCulture, pattern, value);

    private static void RequireComparable(SegmentationModel previous, SegmentationModel current)
    {
        static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
        static bool Same(IEnumerable<string> a, IEnumerable<string> b) => a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        if (!Same(previous.NumericFeatures, current.NumericFeatures))
            throw new ArgumentException($"The previous model clusters on {List(previous.NumericFeatures)}; this fit on {List(current.NumericFeatures)}: segments can only be matched across refits on the same features.", nameof(previous));
        IEnumerable<string> previousLog = previous.Log?.Columns ?? [], currentLog = current.Log?.Columns ?? [];
        if (!Same(previousLog, currentLog))
            throw new ArgumentException($"The previous model log-transforms {List(previousLog)}; this fit {List(currentLog)}: segments can only be matched across refits with the same transforms.", nameof(previous));
        if (!Same(previous.CategoricalFeatures, current.CategoricalFeatures))
            throw new ArgumentException($"The previous model one-hot encodes {List(previous.CategoricalFeatures)}; this fit {List(current.CategoricalFeatures)}: segments can only be matched across refits on the same features.", nameof(previous));
    }

    /// <summary>A centroid of <paramref name="from"/> in the clustering space of <paramref name="to"/> (see the remarks).</summary>
    private static double[] InPreviousSpace(EquatableArray<double> centroid, SegmentationModel from, SegmentationModel to)
    {
        var result = new double[to.ModelColumns.Length];
        for (int j = 0; j < to.ModelColumns.Length; j++)
        {
            string column = to.ModelColumns[j];
            int source = from.ModelColumns.AsSpan().IndexOf(column);
            if (j < to.NumericFeatures.Length)
            {
                int numeric = from.NumericFeatures.AsSpan().IndexOf(column);
                double raw = Unscale(from, numeric, centroid[source]);
                result[j] = Scale(to, j, raw);
            }
            else result[j] = source >= 0 ? centroid[source] : 0; // a category the refit never saw: no one in it
        }
        return result;
    }

    private static double Unscale(SegmentationModel model, int j, double z) =>
        model.StandardScaler is { } s ? z * s.Scale[j] + s.Center[j] : model.RobustScaler is { } r ? z * r.Scale[j] + r.Center[j] : z;

    private static double Scale(SegmentationModel model, int j, double x) =>
        model.StandardScaler is { } s ? (x - s.Center[j]) / s.Scale[j] : model.RobustScaler is { } r ? (x - r.Center[j]) / r.Scale[j] : x;

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Math.Sqrt(SquaredEuclidean.Distance(a, b));

    private static int ArgMin(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] < values[best]) best = i;
        return best;
    }
}
