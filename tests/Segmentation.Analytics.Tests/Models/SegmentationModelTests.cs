using Xunit.Abstractions;
using Segmentation.Analytics.Models;

namespace Segmentation.Analytics.Tests.Models;

public sealed class SegmentationModelTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var (model, labels) = SampleSegmentation.Fit;
        output.WriteLine(model.ToString());
        foreach (var s in model.Segments) output.WriteLine($"{s.DescriptionZh} | {s.DescriptionEn}");
        output.WriteLine(model.Validation.ToString());
        var ids = SampleSegmentation.Ids;
        for (int s = 0; s < model.SegmentCount; s++)
            output.WriteLine(s + ": " + string.Join(", ", ids.Where((id, i) => labels[i] == s).GroupBy(id => SampleSegmentation.Planted[id]).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
    }
}
