using Segmentation.Analytics.Engines;

namespace Segmentation.Analytics.Evaluation;

/// <summary>The session table of the evaluation: every customer's segment, uploaded once per evaluation.</summary>
internal static class EngineTables
{
    /// <summary>Name of the uploaded assignment table (customer_id, segment).</summary>
    public const string Segments = "eval_segments";

    /// <summary>Creates (replacing) the table <paramref name="name"/>(customer_id, segment) holding the assignment.</summary>
    public static void Upload(ISqlEngine engine, SegmentAssignment assignment, string name = Segments) =>
        engine.CreateTextTable(name, ["customer_id", "segment"], assignment.Count, (i, c) => c == 0 ? assignment.CustomerIds[i] : assignment.SegmentKeys[i]);
}
