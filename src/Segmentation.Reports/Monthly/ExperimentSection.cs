using Segmentation.Experiments;

namespace Segmentation.Reports.Monthly;

/// <summary>A randomised experiment shown in the monthly report: its arm effects and its effects by segment.</summary>
/// <param name="Name">Display name (the file name).</param>
/// <param name="Analysis">Arm × outcome effects.</param>
/// <param name="Segments">The same effects per segment, with the multiplicity correction.</param>
public sealed record ExperimentSection(string Name, ExperimentAnalysis Analysis, SegmentEffects Segments)
{
    /// <summary>Reads and analyses an experiment export (validated like every input).</summary>
    public static ExperimentSection Analyze(string path, ExperimentSchema schema)
    {
        var data = ExperimentFile.Read(path, schema);
        return new ExperimentSection(Path.GetFileName(path), ExperimentAnalysis.Analyze(data), SegmentEffects.Compute(data));
    }
}
