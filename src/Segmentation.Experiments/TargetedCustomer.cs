namespace Segmentation.Experiments;

/// <summary>One customer on a targeting list.</summary>
/// <param name="Rank">1 = the best prospect.</param>
/// <param name="Row">The customer's row in the experiment file.</param>
/// <param name="BestArm">The treatment arm with the highest expected lift.</param>
/// <param name="ExpectedLift">Expected lift of that arm over no contact, in outcome units (held-out prediction).</param>
/// <param name="ExpectedNet">Margin·lift − cost per contact when economics are given; else the lift.</param>
public sealed record TargetedCustomer(int Rank, long Row, string BestArm, double ExpectedLift, double ExpectedNet);
