namespace Segmentation.Analytics.Features;

/// <summary>The segmentation-variable family a feature belongs to (the rules' demographic / geographic / behavioural / psychographic / B2B split).</summary>
public enum FeatureGroup
{
    /// <summary>The customer key.</summary>
    Identifier,

    /// <summary>Purchase behaviour from transactions (RFM, channel, category, returns, campaigns).</summary>
    Behavioural,

    /// <summary>Survey and service feedback (satisfaction, NPS, complaints, referrals).</summary>
    Feedback,

    /// <summary>Age, gender, income, occupation, education.</summary>
    Demographic,

    /// <summary>Region and city tier.</summary>
    Geographic,

    /// <summary>Company size and industry (business customers).</summary>
    Business,

    /// <summary>Lifestyle and price sensitivity (from surveys).</summary>
    Psychographic,
}
