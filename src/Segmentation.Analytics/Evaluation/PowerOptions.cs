using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>What a campaign test must achieve: its significance level, the power wanted, the split between treatment and
/// control, and the alternative.</summary>
/// <param name="Alpha">Type I error rate α, in (0, 0.5); 0.05 by default.</param>
/// <param name="Power">Power 1 − β wanted for the planned effect, in (α, 1); 0.80 by default.</param>
/// <param name="TreatmentPerControl">Allocation ratio k = n_treatment / n_control (&gt; 0): 1 is an even split, 9 is a 9:1
/// campaign with a 10 % hold-out.</param>
/// <param name="OneSided">true: a one-sided test of "treatment &gt; control" at level α; false (default): two-sided at α
/// (both rejection regions count towards the power, as statsmodels does).</param>
public sealed record PowerOptions(double Alpha = 0.05, double Power = 0.80, double TreatmentPerControl = 1.0, bool OneSided = false)
{
    /// <summary>Checks every option; throws naming the option and its value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public PowerOptions Validate()
    {
        if (!(Alpha > 0 && Alpha < 0.5)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be in (0, 0.5).");
        if (!(Power > Alpha && Power < 1)) throw new ArgumentOutOfRangeException(nameof(Power), Power, $"power must be in (alpha = {Alpha.ToString(CultureInfo.InvariantCulture)}, 1).");
        if (!(TreatmentPerControl > 0) || !double.IsFinite(TreatmentPerControl))
            throw new ArgumentOutOfRangeException(nameof(TreatmentPerControl), TreatmentPerControl, "the treatment:control ratio must be finite and > 0.");
        return this;
    }

    /// <summary>Parses a ratio written "treatment:control" (<c>1:1</c>, <c>9:1</c>, <c>2.5:1</c>) or as one number (k).</summary>
    /// <exception cref="ArgumentException">The text is not two positive numbers separated by ':' or one positive number.</exception>
    public static double ParseRatio(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        static bool Positive(string s, out double v) =>
            double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && v > 0 && double.IsFinite(v);
        if (parts.Length == 1 && Positive(parts[0], out var k)) return k;
        if (parts.Length == 2 && Positive(parts[0], out var t) && Positive(parts[1], out var c)) return t / c;
        throw new ArgumentException($"the ratio '{text}' must be treatment:control with two positive numbers (e.g. 1:1, 9:1).", nameof(text));
    }
}
