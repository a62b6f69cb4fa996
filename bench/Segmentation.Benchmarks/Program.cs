using System.Diagnostics;
using System.Reflection;
using Segmentation.Benchmarks;

var benches = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBench).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
    .Select(t => (IBench)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Segmentation.Benchmarks -- NAME [args] | all");
    foreach (var b in benches) Console.WriteLine($"  {b.Name,-22} {b.Description}");
    return args.Length == 0 ? 1 : 0;
}

var selected = args[0] == "all" ? benches : benches.Where(b => b.Name == args[0]).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; run with --help for the list.");
    return 1;
}

Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {System.Runtime.InteropServices.RuntimeInformation.OSDescription} · .NET {Environment.Version} · load average at start: {LoadAverage()}");
foreach (var bench in selected)
{
    Console.WriteLine($"## {bench.Name}: {bench.Description}");
    var sw = Stopwatch.StartNew();
    bench.Run(args.Skip(1).ToArray(), Console.Out);
    Console.WriteLine($"   (whole benchmark {sw.Elapsed.TotalSeconds:F1} s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB, load average at the end: {LoadAverage()})");
}
return 0;

// The 1-, 5- and 15-minute load averages (Linux): a figure taken on a busy machine is an upper bound, and says so.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
