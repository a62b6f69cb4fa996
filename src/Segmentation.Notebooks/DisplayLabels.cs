namespace Segmentation.Notebooks;

/// <summary>The zh/en resource table of every header and caption the rich displays print.</summary>
public static class DisplayLabels
{
    /// <summary>Key → (Chinese, English).</summary>
    public static IReadOnlyDictionary<string, (string Zh, string En)> Table { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["table"] = ("数据表", "table"),
        ["file"] = ("文件", "file"),
        ["encoding"] = ("编码", "encoding"),
        ["rows_read"] = ("读取行数", "rows read"),
        ["accepted"] = ("接受", "accepted"),
        ["rejected"] = ("拒绝", "rejected"),
        ["reconciles"] = ("对账", "reconciles"),
        ["total"] = ("合计", "total"),
        ["rule"] = ("规则", "rule"),
        ["count"] = ("数量", "count"),
        ["example"] = ("示例原因", "example reason"),
        ["row"] = ("行号", "row"),
        ["column"] = ("列", "column"),
        ["reason"] = ("原因", "reason"),
        ["value"] = ("值", "value"),
        ["ingest_report"] = ("数据校验报告", "Data validation report"),
        ["rejects_by_rule"] = ("按规则统计的拒绝行", "Rejects by rule"),
        ["first_rejects"] = ("拒绝行示例", "First rejected rows"),
        ["ignored_columns"] = ("未映射的列", "columns not mapped"),
        ["identifier_columns"] = ("直接标识列（未读取）", "direct identifiers (never read)"),
        ["k"] = ("聚类数 k", "k"),
        ["inertia"] = ("组内平方和", "inertia"),
        ["silhouette"] = ("轮廓系数", "silhouette"),
        ["calinski_harabasz"] = ("CH 指数", "Calinski-Harabasz"),
        ["davies_bouldin"] = ("DB 指数", "Davies-Bouldin"),
        ["gap"] = ("间隙统计量", "gap"),
        ["k_selection"] = ("聚类数选择", "Choice of k"),
        ["segment"] = ("细分", "segment"),
        ["customers"] = ("客户数", "customers"),
        ["share"] = ("占比", "share"),
        ["recency_days"] = ("最近购买（天）", "recency (days)"),
        ["frequency"] = ("频次", "frequency"),
        ["monetary"] = ("金额", "monetary"),
        ["monetary_share"] = ("金额占比", "share of monetary"),
        ["rfm_segments"] = ("RFM 细分概览", "RFM segments"),
        ["cluster"] = ("簇", "cluster"),
        ["size"] = ("规模", "size"),
        ["mean_jaccard"] = ("平均 Jaccard", "mean Jaccard"),
        ["dissolved"] = ("解体次数", "dissolved"),
        ["recovered"] = ("复现次数", "recovered"),
        ["level"] = ("稳定性", "stability"),
        ["stability"] = ("自助法稳定性", "Bootstrap stability"),
        ["mean_ari"] = ("平均调整兰德指数", "mean adjusted Rand index"),
        ["variable"] = ("变量", "variable"),
        ["factor"] = ("因子", "factor"),
        ["communality"] = ("共同度", "communality"),
        ["explained"] = ("解释方差占比", "variance explained"),
        ["cumulative"] = ("累计", "cumulative"),
        ["eigenvalue"] = ("特征值", "eigenvalue"),
        ["factor_model"] = ("因子分析", "Factor analysis"),
        ["loadings"] = ("旋转后载荷", "rotated loadings"),
        ["kmo_bartlett"] = ("KMO 与 Bartlett 球形检验", "KMO and Bartlett's test of sphericity"),
        ["kmo"] = ("KMO", "KMO"),
        ["bartlett_chi2"] = ("Bartlett χ²", "Bartlett χ²"),
        ["df"] = ("自由度", "df"),
        ["p_value"] = ("p 值", "p-value"),
        ["factorable"] = ("适合因子分析", "factorable"),
        ["parameter"] = ("参数", "parameter"),
        ["estimate"] = ("估计值", "estimate"),
        ["std_error"] = ("标准误", "std. error"),
        ["ci95"] = ("95% 置信区间", "95% CI"),
        ["log_likelihood"] = ("对数似然", "log-likelihood"),
        ["converged"] = ("收敛", "converged"),
        ["bgnbd"] = ("BG/NBD 购买次数模型", "BG/NBD purchase model"),
        ["gamma_gamma"] = ("Gamma-Gamma 消费金额模型", "Gamma-Gamma spend model"),
        ["rows"] = ("行", "rows"),
        ["columns"] = ("列", "columns"),
        ["shown"] = ("显示前", "first shown"),
        ["yes"] = ("是", "yes"),
        ["no"] = ("否", "no"),
    };

    /// <summary>The label of <paramref name="key"/> in <paramref name="language"/> ("中文 / English" when bilingual).</summary>
    /// <exception cref="ArgumentException">Unknown key (names it).</exception>
    public static string Text(string key, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        if (!Table.TryGetValue(key, out var t)) throw new ArgumentException($"Unknown display label '{key}'.", nameof(key));
        return language switch
        {
            DisplayLanguage.Chinese => t.Zh,
            DisplayLanguage.English => t.En,
            _ => t.Zh == t.En ? t.En : t.Zh + " / " + t.En,
        };
    }

    /// <summary>The label as table-header HTML: Chinese over a smaller English line when bilingual.</summary>
    public static string HeaderHtml(string key, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        if (language != DisplayLanguage.Bilingual) return HtmlText.Encode(Text(key, language));
        var t = Table.TryGetValue(key, out var v) ? v : throw new ArgumentException($"Unknown display label '{key}'.", nameof(key));
        return t.Zh == t.En ? HtmlText.Encode(t.En) : $"{HtmlText.Encode(t.Zh)}<br/><span style=\"font-weight:normal;font-size:85%;opacity:.75\">{HtmlText.Encode(t.En)}</span>";
    }
}
