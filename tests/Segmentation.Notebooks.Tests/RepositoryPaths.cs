namespace Segmentation.Notebooks.Tests;

/// <summary>Folders of the repository, found by walking up from the test binaries to the solution file.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    public static string Data(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Segmentation.Analytics.sln"))) return dir.FullName;
        throw new InvalidOperationException("Segmentation.Analytics.sln not found above " + AppContext.BaseDirectory);
    }
}
