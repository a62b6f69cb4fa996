namespace Segmentation.Analytics.Features;

/// <summary>What <see cref="OneHotEncoder"/> does with a missing value (null, or NaN in a numeric column).</summary>
public enum MissingCategoryHandling
{
    /// <summary>Missing is a category of its own, <c>column=&lt;missing&gt;</c>, placed after the sorted categories (as scikit-learn places NaN last); created only when the training data has missing values — otherwise a missing value at transform is an unknown category.</summary>
    Indicator,

    /// <summary>A missing value is an <see cref="ArgumentException"/> naming the column and the row.</summary>
    Error,
}
