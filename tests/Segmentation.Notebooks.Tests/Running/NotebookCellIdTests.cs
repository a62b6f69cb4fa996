using System.Text.Json;
using System.Text.RegularExpressions;
using Segmentation.Notebooks.Running;

namespace Segmentation.Notebooks.Tests.Running;

/// <summary>nbformat 4.5 cell ids: Jupyter warns on cells without one today and will refuse them later.</summary>
public sealed class NotebookCellIdTests
{
    private static readonly Regex CellId = new("^[A-Za-z0-9_-]{1,64}$");

    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(RepositoryPaths.Notebooks, "*.ipynb").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_committed_cell_has_a_unique_valid_id(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Notebooks, name)));
        Assert.True(json.RootElement.GetProperty("nbformat_minor").GetInt32() >= 5);
        var ids = json.RootElement.GetProperty("cells").EnumerateArray().Select(c => c.TryGetProperty("id", out var id) ? id.GetString() : null).ToArray();
        Assert.All(ids, id => Assert.Matches(CellId, id ?? ""));
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Written_notebooks_keep_the_ids_they_have_and_give_one_to_every_other_cell()
    {
        var document = NotebookTemplate.Create("Ids");
        var path = Path.Combine(Path.GetTempPath(), $"seg-ids-{Guid.NewGuid():N}.ipynb");
        try
        {
            NotebookFormat.Write(document, path);
            var first = File.ReadAllText(path);
            using var json = JsonDocument.Parse(first);
            var ids = json.RootElement.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray();
            Assert.Equal(document.Elements.Count, ids.Length);
            Assert.All(ids, id => Assert.Matches(CellId, id));
            Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());

            // Read back and written again: the same ids.
            NotebookFormat.Write(NotebookFormat.Read(path), path);
            using var again = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(ids, again.RootElement.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
