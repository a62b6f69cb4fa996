namespace Segmentation.Analytics;

/// <summary>
/// Reports the argument errors of a fit over the parts of a composite input (the arrays of a customer summary, the
/// labels of a labelled matrix) against the composite's own parameter, as the estimator protocol promises; the message
/// keeps the part's name.
/// </summary>
internal static class CompositeInput
{
    /// <summary>Runs <paramref name="fit"/>; an <see cref="ArgumentException"/> naming one of <paramref name="parts"/> is re-thrown naming <paramref name="parameter"/>.</summary>
    public static TModel Fit<TModel>(string parameter, IReadOnlyCollection<string> parts, Func<TModel> fit)
    {
        try
        {
            return fit();
        }
        catch (ArgumentException e) when (e.ParamName is { } part && parts.Contains(part))
        {
            throw new ArgumentException(e.Message, parameter, e);
        }
    }
}
