using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Statistics;

/// <summary>
/// Linear discriminant analysis (Fisher 1936; Hastie, Tibshirani &amp; Friedman, ESL §4.3): classifies new
/// customers into known segments from their features, with Gaussian classes sharing one covariance.
/// </summary>
/// <remarks>
/// Pooled within-class covariance Σ = W/(n − K), W = Σ_k Σ_{i∈k} (x_i − μ_k)(x_i − μ_k)ᵀ (as scikit-learn's
/// default 'svd' solver). Discriminant scores δ_k(x) = xᵀΣ⁻¹μ_k − ½ μ_kᵀΣ⁻¹μ_k + ln π_k; posteriors are their
/// softmax. Canonical discriminant functions solve B a = λ Σ a with B = Σ_k n_k (μ_k − μ)(μ_k − μ)ᵀ,
/// normalised aᵀΣa = 1; standardised coefficients are a_j √Σ_jj. A singular Σ is an error unless
/// <see cref="LdaOptions.Ridge"/> &gt; 0.
/// </remarks>
public sealed class LinearDiscriminant : IEstimator<LabelledMatrix, LdaModel>
{
    /// <summary>Creates the estimator; <paramref name="options"/> defaults to <see cref="LdaOptions"/>().</summary>
    public LinearDiscriminant(LdaOptions? options = null)
    {
        Options = options ?? new LdaOptions();
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public LdaOptions Options { get; }

    /// <summary>Fits on labelled rows (not modified).</summary>
    /// <exception cref="ArgumentException">As <see cref="Fit(FeatureMatrix, ReadOnlySpan{int})"/>; the parameter named is <paramref name="data"/>.</exception>
    public LdaModel Fit(LabelledMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return CompositeInput.Fit(nameof(data), ["labels"], () => Fit(data.Features, data.Labels.AsSpan()));
    }

    /// <summary>Fits on labelled rows (neither argument is modified).</summary>
    /// <exception cref="ArgumentException">No rows, a value that is not finite, lengths differ, fewer than 2 classes, a class with no row, priors of the wrong length, n ≤ K, or a singular pooled covariance (the message suggests <see cref="LdaOptions.Ridge"/>).</exception>
    public LdaModel Fit(FeatureMatrix data, ReadOnlySpan<int> labels)
    {
        FeatureMatrix.CheckTrainingInput(data, nameof(data));
        if (labels.Length != data.Rows)
            throw new ArgumentException($"labels has {labels.Length} values; data has {data.Rows} rows.", nameof(labels));
        var classes = labels.ToArray().Distinct().Order().ToArray();
        if (classes.Length < 2) throw new ArgumentException($"At least 2 classes are required; labels hold {classes.Length}.", nameof(labels));
        int n = data.Rows, p = data.Columns, k = classes.Length;
        if (n <= k) throw new ArgumentException($"Need more rows ({n}) than classes ({k}).", nameof(data));
        var index = new Dictionary<int, int>();
        for (int c = 0; c < k; c++) index[classes[c]] = c;
        var counts = new int[k];
        var means = new double[k][];
        for (int c = 0; c < k; c++) means[c] = new double[p];
        for (int i = 0; i < n; i++)
        {
            int c = index[labels[i]];
            counts[c]++;
            var row = data.Row(i);
            for (int j = 0; j < p; j++) means[c][j] += row[j];
        }
        for (int c = 0; c < k; c++) for (int j = 0; j < p; j++) means[c][j] /= counts[c];
        double[] priors;
        if (Options.Priors is null) priors = counts.Select(v => (double)v / n).ToArray();
        else if (Options.Priors.Length != k)
            throw new ArgumentException($"Priors has {Options.Priors.Length} values; the labels hold {k} classes.", nameof(Options.Priors));
        else priors = (double[])Options.Priors.Clone();

        var within = new double[p, p];
        var centred = new double[p];
        for (int i = 0; i < n; i++)
        {
            var mu = means[index[labels[i]]];
            var row = data.Row(i);
            for (int j = 0; j < p; j++) centred[j] = row[j] - mu[j];
            for (int a = 0; a < p; a++) for (int b = a; b < p; b++) within[a, b] += centred[a] * centred[b];
        }
        var sigma = Matrix<double>.Build.Dense(p, p, (a, b) => (a <= b ? within[a, b] : within[b, a]) / (n - k));
        if (Options.Ridge > 0)
        {
            double mean = sigma.Trace() / p;
            sigma = sigma * (1 - Options.Ridge) + Matrix<double>.Build.DenseIdentity(p) * (Options.Ridge * mean);
        }
        var eig = sigma.Evd(Symmetricity.Symmetric).EigenValues.Select(v => v.Real).ToArray();
        if (!(eig.Min() > 1e-12 * Math.Max(eig.Max(), double.Epsilon)))
            throw new ArgumentException(
                $"The pooled within-class covariance is singular (smallest/largest eigenvalue {eig.Min() / eig.Max():G3}): features are constant within classes or collinear. Drop them or set LdaOptions.Ridge > 0.",
                nameof(data));
        var chol = sigma.Cholesky();

        var weights = new double[k][];
        var intercepts = new double[k];
        for (int c = 0; c < k; c++)
        {
            var mu = Vector<double>.Build.DenseOfArray(means[c]);
            var w = chol.Solve(mu);
            weights[c] = w.ToArray();
            intercepts[c] = -0.5 * mu.DotProduct(w) + Math.Log(priors[c]);
        }

        // canonical functions: B a = λ Σ a  ⇔  (L⁻¹ B L⁻ᵀ) u = λ u, a = L⁻ᵀ u (Σ = L Lᵀ)
        var overall = new double[p];
        for (int c = 0; c < k; c++) for (int j = 0; j < p; j++) overall[j] += counts[c] * means[c][j];
        for (int j = 0; j < p; j++) overall[j] /= n;
        var between = Matrix<double>.Build.Dense(p, p);
        for (int c = 0; c < k; c++)
        {
            var d = Vector<double>.Build.Dense(p, j => means[c][j] - overall[j]);
            between += d.OuterProduct(d) * counts[c];
        }
        var lowerInverse = chol.Factor.Inverse();
        var c2 = lowerInverse * between * lowerInverse.Transpose();
        c2 = (c2 + c2.Transpose()) / 2;
        var cEvd = c2.Evd(Symmetricity.Symmetric);
        int m = Math.Min(k - 1, p);
        var order = Enumerable.Range(0, p).OrderByDescending(i => cEvd.EigenValues[i].Real).ThenBy(i => i).Take(m).ToArray();
        var eigenvalues = order.Select(i => Math.Max(0, cEvd.EigenValues[i].Real)).ToArray();
        double total = eigenvalues.Sum();
        var scalings = new double[p][];
        var standardized = new double[p][];
        for (int j = 0; j < p; j++) { scalings[j] = new double[m]; standardized[j] = new double[m]; }
        for (int f = 0; f < m; f++)
        {
            var a = lowerInverse.TransposeThisAndMultiply(cEvd.EigenVectors.Column(order[f]));
            // sign: the largest standardised coefficient is positive
            int arg = 0;
            for (int j = 1; j < p; j++) if (Math.Abs(a[j] * Math.Sqrt(sigma[j, j])) > Math.Abs(a[arg] * Math.Sqrt(sigma[arg, arg]))) arg = j;
            double sign = a[arg] < 0 ? -1 : 1;
            for (int j = 0; j < p; j++)
            {
                scalings[j][f] = sign * a[j];
                standardized[j][f] = sign * a[j] * Math.Sqrt(sigma[j, j]);
            }
        }
        return new LdaModel(classes, data.ColumnNames.ToEquatableArray(), priors, EquatableArray.FromRows(means), EquatableArray.FromRows(weights),
                            intercepts, overall, EquatableArray.FromRows(scalings), eigenvalues, eigenvalues.Select(v => total > 0 ? v / total : 0).ToArray(),
                            EquatableArray.FromRows(standardized), Options.Ridge, n);
    }

    /// <summary>
    /// k-fold cross-validation with seeded stratified folds: the rows of each class are shuffled
    /// (Fisher–Yates, <see cref="LdaOptions.Seed"/>) and dealt to folds in turn, so every fold holds each class in proportion.
    /// </summary>
    public LdaCrossValidation CrossValidate(FeatureMatrix data, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (labels.Length != data.Rows)
            throw new ArgumentException($"labels has {labels.Length} values; data has {data.Rows} rows.", nameof(labels));
        var folds = new int[labels.Length];
        var random = new StreamRandom(Options.Seed);
        var labelArray = labels.ToArray();
        foreach (int cls in labelArray.Distinct().Order())
        {
            var rows = Enumerable.Range(0, labelArray.Length).Where(i => labelArray[i] == cls).ToArray();
            random.Shuffle(rows.AsSpan());
            for (int r = 0; r < rows.Length; r++) folds[rows[r]] = r % Options.Folds;
        }
        return CrossValidate(data, labels, folds);
    }

    /// <summary>Cross-validation with a given fold of every row (0 … folds − 1); each fold is predicted by a model fitted on the others.</summary>
    public LdaCrossValidation CrossValidate(FeatureMatrix data, ReadOnlySpan<int> labels, ReadOnlySpan<int> folds)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (labels.Length != data.Rows)
            throw new ArgumentException($"labels has {labels.Length} values; data has {data.Rows} rows.", nameof(labels));
        if (folds.Length != data.Rows)
            throw new ArgumentException($"folds has {folds.Length} values; data has {data.Rows} rows.", nameof(folds));
        var classes = labels.ToArray().Distinct().Order().ToArray();
        var foldArray = folds.ToArray();
        var labelArray = labels.ToArray();
        var predictions = new int[data.Rows];
        foreach (int f in foldArray.Distinct().Order())
        {
            var train = Enumerable.Range(0, data.Rows).Where(i => foldArray[i] != f).ToArray();
            var test = Enumerable.Range(0, data.Rows).Where(i => foldArray[i] == f).ToArray();
            if (train.Length == 0) throw new ArgumentException("A fold holds every row; use at least 2 folds.", nameof(folds));
            var model = Fit(Subset(data, train), train.Select(i => labelArray[i]).ToArray());
            var predicted = model.Predict(Subset(data, test));
            for (int t = 0; t < test.Length; t++) predictions[test[t]] = predicted[t];
        }
        var position = classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
        var confusion = classes.Select(_ => new int[classes.Length]).ToArray();
        int correct = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            confusion[position[labelArray[i]]][position[predictions[i]]]++;
            if (predictions[i] == labelArray[i]) correct++;
        }
        return new LdaCrossValidation(classes, foldArray, predictions, (double)correct / data.Rows, confusion);
    }

    private static FeatureMatrix Subset(FeatureMatrix data, int[] rows)
    {
        var values = new double[rows.Length * data.Columns];
        for (int r = 0; r < rows.Length; r++) data.Row(rows[r]).CopyTo(values.AsSpan(r * data.Columns, data.Columns));
        return new FeatureMatrix(values, rows.Length, data.Columns, data.ColumnNames);
    }
}
