namespace Segmentation.Analytics.Profiling;

/// <summary>
/// The words naming uses for a feature the vocabulary does not know (e.g. a column of a customer's own export such as
/// <c>spending</c>): "高{Zh}" / "high {En}" when the segment is above the population, "低{Zh}" / "low {En}" below.
/// </summary>
/// <param name="Feature">The column name.</param>
/// <param name="Zh">Chinese label, e.g. 消费评分.</param>
/// <param name="En">English label, e.g. spending score.</param>
public sealed record FeatureLabel(string Feature, string Zh, string En)
{
    /// <summary>Parses <c>column=中文|English</c> (the English label may be omitted: the column name is used).</summary>
    /// <exception cref="FormatException">No <c>=</c> or an empty part.</exception>
    public static FeatureLabel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1) throw new FormatException($"'{text}': expected column=中文|English, e.g. spending=消费评分|spending score.");
        var feature = text[..eq].Trim();
        var parts = text[(eq + 1)..].Split('|', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0 || (parts.Length > 1 && parts[1].Length == 0) || parts.Length > 2)
            throw new FormatException($"'{text}': expected column=中文|English, e.g. spending=消费评分|spending score.");
        return new FeatureLabel(feature, parts[0], parts.Length > 1 ? parts[1] : SegmentNamer.Humanise(feature));
    }
}
