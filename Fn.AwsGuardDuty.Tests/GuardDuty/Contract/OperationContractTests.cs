using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Contract;

/// <summary>Every operation of wire spec §2 through the real client against the emulator.</summary>
public class OperationContractTests : EmulatorContractFixture
{
    [Test]
    public async Task Detectors_are_created_listed_read_and_deleted()
    {
        foreach (var old in State.Detectors().Where(k => k.AccountId == Account && k.Region == "eu-north-1")) State.DeleteDetector(old);
        var client = (await NewFactoryAsync()).GetClient("eu-north-1");

        var id = await client.CreateDetectorAsync(new CreateDetectorRequest { FindingPublishingFrequency = "SIX_HOURS", Tags = new Dictionary<string, string> { ["team"] = "sec" } });

        (await client.ListDetectorsAsync().ToListAsync()).Should().Equal(id);
        var detector = await client.GetDetectorAsync(id);
        detector.IsEnabled.Should().BeTrue();
        detector.FindingPublishingFrequency.Should().Be("SIX_HOURS");
        detector.ServiceRole.Should().Contain("AWSServiceRoleForAmazonGuardDuty");
        detector.Tags.Should().Contain("team", "sec");
        new FindingConverter().ToBoto(detector.Raw, FindingConverter.GetDetectorResponseShape)["Status"]!.Value<string>().Should().Be("ENABLED");

        await client.DeleteDetectorAsync(id);
        (await client.ListDetectorsAsync().ToListAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task An_unknown_detector_is_a_bad_request_that_surfaces_at_once()
    {
        var factory = await NewFactoryAsync();
        var act = () => factory.GetClient(Region).GetDetectorAsync("0123456789abcdef0123456789abcdef");

        var error = (await act.Should().ThrowAsync<GuardDutyServiceException>()).Which;

        error.Kind.Should().Be(GuardDutyErrorKind.BadRequest);
        error.ErrorCode.Should().Be("BadRequestException");
        error.ErrorSubType.Should().Be("InvalidInputException");
        error.RequestId.Should().NotBeNullOrEmpty();
        error.Attempts.Should().Be(1);
        factory.Counters.HttpAttempts.Should().Be(1);
        State.Calls.Count("GetDetector", Region).Should().BeGreaterThanOrEqualTo(1);
    }

    [Test]
    public async Task ListFindings_pages_through_everything_and_stops_on_a_missing_or_empty_token([Values] bool emptyTokenAtEnd)
    {
        var detector = NewDetector();
        var seeded = Seed(detector, 120);
        State.EmptyNextTokenOnLastPage = emptyTokenAtEnd;
        var factory = await NewFactoryAsync();

        var ids = await factory.GetClient(Region).ListFindingsAsync(detector.DetectorId).ToListAsync();

        ids.Should().BeEquivalentTo(seeded.Select(f => (string)f["id"]!));
        ids.Should().OnlyHaveUniqueItems();
        factory.Counters.CallsOf("ListFindings").Should().Be(3);

        var small = await factory.GetClient(Region).ListFindingsAsync(detector.DetectorId, pageSize: 7).ToListAsync();
        small.Should().HaveCount(120);
        factory.Counters.CallsOf("ListFindings").Should().Be(3 + 18);
    }

    [Test]
    public async Task ListFindings_applies_criteria_and_sort()
    {
        var detector = NewDetector();
        var seeded = Seed(detector, 80);
        var client = (await NewFactoryAsync()).GetClient(Region);
        var cutoff = seeded.Select(f => DateTimeOffset.Parse((string)f["updatedAt"]!)).Order().ElementAt(40);

        var criteria = new FindingCriteria().Archived(false).GreaterThanOrEqual("severity", 7).GreaterThanOrEqual("updatedAt", cutoff);
        var ids = await client.ListFindingsAsync(detector.DetectorId, criteria, new SortCriteria("severity", SortOrder.Descending)).ToListAsync();

        var expected = seeded.Where(f => (double)f["severity"]! >= 7 && DateTimeOffset.Parse((string)f["updatedAt"]!) >= cutoff)
            .Select(f => (string)f["id"]!).ToList();
        ids.Should().BeEquivalentTo(expected);
        var severities = (await client.GetFindingsAsync(detector.DetectorId, ids)).Select(f => (double)f["severity"]!).ToList();
        severities.Should().BeInDescendingOrder();
    }

    [Test]
    public async Task GetFindings_asks_in_batches_of_50_and_returns_every_finding()
    {
        var detector = NewDetector();
        var seeded = Seed(detector, 120);
        var ids = seeded.Select(f => (string)f["id"]!).ToList();
        var factory = await NewFactoryAsync();
        State.Calls.Reset();

        var findings = await factory.GetClient(Region).GetFindingsAsync(detector.DetectorId, ids.Concat(ids.Take(5)));

        findings.Select(f => (string)f["id"]!).Should().BeEquivalentTo(ids);
        factory.Counters.CallsOf("GetFindings").Should().Be(3);
        State.Calls.Count("GetFindings").Should().Be(3);
        var boto = new FindingConverter().ToBoto(findings[0]);
        boto["Id"].Should().NotBeNull();
        boto["Service"]!["DetectorId"]!.Value<string>().Should().Be(detector.DetectorId);
        boto["Resource"]!["ResourceType"].Should().NotBeNull();
    }

    [Test]
    public async Task GetFindings_as_JSON_text_gives_each_finding_as_the_tree_call_does()
    {
        var detector = NewDetector();
        var ids = Seed(detector, 60).Select(f => (string)f["id"]!).ToList();
        var factory = await NewFactoryAsync();
        var client = factory.GetClient(Region);
        State.Calls.Reset();

        var texts = await client.GetFindingsJsonAsync(detector.DetectorId, ids);

        State.Calls.Count("GetFindings").Should().Be(2);
        var trees = await client.GetFindingsAsync(detector.DetectorId, ids);
        texts.Should().HaveCount(60);
        texts.Select(t => JObject.Parse(t)).Should().BeEquivalentTo(trees, options => options.WithStrictOrdering());
    }

    [Test]
    public async Task Archive_unarchive_and_feedback_go_in_batches_of_50()
    {
        var detector = NewDetector();
        var ids = Seed(detector, 120).Select(f => (string)f["id"]!).ToList();
        var factory = await NewFactoryAsync();
        var client = factory.GetClient(Region);
        State.Calls.Reset();

        await client.ArchiveFindingsAsync(detector.DetectorId, ids);
        State.Calls.Count("ArchiveFindings").Should().Be(3);
        factory.Counters.CallsOf("ArchiveFindings").Should().Be(3);
        ids.Should().OnlyContain(id => (bool)State.GetFinding(detector, id)!["service"]!["archived"]!);
        (await client.ListFindingsAsync(detector.DetectorId, new FindingCriteria().Archived(false)).ToListAsync()).Should().BeEmpty();

        await client.UnarchiveFindingsAsync(detector.DetectorId, ids.Take(60));
        State.Calls.Count("UnarchiveFindings").Should().Be(2);
        (await client.ListFindingsAsync(detector.DetectorId, new FindingCriteria().Archived(false)).ToListAsync()).Should().HaveCount(60);

        await client.UpdateFindingsFeedbackAsync(detector.DetectorId, ids.Take(51), FindingFeedback.NotUseful, "false positive");
        State.Calls.Count("UpdateFindingsFeedback").Should().Be(2);
        ids.Take(51).Should().OnlyContain(id => (string?)State.GetFinding(detector, id)!["service"]!["userFeedback"] == "NOT_USEFUL");

        await client.ArchiveFindingsAsync(detector.DetectorId, []);
        State.Calls.Count("ArchiveFindings").Should().Be(3, "nothing to archive, nothing sent");
    }

    [Test]
    public async Task Statistics_by_group_and_by_the_deprecated_type()
    {
        var detector = NewDetector();
        var seeded = Seed(detector, 40);
        var client = (await NewFactoryAsync()).GetClient(Region);

        var bySeverity = await client.GetFindingsStatisticsAsync(detector.DetectorId,
            new FindingStatisticsRequest { GroupBy = "SEVERITY", OrderBy = SortOrder.Descending, MaxResults = 100 });
        bySeverity["groupedBySeverity"]!.Sum(g => (int)g["totalFindings"]!).Should().Be(seeded.Count);

        var counts = await client.GetFindingsStatisticsAsync(detector.DetectorId, new FindingStatisticsRequest
        {
            FindingStatisticTypes = ["COUNT_BY_SEVERITY"],
            Criteria = new FindingCriteria().GreaterThanOrEqual("severity", 7),
        });
        ((JObject)counts["countBySeverity"]!).Properties().Sum(p => (int)p.Value).Should()
            .Be(seeded.Count(f => (double)f["severity"]! >= 7));

        var boto = new FindingConverter().ToBoto(bySeverity, FindingConverter.FindingStatisticsShape);
        boto["GroupedBySeverity"]![0]!["TotalFindings"].Should().NotBeNull();

        var both = () => client.GetFindingsStatisticsAsync(detector.DetectorId, new FindingStatisticsRequest());
        await both.Should().ThrowAsync<ArgumentException>();
    }

    [Test]
    public async Task Sample_findings_are_created_by_type()
    {
        var detector = NewDetector();
        var client = (await NewFactoryAsync()).GetClient(Region);

        await client.CreateSampleFindingsAsync(detector.DetectorId, ["Recon:EC2/PortProbeUnprotectedPort", "Policy:IAMUser/RootCredentialUsage"]);

        var ids = await client.ListFindingsAsync(detector.DetectorId,
            new FindingCriteria().Equal("type", "Recon:EC2/PortProbeUnprotectedPort", "Policy:IAMUser/RootCredentialUsage")).ToListAsync();
        ids.Should().HaveCount(2);
    }

    [TestCase(ThreatListKind.IpSet)]
    [TestCase(ThreatListKind.ThreatIntelSet)]
    public async Task Threat_lists_have_the_full_lifecycle(ThreatListKind kind)
    {
        var detector = NewDetector();
        var client = (await NewFactoryAsync()).GetClient(Region);

        var id = await client.CreateThreatListAsync(kind, detector.DetectorId,
            new CreateThreatListRequest("trusted-office", "TXT", "s3://bucket/list.txt", Activate: true)
            {
                Tags = new Dictionary<string, string> { ["owner"] = "soc" },
            });
        (await client.ListThreatListsAsync(kind, detector.DetectorId).ToListAsync()).Should().Equal(id);

        var details = await client.GetThreatListAsync(kind, detector.DetectorId, id);
        details.Name.Should().Be("trusted-office");
        details.Format.Should().Be("TXT");
        details.Location.Should().Be("s3://bucket/list.txt");
        details.Status.Should().BeOneOf("ACTIVE", "ACTIVATING");
        details.Tags.Should().Contain("owner", "soc");

        await client.UpdateThreatListAsync(kind, detector.DetectorId, id,
            new UpdateThreatListRequest { Name = "trusted-office-2", Activate = false });
        var updated = await client.GetThreatListAsync(kind, detector.DetectorId, id);
        updated.Name.Should().Be("trusted-office-2");
        updated.Status.Should().BeOneOf("INACTIVE", "DEACTIVATING");

        await client.DeleteThreatListAsync(kind, detector.DetectorId, id);
        var afterDelete = await client.ListThreatListsAsync(kind, detector.DetectorId).ToListAsync();
        if (afterDelete.Contains(id))
            (await client.GetThreatListAsync(kind, detector.DetectorId, id)).Status.Should().BeOneOf("DELETED", "DELETE_PENDING");

        var missing = () => client.GetThreatListAsync(kind, detector.DetectorId, "0000000000000000000000000000dead");
        (await missing.Should().ThrowAsync<GuardDutyServiceException>()).Which.Kind.Should().Be(GuardDutyErrorKind.BadRequest);
    }

    [Test]
    public async Task Named_ip_set_and_threat_intel_set_operations_reach_their_own_routes()
    {
        var detector = NewDetector();
        var factory = await NewFactoryAsync();
        var client = factory.GetClient(Region);

        var ip = await client.CreateIpSetAsync(detector.DetectorId, new CreateThreatListRequest("ips", "TXT", "s3://b/ips.txt", true));
        var intel = await client.CreateThreatIntelSetAsync(detector.DetectorId, new CreateThreatListRequest("bad", "STIX", "s3://b/bad.xml", false));

        (await client.ListIpSetsAsync(detector.DetectorId).ToListAsync()).Should().Equal(ip);
        (await client.ListThreatIntelSetsAsync(detector.DetectorId).ToListAsync()).Should().Equal(intel);
        (await client.GetThreatIntelSetAsync(detector.DetectorId, intel)).Format.Should().Be("STIX");
        await client.UpdateIpSetAsync(detector.DetectorId, ip, new UpdateThreatListRequest { Location = "s3://b/ips2.txt" });
        (await client.GetIpSetAsync(detector.DetectorId, ip)).Location.Should().Be("s3://b/ips2.txt");
        await client.DeleteIpSetAsync(detector.DetectorId, ip);
        await client.DeleteThreatIntelSetAsync(detector.DetectorId, intel);
        State.Calls.Count("CreateIPSet").Should().BeGreaterThan(0);
        State.Calls.Count("CreateThreatIntelSet").Should().BeGreaterThan(0);
    }
}
