using System.Globalization;
using System.Text;

namespace Segmentation.Analytics.Statistics;

/// <summary>Cross-validated performance of linear discriminant analysis.</summary>
/// <param name="Classes">Class labels, ascending (rows and columns of the confusion matrix).</param>
/// <param name="Folds">Fold of every row.</param>
/// <param name="Predictions">Out-of-fold predicted label of every row.</param>
/// <param name="Accuracy">Share of rows whose out-of-fold prediction equals the label.</param>
/// <param name="Confusion">Confusion[i][j] = rows of class Classes[i] predicted as Classes[j].</param>
public sealed record LdaCrossValidation(int[] Classes, int[] Folds, int[] Predictions, double Accuracy, int[][] Confusion)
{
    /// <summary>Culture-invariant accuracy and confusion matrix.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"cross-validated accuracy {Accuracy:F4} ({Folds.Max() + 1} folds)\n  actual \\ predicted");
        foreach (int c in Classes) sb.Append(CultureInfo.InvariantCulture, $" {c,7}");
        sb.Append('\n');
        for (int i = 0; i < Classes.Length; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {Classes[i],18}");
            foreach (int v in Confusion[i]) sb.Append(CultureInfo.InvariantCulture, $" {v,7}");
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
