using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Segmentation.Notebooks.Running;

/// <summary>
/// Runs a notebook headless in this process: a fresh <see cref="CompositeKernel"/> with a C# kernel (with <c>#r "nuget:…"</c>
/// and the kernel helpers such as <c>display</c>) per notebook, every code cell in order, stopping at the first failure;
/// outputs (displayed values with their MIME types, the cell's return value, stdout/stderr, the error) are written back
/// into an executed copy of the notebook.
/// </summary>
/// <remarks>
/// .NET Interactive's <see cref="Formatter"/> registrations and the current directory are process-wide, so notebooks run
/// one at a time per process (a lock serialises concurrent calls) and formatters are reset to the defaults before each
/// notebook. The working directory is the notebook's folder while it runs, as in VS Code and Jupyter, so the setup cell's
/// relative <c>#r</c> path resolves the same way everywhere.
/// </remarks>
public sealed class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>A runner with the given options (null = defaults).</summary>
    public NotebookRunner(NotebookRunOptions? options = null)
    {
        Options = options ?? new NotebookRunOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public NotebookRunOptions Options { get; }

    /// <summary>Runs every code cell of <paramref name="notebookPath"/>; writes the executed notebook to <paramref name="outputPath"/> when given (also when a cell failed).</summary>
    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a notebook.</exception>
    public async Task<NotebookRunResult> RunAsync(string notebookPath, string? outputPath = null, CancellationToken cancellationToken = default)
    {
        var document = NotebookFormat.Read(notebookPath);
        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var previousDirectory = Directory.GetCurrentDirectory();
        var clock = Stopwatch.StartNew();
        var cells = new List<CellRunResult>();
        int codeCells = document.Elements.Count(NotebookFormat.IsCode);
        try
        {
            Directory.SetCurrentDirectory(Options.WorkingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(notebookPath))!);
            Formatter.ResetToDefault();
            using var kernel = CreateKernel();
            int cellNumber = 0, codeNumber = 0;
            foreach (var element in document.Elements)
            {
                cellNumber++;
                if (!NotebookFormat.IsCode(element))
                {
                    element.Outputs.Clear();
                    continue;
                }
                codeNumber++;
                var cell = await RunCellAsync(kernel, element, cellNumber, codeNumber, cancellationToken).ConfigureAwait(false);
                cells.Add(cell);
                WriteOutputs(element, cell);
                if (!cell.Succeeded) break;
            }
            foreach (var rest in document.Elements.Skip(cellNumber)) { rest.Outputs.Clear(); rest.ExecutionOrder = 0; }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            Formatter.ResetToDefault();
            OneAtATime.Release();
        }
        if (outputPath is not null) NotebookFormat.Write(document, outputPath);
        return new NotebookRunResult(notebookPath, outputPath, cells, codeCells, clock.Elapsed);
    }

    /// <summary>Runs several notebooks one after another, each in a fresh kernel; executed copies go to <paramref name="outputDirectory"/> (same file names) when given.</summary>
    public async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IEnumerable<string> notebookPaths, string? outputDirectory = null, IProgress<NotebookRunResult>? progress = null,
                                                                   CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebookPaths);
        var results = new List<NotebookRunResult>();
        foreach (var path in notebookPaths)
        {
            var output = outputDirectory is null ? null : Path.Combine(outputDirectory, Path.GetFileName(path));
            var result = await RunAsync(path, output, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress?.Report(result);
        }
        return results;
    }

    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, references) =>
            {
                // Without this the restore succeeds and the package's types are still missing.
                k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    private async Task<CellRunResult> RunCellAsync(CompositeKernel kernel, InteractiveDocumentElement element, int cellNumber, int codeNumber, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (element.KernelName != NotebookFormat.CSharpKernelName)
            return new CellRunResult(cellNumber, codeNumber, [], $"cell language '{element.KernelName}' is not supported by the headless runner (C# only).", clock.Elapsed);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.EffectiveCellTimeout);
        KernelCommandResult result;
        try
        {
            result = await kernel.SendAsync(new SubmitCode(element.Contents, NotebookFormat.CSharpKernelName), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CellRunResult(cellNumber, codeNumber, [], $"the cell did not finish within {Options.EffectiveCellTimeout}.", clock.Elapsed);
        }

        var outputs = new List<CellOutput>();
        var byValueId = new Dictionary<string, int>();
        string? error = null;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case ReturnValueProduced r:
                    Add(CellOutputKind.ReturnValue, r.FormattedValues, r.ValueId);
                    break;
                case DisplayedValueUpdated u when u.ValueId is not null && byValueId.TryGetValue(u.ValueId, out var index):
                    outputs[index] = new CellOutput(outputs[index].Kind, ToData(u.FormattedValues));
                    break;
                case DisplayEvent d and (DisplayedValueProduced or DisplayedValueUpdated):
                    Add(CellOutputKind.Display, d.FormattedValues, d.ValueId);
                    break;
                case StandardOutputValueProduced o:
                    AddText(CellOutputKind.StandardOutput, o.FormattedValues);
                    break;
                case StandardErrorValueProduced o:
                    AddText(CellOutputKind.StandardError, o.FormattedValues);
                    break;
                case ErrorProduced p:
                    error ??= p.Message;
                    break;
                case CommandFailed f:
                    error = f.Exception is { } ex ? $"{f.Message}" + (f.Message.Contains(ex.Message, StringComparison.Ordinal) ? "" : $" ({ex.GetType().Name}: {ex.Message})") : f.Message;
                    break;
            }
        }
        if (error is not null) outputs.Add(new CellOutput(CellOutputKind.Error, new Dictionary<string, string> { ["text/plain"] = error }));
        return new CellRunResult(cellNumber, codeNumber, outputs, error, clock.Elapsed);

        void Add(CellOutputKind kind, IReadOnlyCollection<FormattedValue> values, string? valueId)
        {
            var data = ToData(values);
            if (data.Count == 0) return;
            if (valueId is not null) byValueId[valueId] = outputs.Count;
            outputs.Add(new CellOutput(kind, data));
        }

        void AddText(CellOutputKind kind, IReadOnlyCollection<FormattedValue> values)
        {
            var text = string.Concat(values.Select(v => v.Value));
            // Consecutive writes to one stream are one output, as in Jupyter.
            if (outputs.Count > 0 && outputs[^1].Kind == kind)
                outputs[^1] = new CellOutput(kind, new Dictionary<string, string> { ["text/plain"] = outputs[^1]["text/plain"] + text });
            else
                outputs.Add(new CellOutput(kind, new Dictionary<string, string> { ["text/plain"] = text }));
        }
    }

    private static Dictionary<string, string> ToData(IReadOnlyCollection<FormattedValue> values) =>
        values.Where(v => !v.SuppressDisplay).GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => g.First().Value);

    private static void WriteOutputs(InteractiveDocumentElement element, CellRunResult cell)
    {
        element.Outputs.Clear();
        element.ExecutionOrder = cell.CodeCellNumber;
        foreach (var output in cell.Outputs)
        {
            var data = output.Data.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
            element.Outputs.Add(output.Kind switch
            {
                CellOutputKind.ReturnValue => ReturnValue(data, cell.CodeCellNumber),
                CellOutputKind.Display => new DisplayElement(data),
                CellOutputKind.StandardOutput => new TextElement(output["text/plain"] ?? "", "stdout"),
                CellOutputKind.StandardError => new TextElement(output["text/plain"] ?? "", "stderr"),
                // Notebook.Write puts ErrorElement's first argument into "evalue" and the second into "ename"; Jupyter front ends
                // print the traceback, so the message goes there too.
                _ => new ErrorElement(output["text/plain"] ?? "", "CellError", (output["text/plain"] ?? "").Split('\n')),
            });
        }
    }

    private static ReturnValueElement ReturnValue(Dictionary<string, object> data, int executionOrder)
    {
        var element = new ReturnValueElement { ExecutionOrder = executionOrder };
        foreach (var (mime, value) in data) element.Data[mime] = value;
        return element;
    }
}
