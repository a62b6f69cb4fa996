using Microsoft.DotNet.Interactive.Documents;

namespace Segmentation.Notebooks.Running;

/// <summary>
/// The one way notebooks of this repository reference the library: the setup cell every notebook starts with, and new
/// notebooks made from it (<c>seg notebook new</c>).
/// </summary>
/// <remarks>
/// <c>src/Segmentation.Notebooks</c> copies its whole build output (all dependencies included) into <c>notebooks/lib/</c>
/// after every build, whatever the configuration; kernels start in the notebook's folder, so <c>#r "lib/…"</c> finds it in
/// VS Code, Jupyter and the headless runner alike. See notebooks/README.md.
/// </remarks>
public static class NotebookTemplate
{
    /// <summary>The setup cell, identical in every notebook: reference the library, open its namespaces, register the formatters.</summary>
    public const string SetupCell =
        """
        #r "lib/Segmentation.Notebooks.dll"
        using System.IO;
        using Microsoft.Data.Analysis;
        using Segmentation.Data;
        using Segmentation.Data.Sql;
        using Segmentation.Analytics.Engines;
        using Segmentation.Engines;
        using Segmentation.Analytics.Features;
        using Segmentation.Analytics.Segmenting;
        using Segmentation.Analytics.Statistics;
        using Segmentation.Analytics.Validation;
        using Segmentation.Notebooks;
        Formatters.Register()
        """;

    /// <summary>A new notebook: a title cell (with an optional introduction), the setup cell, and an empty markdown/code pair to continue from.</summary>
    /// <exception cref="ArgumentException">The title is empty.</exception>
    public static InteractiveDocument Create(string title, string? introduction = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var heading = "# " + title.Trim() + (string.IsNullOrWhiteSpace(introduction) ? "" : "\n\n" + introduction.Trim());
        return new InteractiveDocument(
        [
            new InteractiveDocumentElement(heading, NotebookFormat.MarkdownKernelName),
            new InteractiveDocumentElement("Setup: reference the library (built into `notebooks/lib/` by `dotnet build`) and register the rich displays.", NotebookFormat.MarkdownKernelName),
            new InteractiveDocumentElement(SetupCell, NotebookFormat.CSharpKernelName),
            new InteractiveDocumentElement("One sentence saying what the next cell shows.", NotebookFormat.MarkdownKernelName),
            new InteractiveDocumentElement("// one idea per cell; end with an expression that displays", NotebookFormat.CSharpKernelName),
        ]);
    }
}
