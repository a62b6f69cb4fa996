using Segmentation.Analytics.Features;

namespace Segmentation.Analytics.Statistics;

/// <summary>Column means, sample standard deviations and the sample covariance matrix (n − 1) of a feature matrix.</summary>
internal static class ColumnMoments
{
    public static double[] Means(FeatureMatrix x)
    {
        var mean = new double[x.Columns];
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < x.Columns; j++) mean[j] += row[j];
        }
        for (int j = 0; j < x.Columns; j++) mean[j] /= x.Rows;
        return mean;
    }

    /// <summary>Sample covariance (divisor n − 1), two-pass (centred first) for accuracy.</summary>
    public static double[,] Covariance(FeatureMatrix x, double[] mean)
    {
        int p = x.Columns;
        var cov = new double[p, p];
        var centred = new double[p];
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < p; j++) centred[j] = row[j] - mean[j];
            for (int a = 0; a < p; a++)
            {
                double ca = centred[a];
                for (int b = a; b < p; b++) cov[a, b] += ca * centred[b];
            }
        }
        for (int a = 0; a < p; a++)
            for (int b = a; b < p; b++) { cov[a, b] /= x.Rows - 1; cov[b, a] = cov[a, b]; }
        return cov;
    }

    /// <summary>Correlation matrix from a covariance matrix; throws naming the column when a variance is zero.</summary>
    public static double[,] Correlation(double[,] cov, IReadOnlyList<string> names)
    {
        int p = cov.GetLength(0);
        var sd = new double[p];
        for (int j = 0; j < p; j++)
        {
            sd[j] = Math.Sqrt(cov[j, j]);
            if (!(sd[j] > 0)) throw new ArgumentException($"Column '{names[j]}' is constant; its correlations are undefined. Drop it first.", "data");
        }
        var r = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++) r[a, b] = a == b ? 1.0 : cov[a, b] / (sd[a] * sd[b]);
        return r;
    }
}
