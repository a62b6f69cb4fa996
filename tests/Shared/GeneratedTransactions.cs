using System.Globalization;

namespace Segmentation.Testing;

/// <summary>Seeded transaction files for engine and ingest tests.</summary>
public static class GeneratedTransactions
{
    /// <summary>A small, seeded transaction file with returns, online/offline channels, campaigns and a few bad rows.</summary>
    public static void Write(string path, int customers, int rows, int seed)
    {
        var rng = new Random(seed);
        string[] channels = ["web", "app", "store", "phone"], categories = ["apparel", "beauty", "home", "sports"];
        using var w = new StreamWriter(path) { NewLine = "\n" };
        w.WriteLine("transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return");
        for (int i = 0; i < rows; i++)
        {
            var c = $"C{rng.Next(customers):D5}";
            var ts = new DateTime(2025, 1, 1).AddMinutes(rng.Next(0, 660 * 24 * 60));
            bool ret = rng.NextDouble() < 0.04;
            double amount = Math.Round(5 + rng.NextDouble() * 300, 2) * (ret ? -1 : 1);
            string amountText = amount.ToString("F2", CultureInfo.InvariantCulture);
            if (i % 997 == 5) amountText = "n/a";            // type error
            if (i % 1499 == 7) amountText = "0";              // zero amount
            string cost = ret ? "" : (Math.Abs(amount) * 0.6).ToString("F2", CultureInfo.InvariantCulture);
            string campaign = rng.NextDouble() < 0.1 ? "K1" : "";
            w.WriteLine($"T{i:D7},{c},{ts:yyyy-MM-dd HH:mm:ss},{amountText},{cost},{rng.Next(1, 4)},{channels[rng.Next(4)]},{categories[rng.Next(4)]},east,{campaign},{(ret ? 1 : 0)}");
            if (i % 1777 == 3) w.WriteLine($"T{i:D7},{c},{ts:yyyy-MM-dd HH:mm:ss},{amountText},,,,,,,0"); // duplicate id
        }
    }
}
