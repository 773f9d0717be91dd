using Fn.AwsGuardDuty.Findings;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Findings;

public class SeverityMappingTests
{
    [TestCase(0.0, "Low")]
    [TestCase(1.0, "Low")]
    [TestCase(3.9, "Low")]
    [TestCase(3.95, "Low")]   // the reference's gap between 3.9 and 4.0
    [TestCase(4.0, "Medium")]
    [TestCase(6.9, "Medium")]
    [TestCase(6.95, "Medium")] // the reference's gap between 6.9 and 7.0
    [TestCase(7.0, "High")]
    [TestCase(8.9, "High")]
    [TestCase(9.0, "High")]   // Critical: the reference raises
    [TestCase(10.0, "High")]
    [TestCase(-1.0, "Low")]
    [TestCase(11.0, "High")]
    [TestCase(double.NaN, "Low")]
    public void Every_value_maps_to_a_band(double severity, string code) =>
        SeverityMapping.ToSeverityCode(severity).Should().Be(code);

    [TestCase("0", "Low", "0")]
    [TestCase("3.9", "Low", "3.9")]
    [TestCase("4.0", "Medium", "4")]
    [TestCase("6.9", "Medium", "6.9")]
    [TestCase("7.0", "High", "7")]
    [TestCase("8.9", "High", "8.9")]
    [TestCase("9.0", "High", "9")]
    [TestCase("9.5", "High", "9.5")]
    [TestCase("10.0", "High", "10")]
    [TestCase("5.5", "Medium", "5.5")]
    public void The_mapper_sets_the_code_and_keeps_the_number_as_text(string severityJson, string code, string text)
    {
        var mapped = TestFindings.Map(TestFindings.With($$"""{ "Severity": {{severityJson}} }"""));

        mapped.Payload.SeverityCode.Should().Be(code);
        mapped.Payload.Properties[IncidentFields.Severity].Should().Be(text);
        mapped.Rows(DataTables.FindingOverview.Name).Single()[DataTables.FindingOverview.Severity].Should().Be(text);
    }

    [Test]
    public void Eight_and_eight_point_zero_give_the_same_text()
    {
        var integer = TestFindings.Map(TestFindings.With("""{ "Severity": 8 }"""));
        var real = TestFindings.Map(TestFindings.With("""{ "Severity": 8.0 }"""));

        integer.Payload.Properties[IncidentFields.Severity].Should().Be("8");
        real.Payload.Properties[IncidentFields.Severity].Should().Be("8");
        // Everything but the note (which shows the finding as GuardDuty wrote it) is the same.
        real.ToIncidentPayloadJson(includeNote: false).ToString().Should().Be(integer.ToIncidentPayloadJson(includeNote: false).ToString());
        real.ToDataTablesJson().ToString().Should().Be(integer.ToDataTablesJson().ToString());
    }

    [Test]
    public void Severity_as_numeric_text_is_read_and_kept_as_written()
    {
        var mapped = TestFindings.Map(TestFindings.With("""{ "Severity": "7.5" }"""));

        mapped.Payload.SeverityCode.Should().Be("High");
        mapped.Payload.Properties[IncidentFields.Severity].Should().Be("7.5");
    }

    [Test]
    public void A_missing_or_unreadable_severity_is_low_and_never_throws()
    {
        var missing = TestFindings.Minimal();
        missing.Remove("Severity");

        TestFindings.Map(missing).Payload.SeverityCode.Should().Be("Low");
        TestFindings.Map(missing).Payload.Properties[IncidentFields.Severity].Should().BeNull();
        TestFindings.Map(TestFindings.With("""{ "Severity": "critical" }""")).Payload.SeverityCode.Should().Be("Low");
        TestFindings.Map(TestFindings.With("""{ "Severity": { "Value": 9 } }""")).Payload.SeverityCode.Should().Be("Low");
    }

    [Test]
    public void Critical_is_reported_by_IsCritical()
    {
        SeverityMapping.IsCritical(8.9).Should().BeFalse();
        SeverityMapping.IsCritical(9.0).Should().BeTrue();
        SeverityMapping.ToSeverityCode(JValue.CreateNull()).Should().Be("Low");
    }
}
