using System.Text.Json;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Contracts;

/// <summary>The value type of fitted models' vectors: value equality, immutability, and JSON written exactly as arrays were.</summary>
public sealed class EquatableArrayTests
{
    private sealed record Holder(double[] Values, double[][] Rows, int[]? Missing);

    private sealed record EquatableHolder(EquatableArray<double> Values, EquatableArray<EquatableArray<double>> Rows, EquatableArray<int>? Missing);

    [Fact]
    public void Equal_elements_make_equal_arrays_and_equal_hashes()
    {
        EquatableArray<double> a = [1.0, double.NaN, -2.5];
        var b = EquatableArray.Create<double>([1.0, double.NaN, -2.5]);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, [1.0, double.NaN]);
        Assert.NotEqual(a, [1.0, double.NaN, -2.0]);
        Assert.Equal(EquatableArray.FromRows([new[] { 1.0, 2.0 }, [3.0]]), EquatableArray.FromRows([new[] { 1.0, 2.0 }, [3.0]]));
    }

    [Fact]
    public void Records_holding_them_compare_by_value()
    {
        var one = new KMeansModel(["x"], EquatableArray.Rows([0.5, 1.5], 1), 2.0, 3, true, [4, 5]);
        var two = new KMeansModel(["x"], EquatableArray.Rows([0.5, 1.5], 1), 2.0, 3, true, [4, 5]);
        Assert.Equal(one, two);
        Assert.Equal(one.GetHashCode(), two.GetHashCode());
        Assert.NotEqual(one, two with { ClusterSizes = [5, 4] });
    }

    [Fact]
    public void Building_from_an_array_copies_it()
    {
        var source = new[] { 1.0, 2.0 };
        EquatableArray<double> copy = source;
        source[0] = 99;
        Assert.Equal(1.0, copy[0]);
        var exported = copy.ToArray();
        exported[1] = 99;
        Assert.Equal(2.0, copy[1]);
    }

    [Fact]
    public void Json_is_written_exactly_as_the_arrays_were_and_reads_back_equal()
    {
        var arrays = new Holder([1.5, double.NaN, double.PositiveInfinity, 1e-300, 0.1], [[1, 2], [], [3]], null);
        var equatable = new EquatableHolder([1.5, double.NaN, double.PositiveInfinity, 1e-300, 0.1], EquatableArray.FromRows<double>([[1, 2], [], [3]]), null);
        string expected = ModelJson.Serialize(arrays);
        Assert.Equal(expected, ModelJson.Serialize(equatable));
        Assert.Equal(equatable, ModelJson.Deserialize<EquatableHolder>(expected));
        // Any options, not only ModelJson's: the converter is on the type.
        var finite = new Holder([1.5, -0.25], [[1], [2, 3]], [4]);
        var finiteEquatable = new EquatableHolder([1.5, -0.25], EquatableArray.FromRows<double>([[1], [2, 3]]), [4]);
        Assert.Equal(JsonSerializer.Serialize(finite), JsonSerializer.Serialize(finiteEquatable));
    }

    [Fact]
    public void Json_that_is_not_an_array_is_an_invalid_model()
    {
        var e = Assert.Throws<InvalidDataException>(() => ModelJson.Deserialize<EquatableHolder>("""{"values": 3, "rows": [], "missing": null}""", "bad.json"));
        Assert.StartsWith("bad.json:", e.Message);
    }

    [Fact]
    public void The_committed_segmentation_model_file_round_trips_to_the_same_bytes()
    {
        var path = RepoPaths.Data("sample", "segmentation-model.json");
        var model = ModelJson.Load<SegmentationModel>(path);
        using var dir = new TempDirectory();
        model.Save(dir.File("again.json"));
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(dir.File("again.json")));
        Assert.Equal(model, SegmentationModel.FromJson(model.ToJson()));
    }

    [Fact]
    public void A_segmentation_model_of_another_schema_version_fails_to_load_naming_the_file()
    {
        var json = File.ReadAllText(RepoPaths.Data("sample", "segmentation-model.json")).Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 7,");
        using var dir = new TempDirectory();
        var path = dir.Write("v7.json", json);
        var e = Assert.Throws<InvalidDataException>(() => SegmentationModel.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("schema version 7", e.Message);
    }
}
