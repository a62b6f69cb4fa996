using System.Text.Json;
using Segmentation.Notebooks.Running;

namespace Segmentation.Notebooks.Tests.Running;

/// <summary>Every notebook of notebooks/ runs headless without a cell error and shows what it promises.</summary>
public sealed class NotebookExecutionTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepositoryPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void The_notebooks_folder_holds_the_expected_notebooks()
    {
        var names = Directory.GetFiles(RepositoryPaths.Notebooks, "*.ipynb").Select(Path.GetFileName).ToArray();
        foreach (var expected in new[] { "00-reviewer-rerun.ipynb", "01-data-quality.ipynb", "02-rfm-and-tiers.ipynb", "03-features-and-factors.ipynb", "04-clustering-and-k-choice.ipynb",
                                              "05-validate-and-name.ipynb", "06-clv-and-churn.ipynb", "07-effect-evaluation.ipynb", "08-campaign-experiment.ipynb", "09-real-export-end-to-end.ipynb",
                                              "10-refit-lineage.ipynb" })
            Assert.Contains(expected, names);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_headless_without_a_cell_error_and_displays_html_and_plotly_charts(string name)
    {
        RequireSampleData();
        var path = Path.Combine(RepositoryPaths.Notebooks, name);
        var output = Path.Combine(Path.GetTempPath(), "seg-notebook-tests", name);
        var result = await new NotebookRunner().RunAsync(path, output);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(result.CodeCells, result.Cells.Count);

        // Every notebook starts with the one setup cell (the library reference of notebooks/README.md).
        var document = NotebookFormat.Read(path);
        var firstCode = document.Elements.First(NotebookFormat.IsCode);
        Assert.Equal(NotebookTemplate.SetupCell.ReplaceLineEndings("\n"), firstCode.Contents.ReplaceLineEndings("\n").TrimEnd());

        // Every code cell ends in an expression that displays, as HTML (plain text only for strings and numbers).
        Assert.All(result.Cells, c => Assert.NotEmpty(c.Outputs));
        Assert.Contains(result.Cells.SelectMany(c => c.Outputs), o => o["text/html"] is { } h && h.Contains("<table", StringComparison.Ordinal));

        // Cells whose last line makes a chart show it as Plotly; plotly.js is inline (offline) in the first chart only.
        var codeCells = document.Elements.Where(NotebookFormat.IsCode).ToArray();
        var chartCells = Enumerable.Range(0, codeCells.Length).Where(i => LastStatement(codeCells[i].Contents).StartsWith("Charts.", StringComparison.Ordinal)).ToArray();
        var chartHtml = chartCells.Select(i => result.Cells[i].Outputs.Select(o => o["text/html"]).OfType<string>().FirstOrDefault(h => h.Contains("Plotly.newPlot", StringComparison.Ordinal))).ToArray();
        Assert.All(chartHtml, Assert.NotNull);
        if (chartHtml.Length > 0)
        {
            Assert.Contains("plotly.js 2.", chartHtml[0]!, StringComparison.Ordinal);
            Assert.True(chartHtml[0]!.Length > 3_000_000, "the first chart carries plotly.js inline");
            Assert.All(chartHtml.Skip(1), h => Assert.True(h!.Length < 1_000_000, "plotly.js is embedded once per notebook"));
            Assert.All(chartHtml, h => Assert.DoesNotContain("<script src=", h!, StringComparison.OrdinalIgnoreCase));
        }

        // The executed notebook is a Jupyter notebook of the .NET C# kernel with the outputs.
        using var executed = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(".net-csharp", executed.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        var outputs = executed.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToArray();
        Assert.Contains(outputs, o => o.TryGetProperty("data", out var d) && d.TryGetProperty("text/html", out _));
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
    }

    internal static void RequireSampleData()
    {
        if (!File.Exists(RepositoryPaths.Data("sample", "transactions.csv")))
            Assert.Fail("data/sample is missing: generate it with `dotnet run --project src/Segmentation.Cli -- generate --customers 5000 --months 24 --seed 20261 --out data/sample`.");
    }

    internal static string LastStatement(string code)
    {
        var lines = code.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        // A statement may span lines: walk back to the line that starts it (previous line ends with ';' or is the first).
        int i = lines.Length - 1;
        while (i > 0 && !lines[i - 1].EndsWith(';') && !lines[i - 1].EndsWith('}')) i--;
        return lines[i];
    }
}
