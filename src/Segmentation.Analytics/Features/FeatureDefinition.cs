namespace Segmentation.Analytics.Features;

/// <summary>One column of the customer feature table: its name, unit and definition (as printed in the README and the report appendix).</summary>
/// <param name="Name">Column name in the feature table.</param>
/// <param name="Group">The segmentation-variable family.</param>
/// <param name="Kind">Numeric, categorical, ordinal or the identifier.</param>
/// <param name="Unit">Unit of the value (English).</param>
/// <param name="Definition">How the value is computed, including its value for customers without purchases (English).</param>
/// <param name="NameZh">The feature's Chinese name.</param>
public sealed record FeatureDefinition(string Name, FeatureGroup Group, FeatureKind Kind, string Unit, string Definition, string NameZh);
