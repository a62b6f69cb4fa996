using System.Text.RegularExpressions;
using System.Xml.Linq;
using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Tests.Architecture;

/// <summary>
/// The design's layering (shared/DESIGN.md, "Assemblies"), checked on the code: project references only point down the
/// layers, the core assembly carries no database driver, ML.NET or native library, and the core's namespaces do not cycle.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>The layers, lowest first; a project may reference only projects of a lower layer.</summary>
    private static readonly string[][] Layers =
    [
        ["Segmentation.Analytics", "Segmentation.Notebooks.Plotly"],
        ["Segmentation.Data"],
        ["Segmentation.Data.Postgres", "Segmentation.Data.ClickHouse", "Segmentation.Synthetic", "Segmentation.Experiments"],
        ["Segmentation.Engines"],
        ["Segmentation.Reports", "Segmentation.NotebookRunner"],
        ["Segmentation.Notebooks"],
        ["Segmentation.Cli"],
    ];

    private static int LayerOf(string project) =>
        Array.FindIndex(Layers, l => l.Contains(project)) is var i and >= 0 ? i : throw new Xunit.Sdk.XunitException($"project {project} is in no layer of {nameof(LayeringTests)}");

    public static TheoryData<string> SourceProjects() =>
        new(Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void Project_references_point_only_to_lower_layers(string project)
    {
        var csproj = XDocument.Load(Path.Combine(RepoPaths.Root, "src", project, project + ".csproj"));
        int layer = LayerOf(project);
        foreach (var reference in csproj.Descendants("ProjectReference"))
        {
            if ((string?)reference.Attribute("ReferenceOutputAssembly") == "false") continue; // build order only
            var target = Path.GetFileNameWithoutExtension(((string)reference.Attribute("Include")!).Replace('\\', '/'));
            Assert.True(LayerOf(target) < layer, $"{project} (layer {layer}) references {target} (layer {LayerOf(target)})");
        }
    }

    [Fact]
    public void Core_assembly_references_no_database_driver_ml_net_or_native_library()
    {
        var core = typeof(ISqlEngine).Assembly;
        string[] forbidden = ["DuckDB", "Npgsql", "ClickHouse", "Microsoft.ML", "SkiaSharp", "ScottPlot", "Plotly", "Apache.Arrow"];
        var references = core.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
        Assert.All(references, r => Assert.True(
            r.StartsWith("System", StringComparison.Ordinal) || r is "netstandard" or "Microsoft.Data.Analysis" or "MathNet.Numerics" || r.StartsWith("Microsoft.Win32", StringComparison.Ordinal),
            $"unexpected reference of the core: {r}"));
        Assert.DoesNotContain(core.GetTypes(), t => t.GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            .Any(m => m.Attributes.HasFlag(System.Reflection.MethodAttributes.PinvokeImpl)));
    }

    [Fact]
    public void Core_namespaces_do_not_cycle()
    {
        var graph = CoreNamespaceGraph();
        foreach (var (from, targets) in graph)
            foreach (var to in targets)
                Assert.False(Reaches(graph, to, from), $"namespace cycle: {from} → {to} → … → {from}");
    }

    /// <summary>
    /// Namespace → the sibling namespaces its files use: a <c>using</c> or a qualified name (<c>Models.X</c>) in code
    /// (XML doc comments excluded: a cross-reference in prose is not a dependency).
    /// </summary>
    private static Dictionary<string, HashSet<string>> CoreNamespaceGraph()
    {
        var root = Path.Combine(RepoPaths.Root, "src", "Segmentation.Analytics");
        var names = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Where(n => n is not ("bin" or "obj")).ToArray();
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            var match = Regex.Match(text, @"^namespace Segmentation\.Analytics(?:\.(\w+))?", RegexOptions.Multiline);
            var self = match.Groups[1].Success ? match.Groups[1].Value : "(root)";
            var code = Regex.Replace(text, @"^\s*///.*$", "", RegexOptions.Multiline);
            var edges = graph.TryGetValue(self, out var e) ? e : graph[self] = [];
            foreach (var other in names.Where(n => n != self))
                if (Regex.IsMatch(code, $@"^using Segmentation\.Analytics\.{other};", RegexOptions.Multiline)
                    || Regex.IsMatch(code, $@"(?<![\w.])(Segmentation\.Analytics\.)?{other}\.[A-Z]\w*"))
                    edges.Add(other);
        }
        return graph;
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> graph, string from, string target)
    {
        var seen = new HashSet<string> { from };
        var stack = new Stack<string>([from]);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n == target) return true;
            foreach (var next in graph.GetValueOrDefault(n, []))
                if (seen.Add(next)) stack.Push(next);
        }
        return false;
    }
}
