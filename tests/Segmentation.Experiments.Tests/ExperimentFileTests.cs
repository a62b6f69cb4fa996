using Segmentation.Data;
using Segmentation.Experiments;
using Segmentation.Analytics.Engines;

namespace Segmentation.Experiments.Tests;

public sealed class ExperimentFileTests
{
    private const string Header = "recency,history_segment,history,mens,womens,zip_code,newbie,channel,treatment,conversion,visit,spend\n";

    [Fact]
    public void Bad_rows_become_rejects_with_file_row_column_and_reason_and_counts_reconcile()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("exp.csv", Header +
            "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0.0\n" +   // row 2 ok
            "6,3) $200 - $350,329.08,1,1,Rural,1,Web,Sms,0,0,0.0\n" +                    // row 3 unknown arm
            "7,2) $100 - $200,180.65,0,1,Surburban,1,Web,No E-Mail,0,2,0.0\n" +          // row 4 visit = 2
            "9,5) $500 - $750,675.83,1,0,Rural,1,Web,Mens E-Mail,0,1,abc\n" +            // row 5 spend not a number
            "2,1) $0 - $100,45.34,1,0,Urban,0,Web,No E-Mail,,0,0.0\n" +                  // row 6 conversion missing
            "6,\"a,b\",1,1,1\n" +                                                          // row 7 malformed
            "6,2) $100 - $200,134.83,0,1,Surburban,0,Phone,Mens E-Mail,1,1,29.99\n");   // row 8 ok
        var data = ExperimentFile.Read(path, ExperimentSchema.Hillstrom);
        Assert.Equal(7, data.RowsRead);
        Assert.Equal(2, data.Count);
        Assert.True(data.Reconciles);
        Assert.Equal([2L, 8L], data.RowNumbers);
        var byRow = data.Rejects.ToDictionary(r => r.Row);
        Assert.Equal(("treatment", RejectRules.Category), (byRow[3].Column, byRow[3].Rule));
        Assert.Contains("expected one of No E-Mail, Mens E-Mail, Womens E-Mail", byRow[3].Reason);
        Assert.Equal("Sms", byRow[3].Value);
        Assert.Equal(("visit", RejectRules.Range), (byRow[4].Column, byRow[4].Rule));
        Assert.Equal(("spend", RejectRules.Type), (byRow[5].Column, byRow[5].Rule));
        Assert.Equal(("conversion", RejectRules.Missing), (byRow[6].Column, byRow[6].Rule));
        Assert.Equal(RejectRules.Malformed, byRow[7].Rule);
        Assert.All(data.Rejects, r => Assert.Equal(path, r.File));
        Assert.Equal(["No E-Mail", "Mens E-Mail", "Womens E-Mail"], data.Arms);
        Assert.Equal([2, 1], data.Arm);
        Assert.Equal(29.99, data.OutcomeValues("spend")[1]);
        Assert.Equal(["Phone", "Phone"], data.CategoricalFeatures["channel"]);
        Assert.Equal([142.44, 134.83], data.NumericFeature("history"));
    }

    [Fact]
    public void A_missing_required_column_names_file_row_1_and_the_column()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("exp.csv", "treatment,visit\nNo E-Mail,1\n");
        var e = Assert.Throws<DataFileException>(() => ExperimentFile.Read(path, ExperimentSchema.Hillstrom));
        Assert.Equal(1, e.Row);
        Assert.Equal("spend", e.Column);
        Assert.Contains("required column 'spend' not found", e.Message);
    }

    [Fact]
    public void Parquet_and_csv_give_the_same_accepted_rows()
    {
        using var dir = new TempDirectory();
        var parquet = dir.File("h.parquet");
        using (var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2000, 1, 1))))
            ws.Execute($"COPY (SELECT * FROM read_csv_auto('{HillstromExperiment.File}') LIMIT 3000) TO '{parquet}' (FORMAT parquet)");
        var fromParquet = ExperimentFile.Read(parquet, ExperimentSchema.Hillstrom);
        var fromCsv = ExperimentFile.Read(HillstromExperiment.File, ExperimentSchema.Hillstrom).Subset(Enumerable.Range(0, 3000).ToArray());
        Assert.Equal(3000, fromParquet.Count);
        Assert.Equal(fromCsv.Arm, fromParquet.Arm);
        Assert.Equal(fromCsv.OutcomeValues("spend"), fromParquet.OutcomeValues("spend"));
        Assert.Equal(fromCsv.Segments, fromParquet.Segments);
        Assert.Equal(Enumerable.Range(1, 3000).Select(i => (long)i), fromParquet.RowNumbers);
    }

    [Fact]
    public void Without_treatment_labels_every_label_is_an_arm_with_the_control_first()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("e.csv", "arm,y\nB,1\nctl,0\nA,1\nctl,1\n");
        var data = ExperimentFile.Read(path, new ExperimentSchema("arm", "ctl", [ExperimentOutcome.Binary("y")]));
        Assert.Equal(["ctl", "A", "B"], data.Arms);
        Assert.Equal([2, 0, 1, 0], data.Arm);
        Assert.Empty(data.Rejects);
    }

    [Fact]
    public void A_feature_that_is_also_an_outcome_is_refused_by_name()
    {
        var schema = ExperimentSchema.Hillstrom with { FeatureColumns = ["recency", "spend"] };
        var e = Assert.Throws<ArgumentException>(() => schema.Validate());
        Assert.Equal("FeatureColumns", e.ParamName);
        Assert.Contains("'spend'", e.Message);
    }
}
