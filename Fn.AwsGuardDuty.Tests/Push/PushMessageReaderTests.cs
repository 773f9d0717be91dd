using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Push;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Push;

public class PushMessageReaderTests
{
    private readonly PushMessageReader reader = new();

    [Test]
    public void A_finding_event_gives_the_wire_finding_and_its_boto_shape()
    {
        var item = reader.Read(PushEvents.FindingEvent().ToString(Formatting.None));

        var finding = item.Should().BeOfType<PushFinding>().Subject;
        finding.Event.Id.Should().Be("c8f8e2d4-1111-2222-3333-444455556666");
        finding.Region.Should().Be("eu-west-1");
        finding.Finding.Id.Should().Be("4ec4a3a5b3d0e8b3f0d1c2a9e8f7a6b5");
        finding.Finding.UpdatedAtText.Should().Be("2024-03-01T10:15:00.000Z");
        finding.Finding.Archived.Should().BeFalse();
        finding.Finding.Severity.Should().Be(5);
        finding.Boto.Value<string>("Id").Should().Be("4ec4a3a5b3d0e8b3f0d1c2a9e8f7a6b5");
        finding.Boto["Service"]!.Value<int>("Count").Should().Be(3);
        finding.Boto["Service"]!.Value<bool>("Archived").Should().BeFalse();
        finding.Boto["Resource"]!["InstanceDetails"]!.Value<string>("InstanceId").Should().Be("i-0123456789abcdef0");
    }

    [Test]
    public void An_archived_finding_says_so()
    {
        var item = reader.Read(PushEvents.FindingEvent(PushEvents.WireFinding(archived: true)).ToString());

        item.Should().BeOfType<PushFinding>().Which.Finding.Archived.Should().BeTrue();
    }

    [Test]
    public void An_sns_notification_is_unwrapped_first()
    {
        var item = reader.Read(PushEvents.SnsWrapped(PushEvents.FindingEvent()).ToString());

        item.Should().BeOfType<PushFinding>().Which.Finding.Id.Should().Be("4ec4a3a5b3d0e8b3f0d1c2a9e8f7a6b5");
    }

    [Test]
    public void A_malware_scan_with_threats_becomes_a_malware_incident()
    {
        var item = reader.Read(PushEvents.SnsWrapped(PushEvents.MalwareEvent()).ToString());

        var incident = item.Should().BeOfType<PushMalware>().Subject.Incident;
        incident.FindingId.Should().Be("s3-malware:amzn-s3-demo-bucket/uploads/invoice.pdf#d41d8cd98f00b204e9800998ecf8427e");
        incident.Name.Should().Be("AWS GuardDuty: Malware found in s3://amzn-s3-demo-bucket/uploads/invoice.pdf");
        incident.Region.Should().Be("us-east-1");
        incident.ThreatNames.Should().Equal("EICAR-Test-File (not a virus)", "Trojan.GenericKD");
    }

    [Test]
    public void Without_a_version_id_the_etag_names_the_object_version()
    {
        var item = reader.Read(PushEvents.MalwareEvent(versionId: null).ToString());

        item.Should().BeOfType<PushMalware>().Which.Incident.FindingId
            .Should().Be("s3-malware:amzn-s3-demo-bucket/uploads/invoice.pdf#0e8c7f6b5a4d3c2b1a0f9e8d7c6b5a4f");
    }

    [TestCase("NO_THREATS_FOUND")]
    [TestCase("UNSUPPORTED")]
    [TestCase("ACCESS_DENIED")]
    [TestCase("FAILED")]
    public void Other_scan_statuses_are_ignored(string status)
    {
        var item = reader.Read(PushEvents.MalwareEvent(status).ToString());

        var ignored = item.Should().BeOfType<PushIgnored>().Subject;
        ignored.Reason.Should().Be(PushIgnoredReason.MalwareScanWithoutThreats);
        ignored.Detail.Should().Contain(status);
    }

    [Test]
    public void Other_events_are_unknown()
    {
        var otherSource = PushEvents.FindingEvent();
        otherSource["source"] = "aws.securityhub";
        var otherType = PushEvents.FindingEvent();
        otherType["detail-type"] = "GuardDuty Runtime Protection Unhealthy";

        reader.Read(otherSource.ToString()).Should().BeOfType<PushIgnored>().Which.Reason.Should().Be(PushIgnoredReason.UnknownEvent);
        reader.Read(otherType.ToString()).Should().BeOfType<PushIgnored>().Which.Detail.Should().Contain("Runtime Protection");
    }

