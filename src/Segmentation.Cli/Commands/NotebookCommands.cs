using System.CommandLine;
using System.Globalization;
using Segmentation.Notebooks.Running;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>seg notebook run | run-all | new</c>: execute the analysts' notebooks headless (every code cell in order, stopping at
/// the first failure; exit 4 with the cell number and the error) and write executed copies with their outputs.
/// </summary>
internal static class NotebookCommands
{
    public static Command Create()
    {
        var notebook = new Command("notebook", "Polyglot notebooks (.ipynb, C#): run headless, create from the template");
        notebook.Subcommands.Add(Run());
        notebook.Subcommands.Add(RunAll());
        notebook.Subcommands.Add(New());
        return notebook;
    }

    private static Command Run()
    {
        var path = new Argument<string>("notebook") { Description = "The notebook to run, e.g. notebooks/01-data-quality.ipynb" };
        var output = new Option<string?>("--out") { Description = "Write the executed notebook (with outputs) here" };
        var timeout = TimeoutOption();
        var cmd = new Command("run", "Run every code cell of one notebook in a fresh C# kernel; exit 4 at the first failing cell") { path, output, timeout };
        cmd.SetAction(r => Program.Run(() =>
        {
            var runner = new NotebookRunner(new NotebookRunOptions(TimeSpan.FromSeconds(r.GetValue(timeout))));
            var result = runner.RunAsync(r.GetValue(path)!, r.GetValue(output), CliCancellation.Token).GetAwaiter().GetResult();
            return Report([result]);
        }));
        return cmd;
    }

    private static Command RunAll()
    {
        var directory = new Option<string>("--dir") { Description = "Folder of the notebooks", DefaultValueFactory = _ => "notebooks" };
        var outDir = new Option<string?>("--out-dir") { Description = "Write the executed notebooks (same file names) into this folder" };
        var timeout = TimeoutOption();
        var cmd = new Command("run-all", "Run every *.ipynb of the notebooks folder (in name order, each in a fresh kernel); exit 4 if any fails") { directory, outDir, timeout };
        cmd.SetAction(r => Program.Run(() =>
        {
            var dir = r.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Notebook folder not found: {dir}");
            var notebooks = Directory.GetFiles(dir, "*.ipynb").OrderBy(p => p, StringComparer.Ordinal).ToArray();
            if (notebooks.Length == 0) throw new UsageException($"no .ipynb files in {dir}");
            var runner = new NotebookRunner(new NotebookRunOptions(TimeSpan.FromSeconds(r.GetValue(timeout))));
            // Each notebook reports as soon as it finishes; the summary follows. Later notebooks still run after a failure.
            var results = runner.RunAllAsync(notebooks, r.GetValue(outDir), new Progress<NotebookRunResult>(x => CliOutput.Info(x.ToString())), CliCancellation.Token).GetAwaiter().GetResult();
            return Report(results, printEach: false);
        }));
        return cmd;
    }

    private static Command New()
    {
        var path = new Argument<string>("notebook") { Description = "The notebook to create, e.g. notebooks/05-validation-and-naming.ipynb" };
        var title = new Option<string>("--title") { Description = "Title (the first markdown cell)", Required = true };
        var cmd = new Command("new", "Create a notebook from the template: title cell and the standard setup cell") { path, title };
        cmd.SetAction(r => Program.Run(() =>
        {
            var p = r.GetValue(path)!;
            if (File.Exists(p)) throw new UsageException($"{p} exists; not overwritten.");
            NotebookFormat.Write(NotebookTemplate.Create(r.GetValue(title)!), p);
            CliOutput.Info($"created {p}");
            return 0;
        }));
        return cmd;
    }

    private static Option<int> TimeoutOption() =>
        new("--cell-timeout") { Description = "Seconds a single cell may run", DefaultValueFactory = _ => 600 };

    private static int Report(IReadOnlyList<NotebookRunResult> results, bool printEach = true)
    {
        if (printEach) foreach (var r in results) CliOutput.Info(r.ToString());
        if (results.Count > 1)
            CliOutput.Info(string.Create(CultureInfo.InvariantCulture,
                $"{results.Count(r => r.Succeeded)}/{results.Count} notebooks ok in {results.Sum(r => r.Elapsed.TotalSeconds):F1} s"));
        foreach (var r in results.Where(r => r.OutputPath is not null)) CliOutput.Info($"executed → {r.OutputPath}");
        foreach (var f in results.Where(r => !r.Succeeded))
            CliOutput.Error($"{f.NotebookPath}: cell {f.FailedCell!.CellNumber} (code cell {f.FailedCell.CodeCellNumber}) failed: {f.FailedCell.Error}");
        return results.All(r => r.Succeeded) ? 0 : 4;
    }
}
