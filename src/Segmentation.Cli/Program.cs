using System.CommandLine;
using Segmentation.Data;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli;

/// <summary>The <c>seg</c> command: customer segmentation from data to the monthly report.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // Without a terminal (CI, pipes) Spectre assumes 80 columns and wraps tables: give it room.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 160;
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var root = new RootCommand("seg — customer segmentation analytics: validate data, segment (RFM, tiers, lifecycle, k-means, Ward), validate and name segments, evaluate effects, report.")
        {
            RunCommand.Create(),
            GenerateCommand.Create(),
            DataCommands.Create(),
            RfmCommand.Create(),
            ClvCommand.Create(),
            NotebookCommands.Create(),
            UpliftCommand.Create(),
            ReportCommands.Report(),
            ReportCommands.Evaluate(),
        };
        foreach (var command in ClusterCommands.Create()) root.Subcommands.Add(command);
        return root.Parse(args).Invoke();
    }

    /// <summary>Runs a command body: data errors → exit 2, usage errors → exit 1, server errors → exit 4, each with a clear message and no stack trace.</summary>
    internal static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (DataFileException e)
        {
            CliOutput.Error(e.Message);
            return 2;
        }
        catch (Segmentation.Analytics.Engines.EngineServerException e)
        {
            // A server failed: the message names the node (or host) and the stage.
            CliOutput.Error(e.Message);
            return 4;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            CliOutput.Error(e.Message);
            return 2;
        }
        catch (Exception e) when (e is UsageException or ArgumentException)
        {
            CliOutput.Error(e.Message);
            return 1;
        }
    }
}