    [TestCase("")]
    [TestCase("not json at all")]
    [TestCase("[1,2,3]")]
    [TestCase("{\"id\":\"x\",\"source\":\"aws.guardduty\"}")]
    [TestCase("{\"Type\":\"Notification\",\"Message\":\"{broken\"}")]
    [TestCase("{\"version\":\"0\",\"id\":\"e\",\"source\":\"aws.guardduty\",\"detail-type\":\"GuardDuty Finding\",\"detail\":\"text\"}")]
    [TestCase("{\"version\":\"0\",\"id\":\"e\",\"source\":\"aws.guardduty\",\"detail-type\":\"GuardDuty Finding\",\"detail\":{\"type\":\"X\"}}")]
    [TestCase("{\"id\":\"e\",\"source\":\"aws.guardduty\",\"detail-type\":\"GuardDuty Malware Protection Object Scan Result\",\"region\":\"us-east-1\",\"detail\":{\"scanResultDetails\":{\"scanResultStatus\":\"THREATS_FOUND\"},\"s3ObjectDetails\":{\"bucketName\":\"b\"}}}")]
    [TestCase("{\"a\":1} trailing")]
    public void Unreadable_bodies_are_left_for_the_redrive_policy(string body)
    {
        reader.Read(body).Should().BeOfType<PushUnreadable>().Which.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public void The_malware_incident_payload_has_the_contract_fields()
    {
        var incident = ((PushMalware)reader.Read(PushEvents.MalwareEvent().ToString())).Incident;

        var payload = incident.ToIncidentPayloadJson();

        payload.Value<string>("name").Should().Be("AWS GuardDuty: Malware found in s3://amzn-s3-demo-bucket/uploads/invoice.pdf");
        payload.Value<string>("severity_code").Should().Be("High");
        payload["description"]!.Value<string>("content").Should().Contain("EICAR-Test-File (not a virus)").And.Contain("Trojan.GenericKD");
        payload.Value<long>("discovered_date").Should().Be(1709082061000);
        payload["properties"]!.Value<string>(IncidentFields.FindingId).Should().Be("s3-malware:amzn-s3-demo-bucket/uploads/invoice.pdf#d41d8cd98f00b204e9800998ecf8427e");
        payload["properties"]!.Value<string>(IncidentFields.Region).Should().Be("us-east-1");
        var artifacts = payload["artifacts"]!.Select(a => (a["type"]!.Value<string>("name"), a.Value<string>("value"))).ToList();
        artifacts.Should().Equal(
            ("aws_s3_bucket_name", "amzn-s3-demo-bucket"),
            ("String", "EICAR-Test-File (not a virus)"),
            ("String", "Trojan.GenericKD"));
        var note = payload["comments"]!.Single()["text"]!.Value<string>("content")!;
        note.Should().StartWith(MalwareScanIncident.NoteHeading);
        JObject.Parse(note[MalwareScanIncident.NoteHeading.Length..])["id"]!.Value<string>().Should().Be("72c7d362-737a-6dce-fc78-9e27a0171419");
    }

    [Test]
    public void A_repeated_malware_event_for_the_same_object_version_has_the_same_finding_id()
    {
        var first = ((PushMalware)reader.Read(PushEvents.MalwareEvent(eventId: "one").ToString())).Incident;
        var again = ((PushMalware)reader.Read(PushEvents.MalwareEvent(eventId: "two").ToString())).Incident;

        again.FindingId.Should().Be(first.FindingId);
    }

    [Test]
    public void The_backstop_deduplication_id_is_finding_id_and_updatedAt_within_128_characters()
    {
        PushEventTypes.FindingDeduplicationId("4ec4a3a5", "2024-03-01T10:15:00.000Z").Should().Be("4ec4a3a5#2024-03-01T10:15:00.000Z");
        PushEventTypes.FindingDeduplicationId(new string('a', 200), "2024-03-01T10:15:00.000Z").Should().HaveLength(64);
    }
}
