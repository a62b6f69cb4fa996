using System.Runtime.CompilerServices;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// The per customer × calendar month sums the KPI tables derive from (<see cref="KpiQuery"/>'s <c>kpi_cm</c>), computed in process
/// by an engine that can (<see cref="ICustomerMonthSource"/>): each assigned customer with a transaction before the end, its months in
/// ascending order, money in whole cents.
/// </summary>
/// <remarks>Customers are numbered 0 … <see cref="Customers"/> − 1; customer <c>c</c>'s months are the entries
/// <see cref="Range"/>(c) of the entry arrays. An entry is a month with at least one transaction
/// (purchase, return, or a row whose return flag is NULL); <see cref="FirstDay"/> and <see cref="LastDay"/> are its first and last
/// purchase days (days since 1970-01-01), <see cref="NoPurchase"/> when it has none. A source gives a grain only when each customer's
/// month sums (gross, net and cost, in absolute value) stay below 2⁵³ cents together: every sum of a customer's months is then exact
/// as a double.</remarks>
internal sealed class CustomerMonthGrain
{
    /// <summary>First/last purchase day of a month without purchases.</summary>
    public const int NoPurchase = int.MinValue;

    // Wide entries (the KPI tables' own pass): month index, first/last purchase day, cents as 64 bits.
    private readonly int[]? month, firstDay, lastDay;
    private readonly long[]? gross, net, cost;
    // Compact entries (held from the snapshots' pass until the evaluation): the month as an offset from monthBase, the first/last
    // purchase day as a day of the month (0: none) with each offset's first day in monthStart, cents as 32 bits.
    private readonly int monthBase;
    private readonly ushort[]? monthOffset;
    private readonly byte[]? firstOfMonth, lastOfMonth;
    private readonly int[]? monthStart, gross32, net32, cost32;
    private readonly int[] orders;

    public CustomerMonthGrain(int customers, int[] segment, Func<int, string> customerId, int[] start, int[] month, int[] orders,
                              long[] gross, long[] net, long[] cost, int[] firstDay, int[] lastDay, int[]? entriesOf = null)
    {
        Customers = customers; Segment = segment; CustomerId = customerId; Start = start; EntriesOf = entriesOf;
        this.month = month; this.orders = orders; this.gross = gross; this.net = net; this.cost = cost; this.firstDay = firstDay; this.lastDay = lastDay;
    }

    /// <summary>A grain over compact entries (<see cref="CompactEntries"/>).</summary>
    public CustomerMonthGrain(int customers, int[] segment, Func<int, string> customerId, CompactEntries entries, int[]? entriesOf = null)
    {
        Customers = customers; Segment = segment; CustomerId = customerId; Start = entries.Start; EntriesOf = entriesOf;
        monthBase = entries.MonthBase; monthOffset = entries.MonthOffset; monthStart = entries.MonthStart; orders = entries.Orders;
        firstOfMonth = entries.FirstOfMonth; lastOfMonth = entries.LastOfMonth; gross32 = entries.Gross; net32 = entries.Net; cost32 = entries.Cost;
    }

    /// <summary>Customer c's entries: [Start[c], Start[c + 1]), or through <see cref="EntriesOf"/> when the entries are another
    /// numbering's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int From, int To) Range(int c)
    {
        if (EntriesOf is null) return (Start[c], Start[c + 1]);
        int e = EntriesOf[c];
        return e < 0 ? (0, 0) : (Start[e], Start[e + 1]);
    }

    /// <summary>When set, customer c's entries are those of number EntriesOf[c] in <see cref="Start"/> (−1: none), e.g. a pass that
    /// numbered every customer of the transactions (<see cref="HeldCustomerMonths"/>); null: <see cref="Start"/> is by customer.</summary>
    public int[]? EntriesOf { get; }

    /// <summary>Number of customers.</summary>
    public int Customers { get; }

    /// <summary>Each customer's segment: an index into the segment keys the source was given.</summary>
    public int[] Segment { get; }

    /// <summary>A customer's id (read for the bootstrap samples only).</summary>
    public Func<int, string> CustomerId { get; }

    /// <summary>The entries of number e are [Start[e], Start[e + 1]) (by customer, or as <see cref="EntriesOf"/> says): read them
    /// with <see cref="Range"/>.</summary>
    public int[] Start { get; }

    /// <summary>Entry i's month index y·12 + m − 1 (<see cref="KpiQuery.MonthIndex(DateOnly)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Month(int i) => month is not null ? month[i] : monthBase + monthOffset![i];

