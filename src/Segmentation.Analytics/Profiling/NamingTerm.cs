namespace Segmentation.Analytics.Profiling;

/// <summary>One entry of the naming vocabulary: a trait word or a name/fact pattern in Chinese and English.</summary>
/// <param name="Key">The entry's key (e.g. <c>young</c>, <c>head.high_spend</c>, <c>fact.age</c>).</param>
/// <param name="Zh">Chinese text; patterns use {0} for the modifiers or the number.</param>
/// <param name="En">English text; patterns use {0} likewise.</param>
public sealed record NamingTerm(string Key, string Zh, string En);
