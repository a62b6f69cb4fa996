namespace Segmentation.Notebooks.Tests;

/// <summary>Folders of the repository, found by walking up from the test binaries to the solution file.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    public static string Data(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    /// <summary>The committed segmentation model of the sample (written by the main job, `seg report monthly ... --model`).</summary>
    public static string CommittedModel => Data("sample", "segmentation-model.json");

    /// <summary>Fails the test with how to make the committed model when it is missing.</summary>
    public static void RequireCommittedModel()
    {
        if (!File.Exists(CommittedModel))
            Assert.Fail("data/sample/segmentation-model.json is missing: the main job writes it (`dotnet run --project src/Segmentation.Cli -- report monthly --data data/sample --month 2026-10 --management-start 2025-11 --budget 1000000 --model data/sample/segmentation-model.json --out reports/monthly-2026-10.pdf`).");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Segmentation.Analytics.sln"))) return dir.FullName;
        throw new InvalidOperationException("Segmentation.Analytics.sln not found above " + AppContext.BaseDirectory);
    }
}
