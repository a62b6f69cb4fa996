using Segmentation.Experiments;

namespace Segmentation.Experiments.Tests;

public sealed class TargetingListTests
{
    // Four customers, arms control / A / B; predicted outcome per arm (rows = arms).
    private static UpliftPredictions Predictions() => new("spend", OutcomeKind.Continuous, ["ctl", "A", "B"], [0, 1, 2, 0], [2, 3, 4, 5], [0, 1, 0, 1],
        [
            [1.0, 1.0, 1.0, 1.0],   // control
            [3.0, 1.5, 0.5, 1.2],   // A: lifts 2, 0.5, −0.5, 0.2
            [2.0, 2.5, 0.8, 1.1],   // B: lifts 1, 1.5, −0.2, 0.1
        ], [], new UpliftOptions());

    [Fact]
    public void Best_arm_and_ranking_by_expected_net_margin_within_a_contact_budget()
    {
        // margin 0.5, cost 0.2: net = 0.5·best lift − 0.2 → customer row 2: A 0.8; row 3: B 0.55; row 5: A −0.1 (dropped); row 4 all lifts < 0.
        var list = TargetingList.Select(Predictions(), TargetingBudget.OfContacts(3), new EconomicsOptions(0.2, 0.5));
        Assert.Equal([2L, 3L], list.Customers.Select(c => c.Row));
        Assert.Equal(["A", "B"], list.Customers.Select(c => c.BestArm));
        Assert.Equal(0.8, list.Customers[0].ExpectedNet, 12);
        Assert.Equal(1.5, list.Customers[1].ExpectedLift, 12);
        Assert.Equal(1.35, list.ExpectedNet, 12);
    }

    [Fact]
    public void A_money_budget_buys_floor_money_over_cost_contacts()
    {
        var list = TargetingList.Select(Predictions(), TargetingBudget.OfMoney(0.25), new EconomicsOptions(0.2, 0.5));
        Assert.Equal(1, list.ContactsAllowed);
        Assert.Equal([2L], list.Customers.Select(c => c.Row));
        Assert.Throws<ArgumentException>(() => TargetingList.Select(Predictions(), TargetingBudget.OfMoney(10)));
    }

    [Fact]
    public void Without_economics_every_customer_with_a_positive_lift_is_ranked_by_lift()
    {
        var list = TargetingList.Select(Predictions(), TargetingBudget.OfContacts(10));
        Assert.Equal([2L, 3L, 5L], list.Customers.Select(c => c.Row));
        Assert.Equal([1, 2, 3], list.Customers.Select(c => c.Rank));
    }
}
