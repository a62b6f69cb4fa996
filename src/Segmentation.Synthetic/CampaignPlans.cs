namespace Segmentation.Synthetic;

/// <summary>The default planted campaigns, placed inside a horizon.</summary>
public static class CampaignPlans
{
    /// <summary>
    /// Five campaigns, one per targetable segment, placed at fixed fractions of the horizon; with the default horizon
    /// (24 months from 2024-11) they fall on 618 (2025-06), Double 11 (2025-11), the Spring Festival (2026-01/02),
    /// March and April 2026. The business campaign (<c>CMP05</c>) has zero planted effect.
    /// </summary>
    /// <param name="startMonth">First day of the first month of the horizon.</param>
    /// <param name="months">Number of months (at least 6).</param>
    public static IReadOnlyList<CampaignPlan> For(DateOnly startMonth, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 6);
        DateOnly Month(int oneBased) => startMonth.AddMonths(Math.Clamp(oneBased, 1, months) - 1);
        int At(double fraction) => (int)Math.Round(fraction * months, MidpointRounding.AwayFromZero);
        var m618 = Month(At(8 / 24.0));
        var m11 = Month(At(13 / 24.0));
        var mSpring = Month(At(15 / 24.0));
        var mSenior = Month(At(17 / 24.0));
        var mB2b = Month(At(18 / 24.0));
        return
        [
            new("CMP01", "618 限时折扣券", "618 flash-sale coupons", PlantedSegments.BargainHunters,
                m618.AddDays(9), m618.AddDays(19), 45_000, 0.12),
            new("CMP02", "双11 APP专享券", "Double 11 app-exclusive coupons", PlantedSegments.YoungOnlineHigh,
                m11.AddDays(3), m11.AddDays(10), 60_000, 0.08),
            new("CMP03", "春节会员回馈", "Spring Festival member rewards", PlantedSegments.SteadyMiddleAged,
                mSpring.AddDays(19), mSpring.AddDays(39), 80_000, 0.06),
            new("CMP04", "银发关怀电话回访", "Senior care call-back programme", PlantedSegments.SeniorOccasional,
                mSenior, mSenior.AddMonths(1).AddDays(-1), 30_000, 0.10),
            new("CMP05", "企业客户季度返利", "B2B quarterly rebate", PlantedSegments.BusinessBuyers,
                mB2b, mB2b.AddMonths(1).AddDays(-1), 50_000, 0.0),
        ];
    }
}
