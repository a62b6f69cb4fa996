using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Analysis;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Statistics;
using Segmentation.Data.Sql;
using static Segmentation.Analytics.Features.CustomerFeatureTable;
using System.Runtime.CompilerServices;

namespace Segmentation.Data;

internal static partial class CustomerAggregatePass
{
    /// <summary>The pass's number of <paramref name="id"/> (by its UTF-8 bytes), −1 when it has none.</summary>
    private static int FindId(ByteKeyIndex ids, string id, byte[] buffer)
    {
        if (Encoding.UTF8.GetMaxByteCount(id.Length) > buffer.Length)
        {
            var key = Encoding.UTF8.GetBytes(id);
            return ids.Find(key, ByteKeyIndex.Hash(key));
        }
        var span = buffer.AsSpan(0, Encoding.UTF8.GetBytes(id, buffer));
        return ids.Find(span, ByteKeyIndex.Hash(span));
    }

    /// <summary>
    /// The customer summaries at two ends from the pass's purchase-day figures per customer, with <see cref="CustomerSummaryQuery"/>'s
    /// arithmetic (<c>RenderAtTwoEndsFromDays</c> over the days table the pass would write): x = days − 1, t_x = last − first day,
    /// T = end − first day, and the mean repeat-day amount as the engine's double of the DECIMAL difference (cents / 100) over days − 1.
    /// </summary>
    private sealed class HeldSummaries(Snapshots b, Task<int[]> byteOrder, DateOnly laterEnd, DateOnly earlierEnd) : HeldCustomerSummaries
    {
        // Only the per-customer figures the summaries need (not the snapshots' sums).
        private readonly ByteKeyIndex ids = b.Ids;
        private readonly int[] firstDay = b.FirstDay, lastDay = b.LastDay, lastDayEarlier = b.LastDayEarlier;
        private readonly long[] dayCount = b.DayCount, dayCountEarlier = b.DayCountEarlier, total = b.Total, firstAmount = b.FirstAmount,
            totalEarlier = b.TotalEarlier;

        public override DateOnly LaterEnd => laterEnd;

        public override DateOnly EarlierEnd => earlierEnd;

        public override CustomerSummaryAtTwoEnds? Read(bool withEarlier)
        {
            var started = SqlLog.Start();
            const long Exact = 1L << 53;
            int laterDay = laterEnd.DayNumber - PassRows.EpochDay, earlierDay = earlierEnd.DayNumber - PassRows.EpochDay;
            var later = new List<CustomerSummaryRow>(ids.Count);
            var earlier = withEarlier ? new List<CustomerSummaryRow>(ids.Count) : null;
            foreach (int c in byteOrder.GetAwaiter().GetResult())
            {
                long days = dayCount[c];
                if (days <= 0) continue;
                long repeat = checked(total[c] - firstAmount[c]);
                if (repeat >= Exact || repeat <= -Exact) return null;
                string id = Encoding.UTF8.GetString(ids.Key(c));
                later.Add(new CustomerSummaryRow(id, checked((int)(days - 1)), lastDay[c] - firstDay[c], laterDay - firstDay[c],
                    days > 1 ? repeat / 100.0 / (days - 1) : 0));
                long daysE = dayCountEarlier[c];
                if (earlier is null || daysE <= 0) continue;
                long repeatE = checked(totalEarlier[c] - firstAmount[c]);
                if (repeatE >= Exact || repeatE <= -Exact) return null;
                earlier.Add(new CustomerSummaryRow(id, checked((int)(daysE - 1)), lastDayEarlier[c] - firstDay[c], earlierDay - firstDay[c],
                    daysE > 1 ? repeatE / 100.0 / (daysE - 1) : 0));
            }
            // Byte order and UTF-16 order differ for supplementary characters against U+E000–U+FFFF.
            CustomerSummaryRow.SortOrdinal(later);
            if (earlier is not null) CustomerSummaryRow.SortOrdinal(earlier);
            SqlLog.Write(started, "-- customer summaries at two ends, from the snapshots' pass");
            return CustomerSummaryAtTwoEnds.FromRows(laterEnd, later, withEarlier ? earlierEnd : null, earlier);
        }
    }

