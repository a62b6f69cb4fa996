using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Segmentation.Notebooks.Running;
using Segmentation.Reports.Fonts;
using Xunit.Abstractions;

namespace Segmentation.Notebooks.Tests.Running;

/// <summary>
/// The notebooks in the analyst's own tools: real Jupyter (Debian's <c>jupyter nbconvert --execute</c>) with the stock
/// <c>Microsoft.dotnet-interactive</c> kernel (<c>.net-csharp</c>; the kernel VS Code's Polyglot extension runs), which
/// carries FSharp.Core 10.0 while Plotly.NET 6 needs 10.1. tests/run installs both when missing.
/// </summary>
[Trait("Requires", "Jupyter")]
public sealed class JupyterNotebookTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerNotebook = TimeSpan.FromMinutes(10);

    [Fact]
    public void Every_notebook_runs_in_real_jupyter_with_the_stock_kernel_and_every_chart_cell_shows_an_interactive_plotly_chart()
    {
        NotebookExecutionTests.RequireSampleData();
        RequireJupyter();
        var outDir = Directory.CreateTempSubdirectory("seg-jupyter-").FullName;
        var problems = new List<string>();
        var total = Stopwatch.StartNew();
        foreach (var path in Directory.GetFiles(RepositoryPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var watch = Stopwatch.StartNew();
            var (exit, log) = Execute(path, outDir);
            watch.Stop();
            var executed = Path.Combine(outDir, name);
            int charts = 0;
            var found = exit != 0 || !File.Exists(executed) ? [$"nbconvert exit {exit}: {Tail(log)}"] : CheckNotebook(path, executed, out charts);
            output.WriteLine($"{name}: {watch.Elapsed.TotalSeconds:F1} s, {charts} chart cell(s), {(found.Count == 0 ? "ok" : string.Join(" | ", found))}");
            problems.AddRange(found.Select(f => $"{name}: {f}"));
        }
        output.WriteLine($"all notebooks: {total.Elapsed.TotalSeconds:F1} s");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Svg_fallback_in_real_jupyter_keeps_chinese_text_in_the_cjk_face_and_image_svg_xml_displays()
    {
        RequireJupyter();
        var dir = Directory.CreateTempSubdirectory("seg-jupyter-svg-").FullName;
        var lib = Path.Combine(RepositoryPaths.Notebooks, "lib", "Segmentation.Notebooks.dll");
        string[] labels = ["高价值忠诚客户", "年轻线上高消费", "流失风险客户"];
        var cells = new[]
        {
            $"#r \"{lib}\"\nusing Microsoft.DotNet.Interactive;\nusing Segmentation.Notebooks;\nFormatters.Register(charts: ChartRendering.Svg)",
            "var chart = Charts.Bars(new[] { \"" + string.Join("\", \"", labels) + "\" }, new[] { 120.0, 80, 40 }, \"每个细分的客户数 · customers per segment\");\nchart",
            "chart.AsSvg()",
            "chart.ToSvg().DisplayAs(\"image/svg+xml\");",
            "Formatters.Register()",
            "string.Join(\"; \", AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == \"FSharp.Core\")" +
            ".Select(a => a.GetName().Version + \" in \" + (System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a)?.Name ?? \"?\")))",
        };
        var notebook = Path.Combine(dir, "svg.ipynb");
        File.WriteAllText(notebook, JsonSerializer.Serialize(new
        {
            nbformat = 4, nbformat_minor = 5,
            metadata = new { kernelspec = new { name = ".net-csharp", display_name = ".NET (C#)", language = "C#" } },
            cells = cells.Select((c, i) => new { id = $"cell-{i}", cell_type = "code", metadata = new { }, execution_count = (int?)null, outputs = Array.Empty<object>(), source = c }),
        }));
        var (exit, log) = Execute(notebook, Path.Combine(dir, "out"));
        Assert.True(exit == 0, Tail(log));
        var outputs = Outputs(Path.Combine(dir, "out", "svg.ipynb"));

        var family = FontLibrary.Default.Cjk!.FamilyName;
        void CheckSvg(string what, string svg)
        {
            var families = Regex.Matches(svg, "font-family=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Distinct().ToArray();
            Assert.True(families.Length == 1 && families[0] == family, $"{what}: font families {string.Join(", ", families)}; expected only {family}");
            var text = string.Concat(Regex.Matches(svg, "<text[^>]*>\\s*([^<]*?)\\s*</text>").Select(m => m.Groups[1].Value));
            foreach (var label in labels.Append("每个细分的客户数")) Assert.True(text.Contains(label, StringComparison.Ordinal), $"{what}: '{label}' missing from the SVG text");
        }
        CheckSvg("the chart as HTML (SVG requested)", outputs[1].Single(o => o.Mime == "text/html").Data);
        CheckSvg("chart.AsSvg()", outputs[2].Single(o => o.Mime == "image/svg+xml").Data);
        CheckSvg("DisplayAs(\"image/svg+xml\")", outputs[3].Single(o => o.Mime == "image/svg+xml").Data);
        Assert.Contains(outputs[0], o => o.Data.Contains("static SVG (ScottPlot), as requested", StringComparison.Ordinal));
        // The same kernel then loads Plotly.NET with its own FSharp.Core 10.1 beside the kernel's.
        Assert.Contains(outputs[4], o => o.Data.Contains("interactive Plotly.NET", StringComparison.Ordinal));
        var fsharp = string.Concat(outputs[5].Select(o => o.Data));
        output.WriteLine("FSharp.Core in the stock kernel: " + fsharp);
        Assert.Matches(@"10\.1\.\d+\.\d+ in Segmentation\.Notebooks\.Plotly", fsharp);
        Assert.All(outputs.SelectMany(o => o), o => Assert.NotEqual("error", o.Mime));
    }

    private static List<string> CheckNotebook(string source, string executed, out int chartCells)
    {
        var problems = new List<string>();
        var document = NotebookFormat.Read(source);
        var codeCells = document.Elements.Where(NotebookFormat.IsCode).ToArray();
        var outputs = Outputs(executed);
        chartCells = 0;
        if (outputs.Count != codeCells.Length) return [$"{outputs.Count} executed code cells for {codeCells.Length}"];
        foreach (var (cell, i) in outputs.Select((o, i) => (o, i)))
            foreach (var error in cell.Where(o => o.Mime == "error")) problems.Add($"code cell {i}: error {error.Data}");

        var banner = string.Concat(outputs[0].Select(o => o.Data));
        if (!banner.Contains("interactive Plotly.NET", StringComparison.Ordinal) || !banner.Contains("Segmentation.Notebooks.Plotly", StringComparison.Ordinal))
            problems.Add("the setup banner does not say interactive Plotly.NET in its own load context: " + Regex.Replace(banner, "<[^>]+>", "")[..Math.Min(300, banner.Length)]);

        bool first = true;
        for (int i = 0; i < codeCells.Length; i++)
        {
            if (!NotebookExecutionTests.LastStatement(codeCells[i].Contents).StartsWith("Charts.", StringComparison.Ordinal)) continue;
            chartCells++;
            var html = outputs[i].Where(o => o.Mime == "text/html").Select(o => o.Data).FirstOrDefault(h => h.Contains("class=\"seg-plotly\"", StringComparison.Ordinal));
            if (html is null || !html.Contains("Plotly.newPlot", StringComparison.Ordinal)) { problems.Add($"code cell {i}: no interactive Plotly chart"); continue; }
            if (html.Contains("class=\"seg-svg\"", StringComparison.Ordinal)) problems.Add($"code cell {i}: an SVG fallback beside the Plotly chart");
            if (html.Contains("<script src=", StringComparison.OrdinalIgnoreCase)) problems.Add($"code cell {i}: plotly.js loaded from elsewhere");
            if (first && !(html.Contains("plotly.js 2.", StringComparison.Ordinal) && html.Length > 3_000_000)) problems.Add($"code cell {i}: the first chart does not carry plotly.js inline");
            if (!first && html.Length > 1_000_000) problems.Add($"code cell {i}: plotly.js embedded again");
            first = false;
        }
        return problems;
    }

    private sealed record Output(string Mime, string Data);

    /// <summary>Per code cell, its outputs as (MIME type or "stream"/"error", text).</summary>
    private static List<List<Output>> Outputs(string executed)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(executed));
        static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Array ? string.Concat(e.EnumerateArray().Select(x => x.GetString())) : e.GetString() ?? "";
        var cells = new List<List<Output>>();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
        {
            var list = new List<Output>();
            foreach (var o in cell.GetProperty("outputs").EnumerateArray())
            {
                var type = o.GetProperty("output_type").GetString();
                if (type == "error") list.Add(new Output("error", $"{o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}"));
                else if (type == "stream") list.Add(new Output("stream", Text(o.GetProperty("text"))));
                else if (o.TryGetProperty("data", out var data))
                    foreach (var p in data.EnumerateObject()) list.Add(new Output(p.Name, Text(p.Value)));
            }
            cells.Add(list);
        }
        return cells;
    }

    private static string Tail(string log) => log.Length > 2000 ? log[^2000..] : log;

    private static string ToolsPath() =>
        string.Join(Path.PathSeparator, (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools")));

    private static (int Exit, string Log) Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("jupyter") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["PATH"] = ToolsPath();
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("jupyter did not start");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalMinutes:F0} min\n{log}");
        }
        process.WaitForExit();
        lock (log) return (process.ExitCode, log.ToString());
    }

    private static (int Exit, string Log) Execute(string notebook, string outDir) =>
        Run(Path.GetDirectoryName(notebook)!, PerNotebook, "nbconvert", "--to", "notebook", "--execute",
            "--ExecutePreprocessor.kernel_name=.net-csharp", $"--ExecutePreprocessor.timeout={(int)PerNotebook.TotalSeconds}",
            "--ExecutePreprocessor.startup_timeout=180", "--output-dir", outDir, "--output", Path.GetFileName(notebook), notebook);

    private static void RequireJupyter()
    {
        const string install = "tests/run installs them (as root): apt-get install jupyter-nbconvert jupyter-client; " +
                               "dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001; dotnet interactive jupyter install (with ~/.dotnet/tools on PATH)";
        (int exit, string log) result;
        try
        {
            result = Run(RepositoryPaths.Root, TimeSpan.FromMinutes(1), "kernelspec", "list", "--json");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"jupyter is not installed ({e.Message}); {install}");
            return;
        }
        Assert.True(result.exit == 0 && result.log.Contains("\".net-csharp\"", StringComparison.Ordinal),
            $"the .NET (C#) Jupyter kernel (.net-csharp) is not installed: {Tail(result.log)}\n{install}");
    }
}
