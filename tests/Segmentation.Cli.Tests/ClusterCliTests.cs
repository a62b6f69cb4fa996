using System.Text.Json;

namespace Segmentation.Cli.Tests;

/// <summary><c>seg features</c> / <c>cluster</c> / <c>validate</c> / <c>assign</c> / <c>profile</c> / <c>kselect</c> run as processes on the synthetic sample.</summary>
public sealed class ClusterCliTests
{
    private const string Features = "recency_days,frequency,avg_order_value,online_share";

    private static readonly Lazy<string> featureFile = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "segtest-cluster-cli-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "features.csv");
        var (code, stdout, stderr) = SegProcess.Run("features", "--data", RepoPaths.Data("sample"), "--snapshot", "2026-10-31", "--out", path);
        Assert.True(code == 0, stderr + stdout);
        return path;
    });

    private static string[] Cluster(string model, string? labels = null)
    {
        string[] args = ["cluster", "--input", featureFile.Value, "--features", Features, "--log", "avg_order_value", "--k", "6",
            "--method", "kmeans", "--seed", "20261", "--restarts", "4", "--bootstraps", "3", "--out", model];
        return labels is null ? args : [.. args, "--labels", labels];
    }

    [Fact]
    public void Cluster_and_validate_twice_give_byte_identical_model_and_validation_files()
    {
        using var dir = new TempDirectory();
        var first = SegProcess.Run(Cluster(dir.File("a.json"), dir.File("labels.csv")));
        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        var second = SegProcess.Run(Cluster(dir.File("b.json")));
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(File.ReadAllBytes(dir.File("a.json")), File.ReadAllBytes(dir.File("b.json")));
        Assert.Contains("inertia", first.Stdout);
        Assert.Contains("线上·高频·年轻", first.Stdout);        // the planted young online buyers, by their most distinctive traits
        Assert.Contains("Business buyers", first.Stdout);

        var v1 = SegProcess.Run("validate", "--input", featureFile.Value, "--model", dir.File("a.json"), "--json", dir.File("v1.json"));
        Assert.True(v1.ExitCode == 0, v1.Stderr + v1.Stdout);
        var v2 = SegProcess.Run("validate", "--input", featureFile.Value, "--model", dir.File("b.json"), "--json", dir.File("v2.json"));
        Assert.True(v2.ExitCode == 0, v2.Stderr);
        Assert.Equal(File.ReadAllBytes(dir.File("v1.json")), File.ReadAllBytes(dir.File("v2.json")));
        Assert.Contains("Calinski-Harabasz", v1.Stdout);
        Assert.Contains("LDA 5-fold cross-validated accuracy", v1.Stdout);
        Assert.Contains("Kruskal-Wallis", v1.Stdout);
        // Validating the training data with the training settings gives the numbers stored in the model.
        using var model = JsonDocument.Parse(File.ReadAllText(dir.File("a.json")));
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("v1.json")));
        Assert.Equal(JsonSerializer.Serialize(model.RootElement.GetProperty("validation")), JsonSerializer.Serialize(report.RootElement));

        var assign = SegProcess.Run("assign", "--input", featureFile.Value, "--model", dir.File("a.json"), "--out", dir.File("assigned.csv"));
        Assert.True(assign.ExitCode == 0, assign.Stderr + assign.Stdout);
        Assert.Equal(File.ReadAllBytes(dir.File("labels.csv")), File.ReadAllBytes(dir.File("assigned.csv")));
        Assert.Contains("3 missing values replaced by the training median", assign.Stdout);
    }

    [Fact]
    public void Profile_prints_json_with_every_segment()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, SegProcess.Run(Cluster(dir.File("m.json"))).ExitCode);
        var (code, stdout, stderr) = SegProcess.Run("profile", "--input", featureFile.Value, "--model", dir.File("m.json"), "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var segments = json.RootElement.GetProperty("segments");
        Assert.Equal(6, segments.GetArrayLength());
        Assert.Equal(5000, segments.EnumerateArray().Sum(s => s.GetProperty("size").GetInt32()));
        Assert.Equal(1.0, segments.EnumerateArray().Sum(s => s.GetProperty("value").GetProperty("revenueShare").GetDouble()), 9);
    }

    [Fact]
    public void Kselect_prints_the_table_and_a_recommendation()
    {
        var (code, stdout, stderr) = SegProcess.Run("kselect", "--input", featureFile.Value, "--features", Features, "--log", "avg_order_value",
            "--k", "4..7", "--seed", "1", "--restarts", "2", "--gap-sets", "0");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("Davies-Bouldin", stdout);
        Assert.Matches(@"recommended k = [4-7]\.", stdout);
    }

    [Theory]
    [InlineData("--scale", "minmax", "--scale 'minmax': use zscore, robust or none")]
    [InlineData("--method", "dbscan", "--method 'dbscan': use kmeans or ward")]
    [InlineData("--features", "recency_days,nope", "nope")]
    public void Wrong_cluster_arguments_exit_1_naming_the_problem(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        var args = Cluster(dir.File("m.json")).ToList();
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);
        var (code, stdout, stderr) = SegProcess.Run([.. args]);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr + stdout);
    }

    [Fact]
    public void A_missing_input_file_exits_2()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = SegProcess.Run("assign", "--input", dir.File("none.csv"), "--model", dir.File("m.json"), "--out", dir.File("o.csv"));
        Assert.Equal(2, code);
        Assert.Contains("not found", stderr);
    }

    [Fact]
    public void Cluster_with_the_committed_model_as_previous_model_a_month_later_keeps_every_key()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = SegProcess.Run("features", "--data", RepoPaths.Data("sample"), "--snapshot", "2025-11-30", "--out", dir.File("f.csv"));
        Assert.True(code == 0, stderr + stdout);
        var previousPath = RepoPaths.Data("sample", "segmentation-model.json");
        (code, stdout, stderr) = SegProcess.Run("cluster", "--input", dir.File("f.csv"), "--features", Features, "--log", "avg_order_value", "--k", "6",
            "--seed", "20261", "--bootstraps", "3", "--previous-model", previousPath, "--out", dir.File("refit.json"));
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("lineage: 6 continued, 0 new, 0 retired", stdout + stderr);
        using var refit = JsonDocument.Parse(File.ReadAllText(dir.File("refit.json")));
        using var previous = JsonDocument.Parse(File.ReadAllText(previousPath));
        var reference = refit.RootElement.GetProperty("previousModel");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(previousPath))), reference.GetProperty("modelSha256").GetString());
        Assert.Equal(previous.RootElement.GetProperty("fingerprint").GetString(), reference.GetProperty("fingerprint").GetString());
        Assert.DoesNotContain(previousPath, File.ReadAllText(dir.File("refit.json"))); // the identity of the file, not its path
        var keys = previous.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("key").GetString()).Order().ToArray();
        var segments = refit.RootElement.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(keys, segments.Select(s => s.GetProperty("key").GetString()).Order());
        Assert.All(segments, s => Assert.Equal(s.GetProperty("key").GetString(), s.GetProperty("matchedFrom").GetString()));
        Assert.All(segments, s => Assert.InRange(s.GetProperty("matchDistance").GetDouble(), 0, reference.GetProperty("maxDistance").GetDouble()));
        Assert.Empty(refit.RootElement.GetProperty("retiredSegments").EnumerateArray());
    }

    [Fact]
    public void A_previous_model_that_is_no_model_file_or_on_other_features_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        string[] Args(string previous, params string[] more) =>
            ["cluster", "--input", featureFile.Value, "--features", "recency_days,frequency", "--k", "3", "--bootstraps", "0", "--out", dir.File("m.json"), "--previous-model", previous, .. more];
        File.WriteAllText(dir.File("empty.json"), "{}");
        foreach (var (previous, exit, message) in new[]
        {
            (dir.File("none.json"), 2, "the file does not exist"),
            (dir.Path, 2, "is a folder"),
            ("/dev/null", 2, "device or special file"),
            (dir.File("*.json"), 1, "no pattern characters"),
            (dir.File("empty.json"), 2, "segmentation model"),
            (RepoPaths.Data("sample", "segmentation-model.json"), 1, "clusters on recency_days, frequency, avg_order_value, online_share; this fit on recency_days, frequency"),
        })
        {
            var (code, stdout, stderr) = SegProcess.Run(Args(previous));
            Assert.True(exit == code, $"{previous}: exit {code}, {stderr}");
            Assert.Contains("--previous-model", stderr);
            Assert.Contains(message, stderr);
            Assert.DoesNotContain("   at ", stderr);
            Assert.False(File.Exists(dir.File("m.json")));
        }
        var (c, _, err) = SegProcess.Run(Args(RepoPaths.Data("sample", "segmentation-model.json"), "--max-distance", "0"));
        Assert.Equal(1, c);
        Assert.Contains("--max-distance 0", err);
    }
}
