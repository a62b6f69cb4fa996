using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Segmentation.Notebooks.Running;

/// <summary>
/// Reads and writes Jupyter notebooks (<c>.ipynb</c>, nbformat 4) of the .NET Interactive C# kernel: kernelspec
/// <c>.net-csharp</c>, code cells tagged <c>"dotnet_interactive": {"language": "csharp"}</c> — the form VS Code's Polyglot
/// Notebooks extension and Jupyter's .NET kernel both open.
/// </summary>
public static class NotebookFormat
{
    /// <summary>The kernel name of C# code cells.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>The kernel name the parser gives markdown cells.</summary>
    public const string MarkdownKernelName = "markdown";

    /// <summary>The kernels a notebook of this project may name (C# and markdown), C# the default.</summary>
    public static KernelInfoCollection KernelInfos()
    {
        var kernels = new KernelInfoCollection
        {
            new Microsoft.DotNet.Interactive.Documents.KernelInfo(CSharpKernelName, "C#", ["c#", "C#", "cs"]),
            new Microsoft.DotNet.Interactive.Documents.KernelInfo(MarkdownKernelName, "Markdown", ["md"]),
        };
        kernels.DefaultKernelName = CSharpKernelName;
        return kernels;
    }

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Jupyter notebook (names the file).</exception>
    public static InteractiveDocument Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Notebook not found: {path}", path);
        try
        {
            return Notebook.Parse(File.ReadAllText(path), KernelInfos());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a Jupyter notebook (.ipynb, nbformat 4): {e.Message}", e);
        }
    }

    /// <summary>Writes a notebook (UTF-8, Jupyter format with the .NET C# kernelspec).</summary>
    public static void Write(InteractiveDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        EnsureKernelMetadata(document);
        using var stream = File.Create(path);
        Notebook.Write(document, stream, KernelInfos());
    }

    /// <summary>
    /// Adds the Jupyter kernelspec and language_info of the .NET C# kernel (<c>.net-csharp</c>) when the document has none, so
    /// Jupyter picks the .NET kernel and VS Code the C# kernel.
    /// </summary>
    public static void EnsureKernelMetadata(InteractiveDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.Metadata.ContainsKey("kernelspec"))
            document.Metadata["kernelspec"] = new Dictionary<string, object> { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" };
        if (!document.Metadata.ContainsKey("language_info"))
            document.Metadata["language_info"] = new Dictionary<string, object>
            {
                ["name"] = "C#", ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["pygments_lexer"] = "csharp", ["version"] = "13.0",
            };
    }

    /// <summary>True for a cell the runner executes (a C# code cell with some code).</summary>
    public static bool IsCode(InteractiveDocumentElement element) =>
        element.KernelName != MarkdownKernelName && !string.IsNullOrWhiteSpace(element.Contents);
}
