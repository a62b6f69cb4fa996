namespace Segmentation.Notebooks;

/// <summary>Language of the headers in the rich displays.</summary>
public enum DisplayLanguage
{
    /// <summary>Chinese with the English below it (default).</summary>
    Bilingual,
    /// <summary>Chinese only.</summary>
    Chinese,
    /// <summary>English only.</summary>
    English,
}
