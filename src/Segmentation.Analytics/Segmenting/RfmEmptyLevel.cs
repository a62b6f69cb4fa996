namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// A score level no customer can reach because two quantile cut points coincide (heavy ties: e.g. 48 % one-time buyers make
/// the 20 % and 40 % frequency quantiles both 1). The level is merged into its neighbour — the tied values share one score —
/// and reported, never left empty without a word.
/// </summary>
/// <param name="Dimension">R, F or M.</param>
/// <param name="Level">The empty score level.</param>
/// <param name="CutPoint">The value of the coinciding cut points.</param>
/// <param name="MergedInto">The level the customers at <paramref name="CutPoint"/> get instead.</param>
public sealed record RfmEmptyLevel(string Dimension, int Level, double CutPoint, int MergedInto)
{
    /// <summary>E.g. "F level 2 is empty: its cut points coincide at 1, so those customers score F = 1".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Dimension} level {Level} is empty: its cut points coincide at {CutPoint:0.##}, so those customers score {Dimension} = {MergedInto}");
}