    /// <summary>Entry i's purchases (rows whose return flag is false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Orders(int i) => orders[i];

    /// <summary>Entry i's Σ purchase amounts, each amount as DECIMAL(18, 2): cents.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Gross(int i) => gross is not null ? gross[i] : gross32![i];

    /// <summary>Entry i's Σ amounts: cents.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Net(int i) => net is not null ? net[i] : net32![i];

    /// <summary>Entry i's Σ costs (NULL as 0): cents.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Cost(int i) => cost is not null ? cost[i] : cost32![i];

    /// <summary>Entry i's first purchase day (days since 1970-01-01), <see cref="NoPurchase"/> without purchases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FirstDay(int i) => firstDay is not null ? firstDay[i] : firstOfMonth![i] == 0 ? NoPurchase : monthStart![monthOffset![i]] + firstOfMonth[i] - 1;

    /// <summary>Entry i's last purchase day, <see cref="NoPurchase"/> without purchases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LastDay(int i) => lastDay is not null ? lastDay[i] : lastOfMonth![i] == 0 ? NoPurchase : monthStart![monthOffset![i]] + lastOfMonth[i] - 1;
}

/// <summary>
/// Customer × month entries in 20 bytes each (against 40): the month as an offset from <paramref name="MonthBase"/>, whose first
/// day (days since 1970-01-01) is <paramref name="MonthStart"/>[offset]; the first and last purchase day as a day of the month
/// (0: no purchase); cents as 32-bit integers. Entry e of number c is in [Start[c], Start[c + 1]).
/// </summary>
internal sealed record CompactEntries(int[] Start, int MonthBase, int[] MonthStart, ushort[] MonthOffset, int[] Orders, byte[] FirstOfMonth,
    byte[] LastOfMonth, int[] Gross, int[] Net, int[] Cost);

/// <summary>
/// An engine that can compute the customer × month grain of the KPI tables in process, faster than its SQL (DuckDB's workspace).
/// </summary>
internal interface ICustomerMonthSource
{
    /// <summary>
    /// The grain of <paramref name="transactions"/> before <paramref name="end"/> (a month start) for the customers of
    /// <paramref name="segmentsTable"/>(customer_id, segment), whose segments are among <paramref name="keys"/>; null when the data
    /// is outside what the in-process computation promises to do exactly as the SQL (the caller then runs the SQL).
    /// </summary>
    CustomerMonthGrain? TryCustomerMonths(string segmentsTable, IReadOnlyList<string> keys, DateOnly end, string transactions = "transactions");
}

/// <summary>
/// The customer × month grain of every customer of a transactions table, folded in process by the pass that aggregated the monthly
/// job's snapshots (<see cref="Features.PurchaseDayPass.CustomerMonths"/>) and held until the evaluation reads its KPI sums: the
/// grain of an assignment is then a lookup, not a second pass over the transactions.
/// </summary>
internal abstract class HeldCustomerMonths
{
    /// <summary>The transactions table folded.</summary>
    public abstract string Transactions { get; }

    /// <summary>The rows folded are those before this day (a month start for the KPI tables).</summary>
    public abstract DateOnly End { get; }

    /// <summary>
    /// What <see cref="ICustomerMonthSource.TryCustomerMonths"/> returns for a segments table uploaded from <paramref name="assignment"/>
    /// (its customers in its order) and the transactions before <see cref="End"/>; null when the source would need the SQL.
    /// </summary>
    public abstract CustomerMonthGrain? TryGrain(SegmentAssignment assignment, IReadOnlyList<string> keys);
}

/// <summary>
/// What an engine's in-process pass over the monthly job's snapshots (<see cref="Features.CustomerAggregateSnapshots"/>, its
/// <see cref="Features.HeldAggregates"/>) holds for the evaluation: the KPI tables' customer × month grain when
/// <see cref="Features.PurchaseDayPass.CustomerMonths"/> asked for it, and the churn section's customer summaries when
/// <see cref="Features.PurchaseDayPass.SummariesEarlierEnd"/> did (<see cref="EvaluationOptions.CustomerMonths"/>,
/// <see cref="EvaluationOptions.HeldSummaries"/>). Each outlives the aggregates' holder.
/// </summary>
internal interface IHeldForEvaluation
{
    /// <summary>The grain; null when not asked for or when the data left it to the KPI tables' own pass.</summary>
    HeldCustomerMonths? CustomerMonths { get; }

    /// <summary>The summaries at the last snapshot and the earlier end; null when not asked for.</summary>
    Statistics.HeldCustomerSummaries? Summaries { get; }
}
