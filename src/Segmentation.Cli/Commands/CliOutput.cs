using Spectre.Console;

namespace Segmentation.Cli.Commands;

/// <summary>Console output: Spectre tables and progress when interactive, plain lines otherwise (CI, pipes).</summary>
internal static class CliOutput
{
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/> with a spinner (interactive) or with plain progress lines on stderr.</summary>
    public static T Progress<T>(string title, Func<IProgress<string>, T> work)
    {
        if (Interactive)
        {
            T result = default!;
            AnsiConsole.Status().Start(Markup.Escape(Segmentation.Data.DisplayText.Clean(title)), ctx =>
            {
                result = work(new LineProgress(s => ctx.Status($"{Markup.Escape(Segmentation.Data.DisplayText.Clean(title))}: {Markup.Escape(Segmentation.Data.DisplayText.Clean(s))}")));
            });
            return result;
        }
        Console.Error.WriteLine($"[seg] {Segmentation.Data.DisplayText.Clean(title)}");
        return work(new LineProgress(s => Console.Error.WriteLine($"[seg]   {Segmentation.Data.DisplayText.Clean(s)}")));
    }

    /// <summary>Prints a table (headers, rows) with right-aligned numeric columns.</summary>
    public static void Table(string? title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null)
    {
        var table = new Table().Border(TableBorder.Simple);
        if (title is not null) table.Title = new TableTitle(Markup.Escape(Segmentation.Data.DisplayText.Clean(title)));
        for (int i = 0; i < headers.Count; i++)
        {
            var col = new TableColumn(Markup.Escape(Segmentation.Data.DisplayText.Clean(headers[i])));
            if (rightAligned?.Contains(i) == true) col.RightAligned();
            table.AddColumn(col);
        }
        foreach (var row in rows) table.AddRow(row.Select(c => Markup.Escape(Segmentation.Data.DisplayText.Clean(c))).ToArray());
        AnsiConsole.Write(table);
    }

    /// <summary>One line on stderr; control characters and terminal escapes from the data are stripped, personal data masked.</summary>
    public static void Error(string message) => Console.Error.WriteLine("error: " + Segmentation.Data.PersonalDataMask.MaskWithin(Segmentation.Data.DisplayText.Clean(message)));

    /// <summary>One line on stdout; control characters and terminal escapes from the data are stripped.</summary>
    public static void Info(string message) => Console.WriteLine(Segmentation.Data.DisplayText.Clean(message));

    /// <summary>A result the user must not miss (printed to standard output, prefixed "warning: ").</summary>
    public static void Warn(string message) => Console.WriteLine("warning: " + message);

    private sealed class LineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
