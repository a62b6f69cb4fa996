namespace Segmentation.Analytics.Features;

/// <summary>What <see cref="OneHotEncoderModel"/> does with a category not seen when fitting.</summary>
public enum UnknownCategoryHandling
{
    /// <summary>All indicator columns of that variable are 0 (scikit-learn's <c>handle_unknown="ignore"</c>).</summary>
    AllZeros,

    /// <summary>An explicit <c>column=&lt;other&gt;</c> indicator (always present, 0 in the training data) is 1.</summary>
    OtherColumn,

    /// <summary>An <see cref="ArgumentException"/> naming the column, the value and the row (scikit-learn's default).</summary>
    Error,
}