    /// <summary>
    /// The customer × month grain of every customer the pass saw (<see cref="CustomerMonthPass"/>'s entries, by the pass's numbers):
    /// an assignment's grain is its customers looked up by id, in its order, as the KPI tables' pass would have numbered them reading
    /// the segments table uploaded from it.
    /// </summary>
    private sealed class HeldMonths(ByteKeyIndex ids, CompactEntries entries, string transactions, DateOnly end) : HeldCustomerMonths
    {
        public override string Transactions => transactions;

        public override DateOnly End => end;

        public override CustomerMonthGrain? TryGrain(SegmentAssignment assignment, IReadOnlyList<string> keys)
        {
            ArgumentNullException.ThrowIfNull(assignment);
            ArgumentNullException.ThrowIfNull(keys);
            var started = SqlLog.Start();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < keys.Count; k++)
                if (!index.TryAdd(keys[k], k)) return null;
            // An assignment has no empty or repeated id (SegmentAssignment checks), so no customer's months are counted twice.
            int n = assignment.Count;
            var segment = new int[n];
            var entriesOf = new int[n];
            bool unknown = false;
            Parallel.For(0, 2, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (half) =>
            {
                var buffer = new byte[256];
                for (int c = half == 0 ? 0 : n / 2, to = half == 0 ? n / 2 : n; c < to; c++)
                {
                    if (!index.TryGetValue(assignment.SegmentKeys[c], out segment[c])) unknown = true;
                    entriesOf[c] = FindId(ids, assignment.CustomerIds[c], buffer);
                }
            });
            if (unknown) return null;
            SqlLog.Write(started, "-- customer months of the assignment, from the snapshots' pass");
            var customerIds = assignment.CustomerIds;
            return new CustomerMonthGrain(n, segment, c => customerIds[c], entries, entriesOf);
        }
    }

    /// <summary>
    /// The snapshots' aggregates held after the pass: the feature tables at those days are computed from them, and the aggregates table
    /// the SQL would have made is written only if something reads it by SQL.
    /// </summary>
    /// <remarks>
    /// A feature table joins the aggregates to the customers and the feedback sums (<see cref="CustomerFeatureTable.Render"/>). Here
    /// the engine still reads those two, with the SQL's own expressions for their columns; the aggregates' columns are computed from
    /// the held sums with the SQL's arithmetic (the table's doubles, then the same divisions), the rows are joined by id and put in the
    /// SQL's (byte) order. Campaign responses, a customer listed twice or a NULL id, and column types other than the reader's usual
    /// ones are left to the SQL.
    /// </remarks>
    private sealed class HeldSnapshots(DataWorkspace ws, Snapshots b, IReadOnlyList<DateTime> days, string table, string transactions, int windows,
        DateOnly? earlier) : HeldAggregates, IHeldForEvaluation
    {
        // The ids' byte order, made once for the feature tables and the summaries: sorted on another thread from the start, while the
        // job reads the customers' columns for the first table (on its critical path otherwise: a third of a second at 1 M customers).
        private readonly Task<int[]> byteOrder = Task.Run(b.Ids.OrdinalOrder);
        private string?[]? idText;

        /// <summary>The rows of a buyers' table and what numbered them: the customers' frame (its first column the ids), each pass
        /// number's row there, the ids without transactions, the buyers' pass numbers in order with their aggregates, and the whole
        /// table's row count.</summary>
        private sealed record BuyersNumbering(int Snapshot, bool WithCustomers, DataFrame? Customers, int[]? CustomerOfNumber,
            List<(byte[] Key, string Id, int Row)> ExtraIds, List<int> Numbers, RowSum[] RowSums, long AllRows);

        /// <summary>The numbering of the last buyers' table, kept for one table of drawn buyers at the same snapshot (the monthly job
        /// builds the model's inputs for every buyer, then every column for the drawn ones): it is the same, so it is not made twice.</summary>
        private BuyersNumbering? lastBuyers;

        public override IReadOnlyList<double[]> Windows { get; } = b.Windows;

        // The grain holds only the ids and its entries, not the snapshots' sums.
        public HeldCustomerMonths? CustomerMonths { get; } =
            b.Months is { } months ? new HeldMonths(b.Ids, months, transactions, DateOnly.FromDateTime(days[^1].AddDays(1))) : null;

        private HeldSummaries? summaries;

        public HeldCustomerSummaries? Summaries =>
            earlier is { } e ? summaries ??= new HeldSummaries(b, byteOrder, DateOnly.FromDateTime(days[^1]), e) : null;

        public override void WriteDaysTable()
        {
            ws.Options.Cancellation.ThrowIfCancellationRequested();
            WriteDays(ws, b, days, table + "_days", windows, earlier is not null);
        }

        public override void WriteTable()
        {
            ws.Options.Cancellation.ThrowIfCancellationRequested();
            WriteAggregates(ws, b, days, table);
        }

        public override DataFrame? TryFeatureTable(int snapshot, DateTime day, FeatureTableOptions options, FeatureSources sources) =>
            Table(snapshot, day, options, sources, buyersOnly: false, drawn: null, out _);

        public override DataFrame? TryBuyersTable(int snapshot, DateTime day, FeatureTableOptions options, FeatureSources sources, IReadOnlyList<int>? rows,
            out long customers) =>
            Table(snapshot, day, options, sources, buyersOnly: true, rows, out customers);

        /// <summary>The customers drawn for a table of some buyers' rows, uploaded so that the engine reads only their columns.</summary>
        private const string DrawnTable = "__drawn_customers";

        /// <summary>The feature table, or only its rows with a purchase by the snapshot (a recency: an order in the aggregates), or only
        /// the buyers' rows <paramref name="drawn"/>; <paramref name="allRows"/> is the whole table's row count.</summary>
        private DataFrame? Table(int snapshot, DateTime day, FeatureTableOptions options, FeatureSources sources, bool buyersOnly, IReadOnlyList<int>? drawn,
            out long allRows)
        {
            allRows = 0;
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(sources);
            var d = ws.Dialect;
            var items = Items(d, day, options, sources);
            if (items.Any(item => item.Source == ItemSource.Campaigns)) return null;
            // A collation would make the SQL's DISTINCT and joins match ids that differ in bytes.
            if (PassRows.HasDefaultCollation(ws)) return null;
            var started = SqlLog.Start();
            var buffer = new byte[256];
            string end = d.Timestamp(day.Date.AddDays(1));
            int k = snapshot;
            var customerItems = items.Where(item => item.Source == ItemSource.Customers).ToArray();
            string CustomerColumns() => string.Concat(customerItems.Select(item => $", {item.Expression} AS {item.Name}"));
            if (buyersOnly && !items.Any(item => item.Name == "recency_days" && item.Source == ItemSource.Aggregates)) return null;
            var reuse = drawn is not null && lastBuyers is { } last && last.Snapshot == k && last.WithCustomers == sources.Customers ? last : null;
            lastBuyers = null;   // used once: the drawn rows are taken in place
            DataFrame? customers;
            int[]? customerOfNumber;
            List<(byte[] Key, string Id, int Row)> extraIds;
            List<int> numbers;
            RowSum[] rowSums;
            if (reuse is not null)
            {
                (customers, customerOfNumber, extraIds, numbers, rowSums, allRows) =
                    (reuse.Customers, reuse.CustomerOfNumber, reuse.ExtraIds, reuse.Numbers, reuse.RowSums, reuse.AllRows);
            }
            else
            {
                if (Number(k, sources, end, buyersOnly, drawn is null ? CustomerColumns() : "", items, buffer,
                        out customers, out customerOfNumber, out extraIds, out numbers, out rowSums, out allRows) is false)
                    return null;
                if (buyersOnly && drawn is null)
                    lastBuyers = new BuyersNumbering(k, sources.Customers, customers, customerOfNumber, extraIds, numbers, rowSums, allRows);
            }

            if (drawn is not null)
            {
                CustomerFeatureTable.CheckRows(drawn, numbers.Count);
                // The rows are positions in the buyers' ordinal (UTF-16) order. That is their byte order unless an id holds a
                // supplementary character (four UTF-8 bytes; its surrogates sort before U+E000–U+FFFF): then the SQL's table is sorted.
                foreach (int c in numbers)
                    if (b.Ids.Key(c).IndexOfAnyInRange((byte)0xF0, (byte)0xFF) >= 0) return null;
                for (int i = 0; i < drawn.Count; i++)
                {
                    numbers[i] = numbers[drawn[i]];
                    rowSums[i] = rowSums[drawn[i]];
                }
                numbers.RemoveRange(drawn.Count, numbers.Count - drawn.Count);
            }
            int rows = numbers.Count;

            var feedbackItems = items.Where(item => item.Source == ItemSource.Feedback).ToArray();
            // The drawn customers, uploaded: the customers' and the feedback's columns are read for them alone.
            string only = "";
            if (drawn is not null && (customerItems.Length > 0 || feedbackItems.Length > 0))
            {
                var drawnIds = new string[rows];
                for (int r = 0; r < rows; r++)
                    drawnIds[r] = customerOfNumber is not null && customerOfNumber[numbers[r]] >= 0
                        ? ((StringDataFrameColumn)customers!.Columns[0])[customerOfNumber[numbers[r]]]!
                        : IdText(numbers[r]);
                ws.CreateTextTable(DrawnTable, ["customer_id"], rows, (r, _) => drawnIds[r]);
                only = $" AND customer_id IN (SELECT customer_id FROM {d.Id(DrawnTable)})";
            }
            try
            {
                return Columns(started, day, options, items, customerItems.Length > 0 && drawn is not null && customers is not null ? CustomerColumns() : null,
                    feedbackItems, only, buffer,
                    customers, customerOfNumber, extraIds, numbers, rowSums);
            }
            finally
            {
                if (only.Length > 0) ws.Execute($"DROP TABLE IF EXISTS {d.Id(DrawnTable)}");
            }
        }

        /// <summary>
        /// The table's rows at snapshot <paramref name="k"/>: the pass's customers with a transaction by its end or in the customers
        /// table, and the customers table's others, in byte order (<paramref name="numbers"/>: a pass number, or ~ an index into
        /// <paramref name="extraIds"/>), with their aggregates when asked; with <paramref name="buyersOnly"/>, only the rows with an
        /// order. The customers' ids are read with <paramref name="customerColumns"/>. False when the data need the SQL.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Number(int k, FeatureSources sources, string end, bool buyersOnly, string customerColumns, IReadOnlyList<Item> items, byte[] buffer,
            out DataFrame? customers, out int[]? customerOfNumber, out List<(byte[] Key, string Id, int Row)> extraIds, out List<int> numbers,
            out RowSum[] rowSums, out long allRows)
        {
            var d = ws.Dialect;
            int n = b.Count;
            customers = null;
            customerOfNumber = null;
            extraIds = [];
            numbers = [];
            rowSums = [];
            allRows = 0;

            // The customers with a row at this snapshot: a transaction by its end.
            var hasRow = new bool[n];
            for (int c = 0; c < n; c++) hasRow[c] = b.HasRow(c, k);

            // The customers table's columns, read by the engine with the SQL's expressions, and the ids there the pass has not seen.
            // The SQL's rows include the customers table's customers whether or not a column of theirs is asked for. For some drawn
            // rows, only the ids are read here, to number the rows; the columns are read for the drawn customers alone.
            if (sources.Customers)
            {
                customers = ws.Query($"WITH cust AS ({CustomersCte(d, end)}) SELECT c.customer_id AS customer_id{customerColumns} FROM cust c");
                if (customers.Columns[0] is not StringDataFrameColumn customerIds) return false;
                customerOfNumber = new int[n];
                customerOfNumber.AsSpan().Fill(-1);
                // Each id looked up on both cores (halves of the rows); a NULL id or a pass customer listed twice refuses.
                var number = new int[customerIds.Length];
                var numbering = customerOfNumber;
                bool refused = false;
                Parallel.For(0, 2, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (half) =>
                {
                    var own = new byte[256];
                    long from = half * (customerIds.Length / 2), to = half == 0 ? customerIds.Length / 2 : customerIds.Length;
                    for (long row = from; row < to && !refused; row++)
                    {
                        if (customerIds[row] is not { } id) { refused = true; break; }
                        int c = number[row] = FindId(b.Ids, id, own);
                        if (c >= 0 && Interlocked.CompareExchange(ref numbering[c], (int)row, -1) != -1) refused = true;
                    }
                });
                if (refused) return false;
                // The ids the pass has not seen, in row order.
                var extraSeen = new HashSet<string>(StringComparer.Ordinal);
                for (int row = 0; row < number.Length; row++)
                {
                    if (number[row] >= 0) continue;
                    var id = customerIds[row]!;
                    if (!extraSeen.Add(id)) return false;
                    extraIds.Add((Encoding.UTF8.GetBytes(id), id, row));
                }
            }

            // The rows: the pass's customers with a row or in the customers table, and the customers table's others, in byte order.
            extraIds.Sort((x, y) => x.Key.AsSpan().SequenceCompareTo(y.Key));
            numbers = new List<int>(n + extraIds.Count);
            int e = 0;
            foreach (int c in byteOrder.GetAwaiter().GetResult())
            {
                if (!hasRow[c] && (customerOfNumber is null || customerOfNumber[c] < 0)) continue;
                var key = b.Ids.Key(c);
                while (e < extraIds.Count && extraIds[e].Key.AsSpan().SequenceCompareTo(key) < 0) numbers.Add(~e++);
                numbers.Add(c);
            }
            while (e < extraIds.Count) numbers.Add(~e++);
            allRows = numbers.Count;

            if (buyersOnly)
            {
                // recency_days is not NULL exactly when the row has an order (AggregateColumn); the customers table's others have none.
                // Kept in place, in order: the first `kept` rows are the buyers'.
                rowSums = RowSums(numbers, hasRow, k);
                int kept = 0;
                for (int r = 0; r < rowSums.Length; r++)
                    if (rowSums[r].Row && rowSums[r].Orders > 0)
                    {
                        numbers[kept] = numbers[r];
                        rowSums[kept++] = rowSums[r];
                    }
                numbers.RemoveRange(kept, numbers.Count - kept);
            }
            else if (items.Any(item => item.Source == ItemSource.Aggregates))
            {
                rowSums = RowSums(numbers, hasRow, k);
            }
            return true;
        }

        /// <summary>The table's columns for the rows <paramref name="numbers"/> (pass numbers, or ~ an index into
        /// <paramref name="extraIds"/>). With <paramref name="drawnCustomerColumns"/>, the customers' columns are read here for the
        /// customers of <paramref name="only"/> (a condition), which <paramref name="customers"/> (their ids) numbered.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private DataFrame? Columns(long started, DateTime day, FeatureTableOptions options, IReadOnlyList<Item> items, string? drawnCustomerColumns,
            Item[] feedbackItems, string only, byte[] buffer, DataFrame? customers, int[]? customerOfNumber, List<(byte[] Key, string Id, int Row)> extraIds,
            List<int> numbers, RowSum[] rowSums)
        {
            var d = ws.Dialect;
            string end = d.Timestamp(day.Date.AddDays(1));
            int n = b.Count, rows = numbers.Count;
            if (drawnCustomerColumns is not null)
            {
                customers = ws.Query($"WITH cust AS ({CustomersCte(d, end)}{only}) SELECT c.customer_id AS customer_id{drawnCustomerColumns} FROM cust c");
                if (customers.Columns[0] is not StringDataFrameColumn drawnIds) return null;
                foreach (int c in numbers) customerOfNumber![c] = -1;
                for (int row = 0; row < drawnIds.Length; row++)
                {
                    // Every drawn customer is a buyer the pass numbered, listed once in the table (checked on all its ids above).
                    if (drawnIds[row] is not { } id || Find(id, buffer) is not (>= 0 and var c) || customerOfNumber![c] >= 0) return null;
                    customerOfNumber[c] = row;
                }
            }

            // Each row's number in the customers' and the feedback's frames (−1: none).
            int[]? customerRow = null;
            if (customers is not null)
            {
                customerRow = new int[rows];
                for (int r = 0; r < rows; r++)
                    customerRow[r] = numbers[r] >= 0 ? customerOfNumber![numbers[r]] : extraIds[~numbers[r]].Row;
            }
            DataFrame? feedback = null;
            int[]? feedbackRow = null;
            if (feedbackItems.Length > 0)
            {
                feedback = ws.Query($"WITH fb AS ({FeedbackCte(d, end, only)}) SELECT f.customer_id AS customer_id{string.Concat(feedbackItems.Select(item => $", {item.Expression} AS {item.Name}"))} FROM fb f");
                if (feedback.Columns[0] is not StringDataFrameColumn feedbackIds) return null;
                feedbackRow = new int[rows];
                feedbackRow.AsSpan().Fill(-1);
                // Output row of each pass number and extra id.
                var rowOfNumber = new int[n];
                rowOfNumber.AsSpan().Fill(-1);
                var rowOfExtra = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int r = 0; r < rows; r++)
                    if (numbers[r] >= 0) rowOfNumber[numbers[r]] = r;
                    else rowOfExtra[extraIds[~numbers[r]].Id] = r;
                for (int row = 0; row < feedbackIds.Length; row++)
                {
                    if (feedbackIds[row] is not { } id) continue;   // a NULL id joins nothing
                    int c = Find(id, buffer);
                    int r = c >= 0 ? rowOfNumber[c] : rowOfExtra.GetValueOrDefault(id, -1);
                    if (r >= 0) feedbackRow[r] = row;
                }
            }

            // A customers table read in the rows' order (often: exported by id, and every buyer in it) gives its columns as they are.
            bool customersInOrder = customerRow is not null && customerRow.Length == customers!.Rows.Count;
            for (int r = 0; customersInOrder && r < rows; r++) customersInOrder = customerRow![r] == r;
            var columns = new List<DataFrameColumn>(items.Count);
            foreach (var item in items)
            {
                var column = item.Source switch
                {
                    ItemSource.Id => IdColumn(numbers, extraIds, customers?.Columns[0] as StringDataFrameColumn, customerRow),
                    ItemSource.Aggregates => AggregateColumn(item.Name, options, rowSums, rows, day),
                    ItemSource.Customers => customersInOrder ? customers!.Columns[item.Name] : Gather(customers!.Columns[item.Name], customerRow!, missing: null),
                    ItemSource.Feedback => Gather(feedback!.Columns[item.Name], feedbackRow!,
                        missing: item.Name is "complaints" or "referrals" ? 0L : null),
                    ItemSource.Null => NullColumn(item.Name, item.NullType, rows),
                    _ => null,
                };
                if (column is null) return null;
                columns.Add(column);
            }
            SqlLog.Write(started, $"-- feature table at {day:yyyy-MM-dd} from the held aggregates");
            return new DataFrame(columns);
        }

        /// <summary>The pass's number of <paramref name="id"/>, −1 when it has none.</summary>
        private int Find(string id, byte[] buffer) => FindId(b.Ids, id, buffer);

        /// <summary>The id of pass number <paramref name="c"/>, decoded once from its bytes.</summary>
        private string IdText(int c) => (idText ??= new string?[b.Count])[c] ??= Encoding.UTF8.GetString(b.Ids.Key(c));

        /// <summary>The rows' ids: the customers table's strings where the row is there (already read), else decoded once from the
        /// pass's bytes.</summary>
        private StringDataFrameColumn IdColumn(List<int> numbers, List<(byte[] Key, string Id, int Row)> extraIds,
            StringDataFrameColumn? customerIds, int[]? customerRow)
        {
            var ids = new string?[numbers.Count];
            for (int r = 0; r < numbers.Count; r++)
            {
                int c = numbers[r];
                if (c < 0) ids[r] = extraIds[~c].Id;
                else if (customerRow is not null && customerRow[r] >= 0) ids[r] = customerIds![customerRow[r]];
                else ids[r] = IdText(c);
            }
            return new StringDataFrameColumn("customer_id", ids);
        }

        /// <summary>Each output row's aggregates at snapshot <paramref name="k"/> (<see cref="Snapshots.Through"/>; none for a row without
        /// one), summed on both cores in blocks of rows.</summary>
        private RowSum[] RowSums(List<int> numbers, bool[] hasRow, int k)
        {
            // About 130 MB at a million rows: on huge pages where offered (first touches of small pages cost a third of a second here).
            var result = HugePages.NewZeroedArray<RowSum>(numbers.Count);
            Parallel.For(0, (result.Length + 65535) / 65536, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
            {
                for (int r = block * 65536, end = Math.Min(result.Length, r + 65536); r < end; r++)
                    if (numbers[r] is int c and >= 0 && hasRow[c]) result[r] = b.Through(c, k);
            });
            return result;
        }

        private static readonly string[] AggregateNames =
        [
            "recency_days", "tenure_days", "frequency", "orders", "category_breadth", "monetary", "avg_order_value",
            "mean_interpurchase_days", "online_share", "return_rate", "category_loyalty", "campaign_share",
        ];

        /// <summary>A column computed from the first <paramref name="rows"/> rows' aggregates, as the SQL computes it from the table's
        /// row; a row without one gets the SQL's value over NULLs: frequency, orders and category breadth 0, monetary 0.0 (COALESCE),
        /// the rest NULL.</summary>
        private static DataFrameColumn? AggregateColumn(string name, FeatureTableOptions options, RowSum[] rowSums, int rows, DateTime day)
        {
            int code = Array.IndexOf(AggregateNames, name);
            if (code < 0) return null;
            long snapDay = (day.Ticks - EpochTicks) / TimeSpan.TicksPerDay;
            bool integer = code <= 4, netSpend = options.Monetary == MonetaryMeasure.NetSpend;
            var bytes = HugePages.NewZeroedArray<byte>(rows * 8);
            var bits = new byte[(rows + 7) / 8];
            var longs = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
            var doubles = MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
            int nulls = 0;
            for (int r = 0; r < rows; r++)
            {
                ref readonly var t = ref rowSums[r];
                long o = t.Orders, pd = t.PurchaseDays, catOrders = t.CategoryOrders;
                bool row = t.Row, purchased = row && o > 0;   // first and last purchase (and recency, tenure) are NULL without an order
                bool valid = true;
                switch (code)
                {
                    case 0:   // recency_days
                        if (purchased) longs[r] = snapDay - PassRows.Day(t.Last); else valid = false;
                        break;
                    case 1:   // tenure_days
                        if (purchased) longs[r] = snapDay - PassRows.Day(t.First); else valid = false;
                        break;
                    case 2: longs[r] = pd; break;   // frequency
                    case 3: longs[r] = o; break;    // orders
                    case 4:   // category_breadth
                        if (!row || catOrders > 0 || o == 0) longs[r] = t.Categories; else valid = false;
                        break;
                    case 5:   // monetary
                        doubles[r] = netSpend ? t.Net / 100.0 : row && pd != 0 ? t.Net / 100.0 / pd : 0;
                        break;
                    case 6:   // avg_order_value
                        if (row && o != 0) doubles[r] = t.Gross / 100.0 / o; else valid = false;
                        break;
                    case 7:   // mean_interpurchase_days
                        if (purchased && pd > 1) doubles[r] = (double)(PassRows.Day(t.Last) - PassRows.Day(t.First)) / (pd - 1); else valid = false;
                        break;
                    case 8:   // online_share
                        if (row && t.Channel != 0) doubles[r] = (double)t.Online / t.Channel; else valid = false;
                        break;
                    case 9:   // return_rate
                        if (row && o + t.Returns != 0) doubles[r] = (double)t.Returns / (o + t.Returns); else valid = false;
                        break;
                    case 10:  // category_loyalty
                        if (row && catOrders != 0) doubles[r] = (double)t.Top / catOrders; else valid = false;
                        break;
                    default:  // campaign_share
                        if (row && o != 0) doubles[r] = (double)t.Campaign / o; else valid = false;
                        break;
                }
                if (valid) bits[r >> 3] |= (byte)(1 << (r & 7));
                else nulls++;
            }
            return integer
                ? Growable(new Int64DataFrameColumn(name, bytes, bits, rows, nulls))
                : Growable(new DoubleDataFrameColumn(name, bytes, bits, rows, nulls));
        }
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="source"/> (−1: the missing value, NULL when null) as a growable column
    /// of the same class (<see cref="FrameColumns.TakeOrMissing"/>); null for a class it does not gather.</summary>
    private static DataFrameColumn? Gather(DataFrameColumn source, int[] rows, long? missing) =>
        FrameColumns.TakeOrMissing(source, rows, missing) is { } taken ? Growable(taken) : null;

    /// <summary>A column of <paramref name="rows"/> NULLs of the SQL type <paramref name="type"/>, as the reader types it.</summary>
    private static DataFrameColumn? NullColumn(string name, string? type, int rows) => type switch
    {
        "BIGINT" => Int64(name, new long[rows], Bits(new bool[rows])),
        "DOUBLE" => Double(name, new double[rows], Bits(new bool[rows])),
        "VARCHAR" => new StringDataFrameColumn(name, new string?[rows]),
        _ => null,
    };
}
