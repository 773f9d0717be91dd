using Fn.AwsGuardDuty.Findings;
using C = Fn.AwsGuardDuty.Findings.DataTables.SequenceSignals;

namespace Fn.AwsGuardDuty.Tests.Findings;

/// <summary>The linking component: incident ids for the FINDING signals of a sequence, from a finding-id lookup.</summary>
public class SequenceLinkerTests
{
    private const string TorFinding = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private static IReadOnlyList<DataTableRow> IamSignals() =>
        new FindingMapper(FixedTimeProvider.Default)
            .Map(new Fn.AwsGuardDuty.GuardDuty.Conversion.FindingConverter().ToBoto(VectorFiles.Sample(VectorFiles.IamSequenceWire)), "us-east-1")
            .Rows(C.Name);

    [TestCase("arn:aws:guardduty:us-east-1:111122223333:detector/3ec8/finding/" + TorFinding, TorFinding)]
    [TestCase("arn:aws-us-gov:guardduty:us-gov-west-1:111122223333:detector/d/finding/abc", "abc")]
    [TestCase("cloudtrail-listusers-7d1e", null)]
    [TestCase("arn:aws:s3:::bucket/finding/x", null)]
    [TestCase("arn:aws:guardduty:us-east-1:1:detector/d/finding/", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void The_finding_id_is_the_last_part_of_a_guardduty_finding_arn(string? uid, string? expected) =>
        SequenceLinker.FindingIdOf(uid).Should().Be(expected);

    [Test]
    public void Only_finding_signals_with_an_incident_get_its_id()
    {
        var rows = IamSignals();
        SequenceLinker.FindingIds(rows).Should().Equal(TorFinding);

        var links = SequenceLinker.Link(rows, new Dictionary<string, long> { [TorFinding] = 4711, ["unrelated"] = 1 });

        links.Rows.Select(r => r[C.IncidentId]).Should().Equal("4711", null, null);
        links.Linked.Should().Equal(new SignalLink(TorFinding, 4711));
        links.Rows[0][C.SignalUid].Should().Be(rows[0][C.SignalUid]);
        links.Rows[0].Cells.Should().HaveCount(rows[0].Cells.Count + 1);
        links.Rows.Skip(1).Should().Equal(rows.Skip(1), "rows that are not linked are passed through");
    }

    [Test]
    public void Without_an_incident_nothing_is_linked_and_linking_again_replaces_the_id()
    {
        var rows = IamSignals();

        SequenceLinker.Link(rows, new Dictionary<string, long>()).Linked.Should().BeEmpty();
        var once = SequenceLinker.Link(rows, new Dictionary<string, long> { [TorFinding] = 1 });
        var twice = SequenceLinker.Link(once.Rows, new Dictionary<string, long> { [TorFinding] = 2 });

        twice.Rows[0][C.IncidentId].Should().Be("2");
        twice.Rows[0].Cells.Count(c => c.Key == C.IncidentId).Should().Be(1);
    }
}
