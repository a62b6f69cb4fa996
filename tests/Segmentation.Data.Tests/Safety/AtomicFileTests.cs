using Segmentation.Analytics.Serialization;

namespace Segmentation.Data.Tests.Safety;

/// <summary>Outputs appear whole or not at all (<see cref="AtomicFile"/>, <see cref="OutputSet"/>).</summary>
public sealed class AtomicFileTests
{
    [Fact]
    public void A_writer_failing_half_way_leaves_the_old_file_and_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("rfm.csv", "old\n");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
        {
            for (int i = 0; i < 10_000; i++) w.WriteLine("new row " + i);
            throw new InvalidOperationException("disk full (simulated)");
        }));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal(["rfm.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_folder_as_output_is_refused_naming_it()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<OutputFileException>(() => AtomicFile.WriteAllText(dir.Path, "x"));
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("folder", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void An_output_set_appears_together_or_not_at_all()
    {
        using var dir = new TempDirectory();
        var rejects = dir.Write("rejects.csv", "old rejects\n");
        var rfm = dir.Write("rfm.csv", "old rfm\n");
        using (var set = new OutputSet())
        {
            set.AddText(rejects, w => w.Write("new rejects\n"));
            Assert.Throws<InvalidOperationException>(() => set.AddText(rfm, _ => throw new InvalidOperationException("cancelled half way")));
            // Disposed without commit: nothing changes, nothing is left behind.
        }
        Assert.Equal("old rejects\n", File.ReadAllText(rejects));
        Assert.Equal("old rfm\n", File.ReadAllText(rfm));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);

        using (var set = new OutputSet())
        {
            set.AddText(rejects, w => w.Write("new rejects\n"));
            set.AddText(rfm, w => w.Write("new rfm\n"));
            Assert.Equal("old rfm\n", File.ReadAllText(rfm)); // staged, not yet visible
            set.Commit();
        }
        Assert.Equal("new rejects\n", File.ReadAllText(rejects));
        Assert.Equal("new rfm\n", File.ReadAllText(rfm));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }
}
