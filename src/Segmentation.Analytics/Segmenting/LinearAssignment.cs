namespace Segmentation.Analytics.Segmenting;

/// <summary>
/// The linear assignment problem (Hungarian algorithm): for an r × c cost matrix, the one-to-one pairing of min(r, c) rows
/// with distinct columns whose total cost Σ cost[i, σ(i)] is smallest — what <c>scipy.optimize.linear_sum_assignment</c>
/// computes. Used to match the segments of a refit to the previous model's (<see cref="Models.SegmentLineage"/>).
/// </summary>
/// <remarks>
/// The O(n²·m) shortest-augmenting-path form with row and column potentials (n = min(r, c) ≤ m = max(r, c)): each row in
/// turn is added by a Dijkstra-like search over reduced costs cost[i, j] − u[i] − v[j] ≥ 0, then the potentials are updated
/// so that the matched pairs keep zero reduced cost (Kuhn 1955, Munkres 1957; the potential form of Jonker &amp; Volgenant 1987,
/// the form scipy's solver also uses). A matrix with more rows than columns is solved transposed. Costs may be negative; they
/// must be finite. Deterministic: ties go to the lowest column index met first, so the same matrix always gives the same
/// assignment (when the optimum is not unique it may differ from scipy's; the total cost does not).
/// </remarks>
public static class LinearAssignment
{
    /// <summary>Solves the assignment problem for a row-major cost matrix.</summary>
    /// <param name="cost">rows × columns costs, row-major.</param>
    /// <param name="rows">Number of rows (≥ 0).</param>
    /// <param name="columns">Number of columns (≥ 0).</param>
    /// <returns>For every row its column, or −1 for rows left unassigned (when rows &gt; columns).</returns>
    /// <exception cref="ArgumentException">The sizes do not match the matrix, or a cost is NaN or infinite.</exception>
    public static int[] Solve(ReadOnlySpan<double> cost, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (cost.Length != (long)rows * columns)
            throw new ArgumentException($"cost has {cost.Length} values; a {rows} × {columns} matrix has {(long)rows * columns}.", nameof(cost));
        for (int t = 0; t < cost.Length; t++)
            if (!double.IsFinite(cost[t]))
                throw new ArgumentException($"cost[{t / Math.Max(columns, 1)}, {t % Math.Max(columns, 1)}] is {cost[t]}; costs must be finite.", nameof(cost));
        if (rows == 0 || columns == 0) return Enumerable.Repeat(-1, rows).ToArray();
        if (rows <= columns) return SolveWide(cost, rows, columns);
        // More rows than columns: assign every column to a row in the transposed problem.
        var transposed = new double[cost.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) transposed[j * rows + i] = cost[i * columns + j];
        var columnToRow = SolveWide(transposed, columns, rows);
        var result = Enumerable.Repeat(-1, rows).ToArray();
        for (int j = 0; j < columns; j++) result[columnToRow[j]] = j;
        return result;
    }

    /// <summary>Σ cost[i, assignment[i]] over the assigned rows.</summary>
    public static double TotalCost(ReadOnlySpan<double> cost, int columns, ReadOnlySpan<int> assignment)
    {
        double total = 0;
        for (int i = 0; i < assignment.Length; i++)
            if (assignment[i] >= 0) total += cost[i * columns + assignment[i]];
        return total;
    }

    /// <summary>n ≤ m: every row gets a distinct column.</summary>
    private static int[] SolveWide(ReadOnlySpan<double> a, int n, int m)
    {
        // 1-based with a virtual column 0 holding the row being inserted (the classic formulation).
        var u = new double[n + 1];
        var v = new double[m + 1];
        var owner = new int[m + 1];     // owner[j]: row matched to column j (0 = free)
        var way = new int[m + 1];       // way[j]: previous column on the alternating path to j
        var minimum = new double[m + 1];
        var used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            owner[0] = i;
            int j0 = 0;
            Array.Fill(minimum, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = owner[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                var row = a.Slice((i0 - 1) * m, m);
                for (int j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    double reduced = row[j - 1] - u[i0] - v[j];
                    if (reduced < minimum[j]) { minimum[j] = reduced; way[j] = j0; }
                    if (minimum[j] < delta) { delta = minimum[j]; j1 = j; }
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j]) { u[owner[j]] += delta; v[j] -= delta; }
                    else minimum[j] -= delta;
                }
                j0 = j1;
            }
            while (owner[j0] != 0);
            // Flip the alternating path back to the virtual column.
            do
            {
                int j1 = way[j0];
                owner[j0] = owner[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        var assignment = new int[n];
        for (int j = 1; j <= m; j++)
            if (owner[j] != 0) assignment[owner[j] - 1] = j - 1;
        return assignment;
    }
}
