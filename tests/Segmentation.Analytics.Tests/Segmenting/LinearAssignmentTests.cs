using System.Text.Json;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Analytics.Tests.Segmenting;

public sealed class LinearAssignmentTests
{
    private sealed record Case(string Kind, bool UniqueOptimum, int Rows, int Columns, double[][] Cost, int[] Assignment, double TotalCost);

    private sealed record Reference(string Generator, Case[] Cases);

    /// <summary>tests/reference/lineage/assignments.json, written by make_reference.py (scipy.optimize.linear_sum_assignment).</summary>
    private static readonly Lazy<Reference> reference = new(() => JsonSerializer.Deserialize<Reference>(
        File.ReadAllText(RepoPaths.Reference("lineage", "assignments.json")), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!);

    public static TheoryData<int> Cases() => [.. Enumerable.Range(0, reference.Value.Cases.Length)];

    [Fact]
    public void The_reference_covers_at_least_twenty_random_matrices_with_rectangular_ones()
    {
        var cases = reference.Value.Cases;
        Assert.True(cases.Length >= 20);
        Assert.Contains(cases, c => c.Rows < c.Columns);
        Assert.Contains(cases, c => c.Rows > c.Columns);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hungarian_matches_scipy_linear_sum_assignment(int index)
    {
        var c = reference.Value.Cases[index];
        var flat = c.Cost.SelectMany(r => r).ToArray();
        var assignment = LinearAssignment.Solve(flat, c.Rows, c.Columns);
        // Summing the same min(r, c) doubles in another order differs by rounding only: 1e-9 relative to the scale of the costs.
        double scale = Math.Max(1, flat.Max(Math.Abs));
        Assert.Equal(c.TotalCost, LinearAssignment.TotalCost(flat, c.Columns, assignment), 1e-9 * scale);
        // A proper assignment: min(r, c) rows assigned, to distinct columns; the surplus rows get −1.
        Assert.Equal(Math.Min(c.Rows, c.Columns), assignment.Count(j => j >= 0));
        Assert.Equal(assignment.Count(j => j >= 0), assignment.Where(j => j >= 0).Distinct().Count());
        // Continuous random costs have one optimum (with probability 1): the assignment itself is scipy's.
        if (c.UniqueOptimum) Assert.Equal(c.Assignment, assignment);
    }

    [Fact]
    public void A_known_three_by_three_assignment_is_found()
    {
        // The textbook example of scipy's documentation: rows → columns 1, 0, 2, total cost 5.
        double[] cost = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        var assignment = LinearAssignment.Solve(cost, 3, 3);
        Assert.Equal([1, 0, 2], assignment);
        Assert.Equal(5, LinearAssignment.TotalCost(cost, 3, assignment));
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("cost", Assert.Throws<ArgumentException>(() => LinearAssignment.Solve([1, 2, 3], 2, 2)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => LinearAssignment.Solve([1, double.NaN, 3, 4], 2, 2));
        Assert.Contains("cost[0, 1]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearAssignment.Solve([], -1, 0));
        Assert.Equal([-1, -1], LinearAssignment.Solve([], 2, 0));
    }
}
