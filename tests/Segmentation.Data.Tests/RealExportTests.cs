using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Tests;

/// <summary>Real exports from data/real read with nothing lost that should not be.</summary>
public sealed class RealExportTests
{
    [Fact]
    public void Cdnow_raw_keeps_every_one_of_the_23570_customers_with_zero_amounts_flagged()
    {
        using var ws = DataWorkspace.Load(RealData.CdnowRawDirectory, new IngestOptions(RealData.CdnowEnd));
        var tx = ws.Report.For("transactions")!;
        Assert.Equal(69_659, tx.RowsRead);
        Assert.Equal(69_659, tx.RowsAccepted);
        Assert.True(tx.Reconciles);
        Assert.Equal(23_570, ws.Scalar<long>("SELECT count(DISTINCT customer_id) FROM transactions"));
        var zero = Assert.Single(tx.Warnings, w => w.Code == IngestWarningCodes.ZeroAmount);
        Assert.Equal(80, zero.Rows);
    }

    [Fact]
    public void Cdnow_raw_with_zero_amounts_rejected_loses_the_68_customers_who_only_bought_for_zero()
    {
        using var ws = DataWorkspace.Load(RealData.CdnowRawDirectory, new IngestOptions(RealData.CdnowEnd, ZeroAmounts: ZeroAmountPolicy.Reject));
        var tx = ws.Report.For("transactions")!;
        Assert.Equal(80, Assert.Single(tx.RejectsByRule).Value);
        Assert.Equal(23_570 - 68, ws.Scalar<long>("SELECT count(DISTINCT customer_id) FROM transactions"));
    }
}
