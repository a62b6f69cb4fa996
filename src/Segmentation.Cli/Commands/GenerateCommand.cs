using System.CommandLine;

namespace Segmentation.Cli.Commands;

/// <summary><c>seg generate</c>: deterministic synthetic data with planted truth.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var customers = new Option<int>("--customers") { Description = "Number of customers", DefaultValueFactory = _ => 5000 };
        var months = new Option<int>("--months") { Description = "Number of months of transactions", DefaultValueFactory = _ => 24 };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed → byte-identical files)", DefaultValueFactory = _ => 20261 };
        var defects = new Option<double>("--defect-rate") { Description = "Share of extra defective rows (wrong types, missing ids, future dates, duplicates…) that validation must reject; 0 = clean", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Output directory (created)", Required = true };
        var cmd = new Command("generate", "Write a realistic synthetic data set (the six tables of the data model + ground_truth.json with the planted segments, campaign effects and churn)")
        {
            customers, months, seed, defects, output,
        };
        cmd.SetAction(r => Program.Run(() =>
        {
            var options = new Segmentation.Synthetic.SyntheticOptions { Customers = r.GetValue(customers), Months = r.GetValue(months), Seed = r.GetValue(seed), DefectRate = r.GetValue(defects) };
            try { options.Validate(); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            var dir = r.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var truth = CliOutput.Progress($"generating {options.Customers:N0} customers × {options.Months} months (seed {options.Seed})", _ =>
                Segmentation.Synthetic.SyntheticGenerator.Generate(options, dir));
            foreach (var f in Segmentation.Synthetic.SyntheticGenerator.FileNames)
            {
                var p = Path.Combine(dir, f);
                if (File.Exists(p)) CliOutput.Info($"{f,-28} {new FileInfo(p).Length / 1024.0:N0} KiB");
            }
            CliOutput.Info($"written to {dir}");
            return 0;
        }));
        return cmd;
    }
}
