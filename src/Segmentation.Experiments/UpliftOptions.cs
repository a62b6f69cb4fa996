namespace Segmentation.Experiments;

/// <summary>Options of <see cref="UpliftLearner"/>: the outcome modelled, cross-fitting and the FastTree settings.</summary>
/// <param name="Outcome">Outcome to model; null = the schema's first outcome.</param>
/// <param name="Folds">K of the cross-fitting (≥ 2): every customer is scored by models fitted on the other K − 1 folds.</param>
/// <param name="Seed">Seed of the fold split and of every tree model.</param>
/// <param name="Trees">Boosted trees per model.</param>
/// <param name="Leaves">Leaves per tree.</param>
/// <param name="MinimumExampleCountPerLeaf">Smallest leaf.</param>
/// <param name="LearningRate">Shrinkage.</param>
/// <param name="MaxDegreeOfParallelism">Models fitted at once (each single-threaded, so results do not depend on it); −1 = all cores.</param>
public sealed record UpliftOptions(
    string? Outcome = null,
    int Folds = 5,
    int Seed = 0,
    int Trees = 100,
    int Leaves = 16,
    int MinimumExampleCountPerLeaf = 100,
    double LearningRate = 0.1,
    int MaxDegreeOfParallelism = -1)
{
    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the bad value.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Folds, 2, nameof(Folds));
        ArgumentOutOfRangeException.ThrowIfLessThan(Trees, 1, nameof(Trees));
        ArgumentOutOfRangeException.ThrowIfLessThan(Leaves, 2, nameof(Leaves));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumExampleCountPerLeaf, 1, nameof(MinimumExampleCountPerLeaf));
        if (!(LearningRate > 0 && LearningRate <= 1)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be in (0, 1].");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1) throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be −1 or ≥ 1.");
    }
}
