using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Tests.Push.Support;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Push;

/// <summary>
/// <c>run</c> in push mode, in-process, against the SOAR, GuardDuty, STS and SQS emulators over loopback HTTP(S) with
/// SigV4: the events of extensions.md §B, as the EventBridge rule delivers them into the FIFO queue, end as §B says.
/// The poller is off here, so every incident comes from the queue.
/// </summary>
[NonParallelizable]
public class PushIntakeEndToEndTests
{
    private PushWorld _world = null!;
    private RunningApp _app = null!;
    private readonly ConcurrentQueue<(long Incident, string Field, object? Value)> _changes = new();

    [OneTimeSetUp]
    public async Task Start()
    {
        _world = await PushWorld.StartAsync(maxReceiveCount: 2);
        _world.Soar.State.IncidentChanged += (_, e) =>
        {
            foreach (var change in e.Changes) _changes.Enqueue((e.Incident.Id, change.Field, change.NewValue));
        };
        _app = _world.StartApp("solo");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task A_finding_event_becomes_an_incident_an_update_flips_the_refresh_trigger_and_archiving_closes_it()
    {
        var finding = _world.NewFindings(1, seed: 101)[0];
        var id = finding.Value<string>("id")!;

        _world.Publish(PushWorld.FindingEvent(finding));
        await PushWorld.WaitUntil(() => _world.IncidentsOf(id).Count > 0, because: "the incident of the finding event");
        var incident = _world.IncidentsOf(id).Single();
        incident.PlanStatus.Should().Be("A");
        incident.Properties[IncidentFields.Region].Should().Be(PushWorld.Region);

        var updated = (JObject)finding.DeepClone();
        updated["updatedAt"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        updated["service"]!["count"] = 7;
        _world.Publish(PushWorld.FindingEvent(updated));
        await PushWorld.WaitUntil(() => TriggerFlips(incident.Id) > 0, because: "the refresh trigger of the update event");

        var archived = (JObject)updated.DeepClone();
        archived["service"]!["archived"] = true;
        _world.Publish(PushWorld.FindingEvent(archived));
        await PushWorld.WaitUntil(() => _world.IncidentsOf(id).Single().PlanStatus == "C", because: "the close of the archive event");
        await PushWorld.WaitUntil(() => _world.Sqs.State.Messages(_world.Queue).Count == 0, because: "every handled message deleted");

        _world.IncidentsOf(id).Should().ContainSingle();
        TriggerFlips(incident.Id).Should().Be(1);
    }

    [Test]
    public async Task An_SNS_wrapped_event_and_the_same_finding_again_make_one_incident()
    {
        var finding = _world.NewFindings(1, seed: 202)[0];
        var id = finding.Value<string>("id")!;

        _world.Publish(SnsWrapped(PushWorld.FindingEvent(finding)));
        _world.Publish(PushWorld.FindingEvent(finding));
        await PushWorld.WaitUntil(() => _world.IncidentsOf(id).Count > 0 && _world.Sqs.State.Messages(_world.Queue).Count == 0,
            because: "both messages handled");

        _world.IncidentsOf(id).Should().ContainSingle();
    }

    [Test]
    public async Task Malware_with_threats_makes_one_incident_and_a_repeated_event_none()
    {
        var bucket = "push-e2e-" + Guid.NewGuid().ToString("N")[..8];
        var scanId = $"s3-malware:{bucket}/uploads/invoice.pdf#3HL4kqtJlcpXroDTDmJ";

        _world.Publish(MalwareEvent(bucket, "THREATS_FOUND"));
        await PushWorld.WaitUntil(() => _world.IncidentsOf(scanId).Count > 0, because: "the malware incident");
        _world.Publish(MalwareEvent(bucket, "THREATS_FOUND"));
        _world.Publish(MalwareEvent(bucket + "-clean", "NO_THREATS_FOUND"));
        await PushWorld.WaitUntil(() => _world.Sqs.State.Messages(_world.Queue).Count == 0, because: "the repeat and the clean scan deleted");

        var incident = _world.IncidentsOf(scanId).Should().ContainSingle().Subject;
        incident.Name.Should().Be($"AWS GuardDuty: Malware found in s3://{bucket}/uploads/invoice.pdf");
        incident.SeverityCode.Should().Be("High");
        _world.Org.GetIncidents().Should().NotContain(i => i.Name != null && i.Name.Contains(bucket + "-clean", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_unknown_event_is_deleted_without_an_incident_and_an_unreadable_message_goes_to_the_dead_letter_queue()
    {
        var before = _world.Org.IncidentCount;
        var dlqBefore = _world.Sqs.State.Messages(_world.DeadLetters).Count;
        var unknown = PushWorld.FindingEvent(_world.NewFindings(1, seed: 303)[0]);
        unknown["source"] = "aws.ec2";
        unknown["detail-type"] = "EC2 Instance State-change Notification";

        _world.Publish(unknown);
        _world.Publish("{not json at all", "poison-" + Guid.NewGuid());
        await PushWorld.WaitUntil(() => _world.Sqs.State.Messages(_world.DeadLetters).Count > dlqBefore, TimeSpan.FromSeconds(90),
            "the unreadable message redriven after maxReceiveCount receives");
        await PushWorld.WaitUntil(() => _world.Sqs.State.Messages(_world.Queue).Count == 0, because: "the unknown event deleted");

        _world.Sqs.State.Messages(_world.DeadLetters).Should().ContainSingle(m => m.Body == "{not json at all");
        _world.Org.IncidentCount.Should().Be(before);
        _app.Running.Should().BeTrue("bad input never ends the process");
    }

    [Test]
    public async Task A_member_account_finding_is_escalated_under_the_administrator_detector_that_lists_it_and_its_archive_event_closes_it()
    {
        // extensions.md §A "Accounts": the administrator's detector lists its members' findings, and the functions act on
        // them through that detector; EventBridge delivers a member's finding to the administrator with the member's account.
        const string member = "135792468013";
        var memberDetector = _world.GuardDuty.State.EnsureDetector(member, PushWorld.Region);
        _world.GuardDuty.State.AddMembers(PushWorld.AwsAccount, [member]);
        var finding = new GuardDutyFindingGenerator(505, new FindingGeneratorOptions
        {
            AccountId = member,
            Region = PushWorld.Region,
            DetectorId = memberDetector.DetectorId,
            StartTime = DateTimeOffset.UtcNow.AddMinutes(-30),
        }).Generate(1).Single();
        _world.GuardDuty.State.AddFinding(memberDetector, finding);
        var id = finding.Value<string>("id")!;
        var evt = PushWorld.FindingEvent(finding);
        evt.Value<string>("account").Should().Be(member);

        _world.Publish(evt);
        await PushWorld.WaitUntil(() => _world.IncidentsOf(id).Count > 0, because: "the incident of the member's finding");
        var incident = _world.IncidentsOf(id).Single();
        incident.Properties[IncidentFields.DetectorId].Should().Be(_world.Detector.DetectorId,
            "the administrator's detector lists the member's finding, and archive and refresh go through it");
        incident.Properties[IncidentFields.AccountId].Should().Be(member);

        var archived = (JObject)finding.DeepClone();
        archived["service"]!["archived"] = true;
        _world.Publish(PushWorld.FindingEvent(archived));
        await PushWorld.WaitUntil(() => _world.IncidentsOf(id).Single().PlanStatus == "C", because: "the close of the archive event");
        _world.IncidentsOf(id).Should().ContainSingle();
    }

    private int TriggerFlips(long incidentId) =>
        _changes.Count(c => c.Incident == incidentId && c.Field == "properties." + IncidentFields.TriggerRefresh && Equals(c.Value, true));

    private static JObject SnsWrapped(JObject inner) => new()
    {
        ["Type"] = "Notification",
        ["MessageId"] = Guid.NewGuid().ToString(),
        ["TopicArn"] = $"arn:aws:sns:{PushWorld.Region}:{PushWorld.AwsAccount}:guardduty-findings",
        ["Message"] = inner.ToString(Newtonsoft.Json.Formatting.None),
        ["Timestamp"] = "2024-03-01T10:20:01.000Z",
        ["SignatureVersion"] = "1",
    };

    /// <summary>A Malware Protection for S3 scan result as AWS documents it, each time with a new event id.</summary>
    private static JObject MalwareEvent(string bucket, string status) => new()
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = "GuardDuty Malware Protection Object Scan Result",
        ["source"] = "aws.guardduty",
        ["account"] = PushWorld.AwsAccount,
        ["time"] = "2024-02-28T01:01:01Z",
        ["region"] = PushWorld.Region,
        ["resources"] = new JArray($"arn:aws:guardduty:{PushWorld.Region}:{PushWorld.AwsAccount}:malware-protection-plan/b4c7f464ab3a4EXAMPLE"),
        ["detail"] = new JObject
        {
            ["schemaVersion"] = "1.0",
            ["scanStatus"] = "COMPLETED",
            ["resourceType"] = "S3_OBJECT",
            ["s3ObjectDetails"] = new JObject
            {
                ["bucketName"] = bucket,
                ["objectKey"] = "uploads/invoice.pdf",
                ["eTag"] = "ASIAI4UDKKHZYLSOAHYJ",
                ["versionId"] = "3HL4kqtJlcpXroDTDmJ",
                ["s3Throttled"] = false,
            },
            ["scanResultDetails"] = new JObject
            {
                ["scanResultStatus"] = status,
                ["threats"] = status == "THREATS_FOUND" ? new JArray(new JObject { ["name"] = "EICAR-Test-File (not a virus)" }) : JValue.CreateNull(),
            },
        },
    };
}
