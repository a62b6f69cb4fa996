namespace Segmentation.Analytics.Tests.Contracts;

/// <summary>One estimator under the contract suite: how to build it, what it learns from, and the checks it must pass.</summary>
public abstract class EstimatorCase
{
    /// <summary>The estimator type checked.</summary>
    public abstract Type EstimatorType { get; }

    /// <summary>A name for the theory rows (the estimator's name, plus a variant when one type has several cases).</summary>
    public abstract string Name { get; }

    /// <summary>Whether the options have a thread count the result must not depend on.</summary>
    public abstract bool HasThreadCount { get; }

    /// <summary>What the estimator promises for another row order.</summary>
    public abstract RowOrder RowOrder { get; }

    /// <summary>Whether the input can be malformed (a shape or width to get wrong).</summary>
    public abstract bool HasMalformedInput { get; }

    /// <summary>Whether the case has an invalid option to check.</summary>
    public abstract bool HasBadOptions { get; }

    public abstract void FitDoesNotModifyItsInput();

    public abstract void SameSeedGivesByteIdenticalModel();

    public abstract void ThreadCountDoesNotChangeTheModel();

    public abstract void ModelRoundTripsThroughModelJson();

    public abstract void MissingValuesAreRejectedOrDocumented();

    public abstract void EmptyInputIsRejected();

    public abstract void MalformedInputIsRejected();

    public abstract void RowOrderKeepsItsPromise();

    public abstract void BadOptionsAreRejected();

    public override string ToString() => Name;
}
