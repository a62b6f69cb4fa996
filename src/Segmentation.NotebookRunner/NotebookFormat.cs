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
        using var buffer = new MemoryStream();
        Notebook.Write(document, buffer, KernelInfos());
        // Written beside the target and renamed into place: a failed or cancelled run never leaves half a notebook.
        // (The same as Segmentation.Analytics.Serialization.AtomicFile, which this assembly does not reference.)
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            File.WriteAllText(temp, WithCellIds(document, System.Text.Encoding.UTF8.GetString(buffer.ToArray())), new System.Text.UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Gives every cell of the notebook JSON an <c>id</c> (nbformat 4.5 requires one; Jupyter warns today and will refuse
    /// later): the element's own id when it has one, else one derived from the cell's position, so the same document
    /// always gets the same ids.
    /// </summary>
    internal static string WithCellIds(InteractiveDocument document, string json)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        if (root["cells"] is not System.Text.Json.Nodes.JsonArray cells) return json;
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not System.Text.Json.Nodes.JsonObject cell) continue;
            string? id = cell["id"]?.GetValue<string>();
            if (string.IsNullOrEmpty(id) && i < document.Elements.Count) id = document.Elements[i].Id;
            if (string.IsNullOrEmpty(id) || !IsCellId(id) || !used.Add(id))
            {
                id = $"cell-{i + 1:D3}";
                for (int k = 2; !used.Add(id); k++) id = $"cell-{i + 1:D3}-{k}";
            }
            cell["id"] = id;
        }
        root["nbformat"] = 4;
        if ((root["nbformat_minor"]?.GetValue<int>() ?? 0) < 5) root["nbformat_minor"] = 5;
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
    }

    /// <summary>nbformat's rule for a cell id: 1–64 characters of letters, digits, '-' and '_'.</summary>
    private static bool IsCellId(string id) => id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

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
