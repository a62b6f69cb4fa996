using Segmentation.Analytics.Statistics;

namespace Segmentation.Notebooks;

public static partial class RichDisplay
{
    /// <summary>Factor analysis: variance explained per factor, then the rotated loadings (|L| ≥ 0.4 in bold) with communalities.</summary>
    public static string FactorModel(FactorModel model, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(model);
        var variance = new HtmlTable($"{T("factor_model", language)} · {model.Rotation} · n = {HtmlText.Count(model.Rows)}")
            .Column(H("factor", language)).Column(H("eigenvalue", language), true).Column(H("explained", language), true).Column(H("cumulative", language), true);
        for (int f = 0; f < model.Factors; f++)
            variance.Row($"F{f + 1}", HtmlText.Fixed(model.Eigenvalues[f], 3), HtmlText.Percent(model.ExplainedVarianceRatio[f]), HtmlText.Percent(model.CumulativeVarianceRatio[f]));
        var loadings = new HtmlTable(T("loadings", language)).Column(H("variable", language));
        for (int f = 0; f < model.Factors; f++) loadings.Column($"F{f + 1}", true);
        loadings.Column(H("communality", language), true);
        for (int j = 0; j < model.ColumnNames.Length; j++)
        {
            int row = loadings.Row([model.ColumnNames[j], .. model.Loadings[j].Select(l => HtmlText.Fixed(l, 3)), HtmlText.Fixed(model.Communalities[j], 3)]);
            for (int f = 0; f < model.Factors; f++) if (Math.Abs(model.Loadings[j][f]) >= 0.4) loadings.Emphasise(row, f + 1);
        }
        return variance.ToHtml() + loadings.ToHtml();
    }

    /// <summary>KMO measure of sampling adequacy and Bartlett's test of sphericity.</summary>
    public static string KmoBartlett(KmoBartlett test, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(test);
        var t = new HtmlTable(T("kmo_bartlett", language))
            .Column(H("kmo", language), true).Column(H("bartlett_chi2", language), true).Column(H("df", language), true)
            .Column(H("p_value", language), true).Column(H("factorable", language));
        t.Row(HtmlText.Fixed(test.Kmo, 3), HtmlText.Fixed(test.BartlettChiSquare, 1), test.BartlettDf.ToString(System.Globalization.CultureInfo.InvariantCulture),
            test.BartlettPValue < 1e-4 ? "< 0.0001" : HtmlText.Fixed(test.BartlettPValue, 4), YesNo(test.IsFactorable, language));
        return t.ToHtml("KMO ≥ 0.6 and Bartlett p &lt; 0.05 → factorable (Kaiser 1974; Bartlett 1950).");
    }

    /// <summary>A fitted BG/NBD model: r, α, a, b with standard errors and Wald 95 % intervals, log-likelihood, customers.</summary>
    public static string BgNbdModel(BgNbdModel model, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Parameters(T("bgnbd", language), model.Parameters, model.LogLikelihood, model.Customers, model.Converged, language, model.Diagnostics);
    }

    /// <summary>A fitted Gamma-Gamma model: p, q, γ with standard errors and Wald 95 % intervals, log-likelihood, customers.</summary>
    public static string GammaGammaModel(GammaGammaModel model, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Parameters(T("gamma_gamma", language), model.Parameters, model.LogLikelihood, model.Customers, model.Converged, language, model.Diagnostics);
    }

    private static string Parameters(string captionHtml, IReadOnlyList<ParameterEstimate> parameters, double logLikelihood, double customers, bool converged, DisplayLanguage language,
                                     FitDiagnostics? diagnostics = null)
    {
        var t = new HtmlTable(captionHtml)
            .Column(H("parameter", language)).Column(H("estimate", language), true).Column(H("std_error", language), true).Column(H("ci95", language), true);
        foreach (var p in parameters)
            t.Row(p.Name, HtmlText.Fixed(p.Value, 4), HtmlText.Fixed(p.StandardError, 4), $"[{HtmlText.Fixed(p.Lower95, 4)}, {HtmlText.Fixed(p.Upper95, 4)}]");
        return t.ToHtml($"{T("log_likelihood", language)} = {HtmlText.Fixed(logLikelihood, 2)} · {T("customers", language)} = {HtmlText.Count((long)Math.Round(customers))} · {T("converged", language)}: {HtmlText.Encode(YesNo(converged, language))}" + Diagnostics(diagnostics, language));
    }

    /// <summary>The fit's diagnostics after the footer: identified or not, the condition number, and which parameter hit which bound and what that means.</summary>
    private static string Diagnostics(FitDiagnostics? d, DisplayLanguage language)
    {
        if (d is null) return "";
        string condition = d.ConditionNumber is { } c ? c.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) : "∞";
        string text = $" · {T("identified", language)}: {HtmlText.Encode(YesNo(d.Identified, language))} · {T("condition_number", language)} = {condition}";
        if (!d.Identified)
            text += " · " + HtmlText.Encode(string.Join(", ", d.Bounds.Select(b => b.ToString())) + (d.Bounds.Count > 0 ? ": " : "") + d.Meaning);
        return text;
    }
}
