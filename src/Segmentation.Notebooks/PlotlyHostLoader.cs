using System.Reflection;
using System.Runtime.Loader;

namespace Segmentation.Notebooks;

/// <summary>
/// Loads the Plotly.NET host (<c>Segmentation.Notebooks.Plotly</c>, built with Plotly.NET 6 and FSharp.Core 10.1 into the
/// <c>plotly/</c> folder beside this library) into a private <see cref="AssemblyLoadContext"/> that prefers the folder's
/// copy of every assembly, and calls it by reflection with strings only. So Plotly.NET works in a kernel whose own
/// FSharp.Core is older (the stock <c>Microsoft.dotnet-interactive</c> of VS Code and Jupyter has 10.0).
/// </summary>
internal static class PlotlyHostLoader
{
    /// <summary>The host folder's name, beside Segmentation.Notebooks.dll.</summary>
    public const string FolderName = "plotly";

    private const string HostAssembly = "Segmentation.Notebooks.Plotly";
    private const string HostType = "Segmentation.Notebooks.Plotly.PlotlyHost";
    private static readonly Lazy<Host> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded host, or the reason it could not be loaded (folder missing, load failure).</summary>
    public static (Host? Host, string? Failure) TryGet()
    {
        try
        {
            return (Loaded.Value, null);
        }
        catch (Exception e)
        {
            return (null, Describe(e));
        }
    }

    /// <summary>The folder the host is loaded from.</summary>
    public static string Folder
    {
        get
        {
            var here = Path.GetDirectoryName(typeof(PlotlyHostLoader).Assembly.Location);
            return Path.Combine(string.IsNullOrEmpty(here) ? AppContext.BaseDirectory : here, FolderName);
        }
    }

    private static Host Load()
    {
        var folder = Folder;
        var path = Path.Combine(folder, HostAssembly + ".dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"the Plotly.NET host {path} is missing (build src/Segmentation.Notebooks, which copies it there)", path);
        var context = new PrivateContext(folder);
        var type = context.LoadFromAssemblyPath(path).GetType(HostType, throwOnError: true)!;
        var host = new Host(type);
        host.Runtime = host.Call("Runtime");           // loads Plotly.NET and FSharp.Core now: a failure is a load failure
        host.PlotlyJsVersion = host.Call("PlotlyJsVersion");
        return host;
    }

    private static string Describe(Exception e)
    {
        while (e is TargetInvocationException or TypeInitializationException && e.InnerException is not null) e = e.InnerException!;
        return $"{e.GetType().Name}: {e.Message}";
    }

    /// <summary>The host's static methods, called by reflection (string arguments, string results).</summary>
    internal sealed class Host(Type type)
    {
        public string Runtime { get; set; } = "";

        public string PlotlyJsVersion { get; set; } = "";

        public string Call(string method, params string[] arguments)
        {
            var m = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static, arguments.Select(_ => typeof(string)).ToArray())
                    ?? throw new MissingMethodException(HostType, method);
            try
            {
                return (string)m.Invoke(null, arguments)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }

    /// <summary>Every assembly found in the host folder comes from there (Plotly.NET, FSharp.Core 10.1, Newtonsoft.Json, …); the rest (the framework) from the default context.</summary>
    private sealed class PrivateContext(string folder) : AssemblyLoadContext("Segmentation.Notebooks.Plotly", isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var candidate = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
