namespace Segmentation.Data.Text;

/// <summary>A physical line that is not a readable record, and why (never its text: it may hold personal data).</summary>
/// <param name="Line">1-based physical line number.</param>
/// <param name="Reason">What is wrong, in a sentence.</param>
internal sealed record MalformedLine(long Line, string Reason);
