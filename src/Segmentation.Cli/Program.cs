using System.CommandLine;
using Segmentation.Data;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli;

/// <summary>The <c>seg</c> command: customer segmentation from data to the monthly report.</summary>
public static class Program
{
    /// <summary>True with <c>--verbose</c>: failures print their stack trace after the one-line message.</summary>
    internal static bool Verbose { get; private set; }

    public static int Main(string[] args)
    {
        // Without a terminal (CI, pipes) Spectre assumes 80 columns and wraps tables: give it room.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 160;
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        CliCancellation.Install();
        Verbose = args.Contains("--verbose");
        var verbose = new Option<bool>("--verbose") { Description = "On a failure, print the stack trace after the message", Recursive = true };
        var root = new RootCommand("seg — customer segmentation analytics: validate data, segment (RFM, tiers, lifecycle, k-means, Ward), validate and name segments, evaluate effects, report.")
        {
            RunCommand.Create(),
            GenerateCommand.Create(),
            DataCommands.Create(),
            RfmCommand.Create(),
            ClvCommand.Create(),
            NotebookCommands.Create(),
            UpliftCommand.Create(),
            CampaignCommand.Create(),
            ReportCommands.Report(),
            ReportCommands.Evaluate(),
        };
        root.Options.Add(verbose);
        foreach (var command in ClusterCommands.Create()) root.Subcommands.Add(command);
        // Signals and failures are handled here (CliCancellation, Run), not by System.CommandLine's defaults.
        return Run(() => root.Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }));
    }

    /// <summary>
    /// Runs a command body; every failure becomes its exit code and one line on stderr naming the file, row, column or
    /// option (control characters stripped; <c>--verbose</c> adds the stack trace): 1 wrong arguments, 2 unreadable or
    /// refused input, 4 a database server failed, 6 an output cannot be written, 70 an internal error, 130 cancelled.
    /// </summary>
    internal static int Run(Func<int> body)
    {
        try
        {
            int code = body();
            // (A nested Run, the command's inside Main's, has already reported the cancellation.)
            return CliCancellation.Requested && code != CliCancellation.ExitCode ? Cancelled() : code;
        }
        catch (Exception e) when (CliCancellation.Requested || e is OperationCanceledException)
        {
            return Cancelled();
        }
        catch (Exception e)
        {
            var (code, message) = Describe(e);
            CliOutput.Error(message);
            if (Verbose) Console.Error.WriteLine(DisplayText.Clean(e.ToString(), multiline: true));
            else if (code == ExitCodes.Internal) Console.Error.WriteLine("(an internal error: run again with --verbose for the stack trace, and report it)");
            return code;
        }
    }

    private static int Cancelled()
    {
        Console.Error.WriteLine("cancelled");
        return CliCancellation.ExitCode;
    }

    /// <summary>The exit code and message of a failure.</summary>
    internal static (int Code, string Message) Describe(Exception e) => e switch
    {
        DataFileException d => (ExitCodes.Input, d.Message),
        Segmentation.Analytics.Engines.EngineServerException s => (ExitCodes.Server, s.Message),
        Segmentation.Analytics.Serialization.OutputFileException o => (ExitCodes.Output, o.Message),
        UsageException or ArgumentException => (ExitCodes.Usage, e.Message.Split(" (Parameter")[0]),
        FileNotFoundException or DirectoryNotFoundException or InvalidDataException or System.Text.Json.JsonException => (ExitCodes.Input, e.Message),
        UnauthorizedAccessException => (ExitCodes.Input, "permission denied: " + e.Message),
        IOException io when io.HResult == 28 || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => (ExitCodes.Output, "the disk is full: " + io.Message),
        IOException => (ExitCodes.Input, e.Message),
        OutOfMemoryException => (ExitCodes.Input, "out of memory: the input is too large for this machine"),
        _ => (ExitCodes.Internal, $"internal error ({e.GetType().Name}): {e.Message}"),
    };
}

/// <summary>The exit codes of <c>seg</c> (README, "Exit codes").</summary>
internal static class ExitCodes
{
    public const int Usage = 1;
    public const int Input = 2;
    public const int NotReconciled = 3;
    public const int Server = 4;
    public const int TooManyRejects = 5;
    public const int Output = 6;
    public const int Internal = 70;
}
