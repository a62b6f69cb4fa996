using Segmentation.Synthetic;

namespace Segmentation.Synthetic.Tests;

/// <summary>One 20 000-customer dataset (default options otherwise) shared by the statistical tests, generated once per run.</summary>
public sealed class LargeSyntheticFixture
{
    private static readonly Lazy<SyntheticDataset> Shared = new(() => SyntheticGenerator.Create(new SyntheticOptions { Customers = 20_000, Seed = 4242 }));

    public SyntheticDataset Data => Shared.Value;
}
