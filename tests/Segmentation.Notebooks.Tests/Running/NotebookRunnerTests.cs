using System.Text.Json;
using Segmentation.Notebooks.Running;

namespace Segmentation.Notebooks.Tests.Running;

public sealed class NotebookRunnerTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "seg-runner-" + Guid.NewGuid().ToString("N"));

    public NotebookRunnerTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Notebook(params string[] codeCells)
    {
        var document = NotebookTemplate.Create("Runner test");
        document.Elements.Clear();
        document.Elements.Add(new Microsoft.DotNet.Interactive.Documents.InteractiveDocumentElement("# Runner test", NotebookFormat.MarkdownKernelName));
        foreach (var code in codeCells) document.Elements.Add(new Microsoft.DotNet.Interactive.Documents.InteractiveDocumentElement(code, NotebookFormat.CSharpKernelName));
        var path = Path.Combine(folder, "test.ipynb");
        NotebookFormat.Write(document, path);
        return path;
    }

    [Fact]
    public async Task Runner_stops_at_the_first_failing_cell_and_names_it_with_the_compiler_error()
    {
        var path = Notebook("var a = 1;\na + 1", "undefinedName + 1", "Console.WriteLine(\"never\");");
        var output = Path.Combine(folder, "executed.ipynb");

        var result = await new NotebookRunner().RunAsync(path, output);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Cells.Count);
        Assert.Equal(3, result.FailedCell!.CellNumber);     // the markdown title is cell 1
        Assert.Equal(2, result.FailedCell.CodeCellNumber);
        Assert.Contains("CS0103", result.FailedCell.Error);
        Assert.Contains("undefinedName", result.FailedCell.Error);
        Assert.StartsWith("2", StripTags(result.Cells[0].Outputs.Single(o => o.Kind == CellOutputKind.ReturnValue).Data.Values.First()));

        using var executed = JsonDocument.Parse(File.ReadAllText(output));
        var cells = executed.RootElement.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal("error", cells[2].GetProperty("outputs")[0].GetProperty("output_type").GetString());
        Assert.Contains("CS0103", cells[2].GetProperty("outputs")[0].GetProperty("evalue").GetString());
        Assert.Equal(0, cells[3].GetProperty("outputs").GetArrayLength());
    }

    [Fact]
    public async Task Runner_captures_stdout_displayed_values_and_runtime_exceptions()
    {
        var path = Notebook("Console.Write(\"hello \"); Console.WriteLine(\"world\");", "display(\"shown\"); 42", "throw new InvalidOperationException(\"boom\");");

        var result = await new NotebookRunner().RunAsync(path);

        Assert.Equal("hello world\n", result.Cells[0].Outputs.Single(o => o.Kind == CellOutputKind.StandardOutput)["text/plain"]!.ReplaceLineEndings("\n"));
        Assert.Contains(result.Cells[1].Outputs, o => o.Kind == CellOutputKind.Display && o.Data.Values.Any(v => v.Contains("shown")));
        Assert.Contains(result.Cells[1].Outputs, o => o.Kind == CellOutputKind.ReturnValue && o.Data.Values.Any(v => v.Contains("42")));
        Assert.Contains("boom", result.FailedCell!.Error);
        Assert.Equal(3, result.FailedCell.CodeCellNumber);
    }

    [Fact]
    public async Task Runner_runs_cells_in_the_notebook_folder()
    {
        File.WriteAllText(Path.Combine(folder, "marker.txt"), "here");
        var path = Notebook("System.IO.File.ReadAllText(\"marker.txt\")");
        var before = Directory.GetCurrentDirectory();

        var result = await new NotebookRunner().RunAsync(path);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains(result.Cells[0].Outputs, o => o.Data.Values.Any(v => v.Contains("here")));
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    [Fact]
    public async Task Missing_notebook_is_a_file_not_found_error_naming_it()
    {
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => new NotebookRunner().RunAsync(Path.Combine(folder, "nope.ipynb")));
        Assert.Contains("nope.ipynb", e.Message);
    }

    [Fact]
    public void Template_writes_a_notebook_of_the_dotnet_csharp_kernel_starting_with_the_setup_cell()
    {
        var path = Path.Combine(folder, "new.ipynb");
        NotebookFormat.Write(NotebookTemplate.Create("A title", "Intro."), path);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(".net-csharp", json.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        var code = json.RootElement.GetProperty("cells").EnumerateArray().First(c => c.GetProperty("cell_type").GetString() == "code");
        Assert.Equal("csharp", code.GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString());
        Assert.Equal(NotebookTemplate.SetupCell, string.Concat(code.GetProperty("source").EnumerateArray().Select(l => l.GetString())));
        var reread = NotebookFormat.Read(path);
        Assert.StartsWith("# A title", reread.Elements[0].Contents);
    }

    private static string StripTags(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", "").Trim();
}
