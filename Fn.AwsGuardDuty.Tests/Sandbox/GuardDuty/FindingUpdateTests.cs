using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>ArchiveFindings, UnarchiveFindings, UpdateFindingsFeedback, and the seeding API's own updates.</summary>
public class FindingUpdateTests : EmulatorFixture
{
    [Test]
    public async Task Archive_then_unarchive_flips_service_archived()
    {
        var (detector, ids) = Seeded(4);

        (await Client().PostAsync(FindingsPath(detector, "/archive"), new JObject { ["findingIds"] = new JArray(ids[0], ids[1], "no-such-id") })).ShouldBeOk();
        var unarchived = await ListUnarchived(detector);
        (await Client().PostAsync(FindingsPath(detector, "/unarchive"), new JObject { ["findingIds"] = new JArray(ids[1]) })).ShouldBeOk();

        unarchived.Should().BeEquivalentTo(ids[2], ids[3]);
        State.GetFinding(detector, ids[0])!.SelectToken("service.archived")!.Value<bool>().Should().BeTrue();
        State.GetFinding(detector, ids[1])!.SelectToken("service.archived")!.Value<bool>().Should().BeFalse();
        (await ListUnarchived(detector)).Should().BeEquivalentTo(ids[1], ids[2], ids[3]);
    }

    [Test]
    public async Task Archive_leaves_updatedAt_alone_unless_switched_on()
    {
        var (detector, ids) = Seeded(2);
        var before = State.GetFinding(detector, ids[0])!.Value<string>("updatedAt");
        var beforeSecond = DateTimeOffset.Parse(State.GetFinding(detector, ids[1])!.Value<string>("updatedAt")!);

        await Client().PostAsync(FindingsPath(detector, "/archive"), new JObject { ["findingIds"] = new JArray(ids[0]) });
        State.BumpUpdatedAtOnChange = true;
        await Client().PostAsync(FindingsPath(detector, "/archive"), new JObject { ["findingIds"] = new JArray(ids[1]) });

        State.GetFinding(detector, ids[0])!.Value<string>("updatedAt").Should().Be(before);
        DateTimeOffset.Parse(State.GetFinding(detector, ids[1])!.Value<string>("updatedAt")!).Should().BeAfter(beforeSecond);
    }

    [Test]
    public async Task Feedback_is_recorded_on_the_finding()
    {
        var (detector, ids) = Seeded(2);

        (await Client().PostAsync(FindingsPath(detector, "/feedback"), new JObject { ["findingIds"] = new JArray(ids), ["feedback"] = "NOT_USEFUL", ["comments"] = "test traffic" })).ShouldBeOk();

        State.Findings(detector).Select(f => (string?)f.SelectToken("service.userFeedback")).Should().AllBe("NOT_USEFUL");
    }

    [Test]
    public async Task UpdateFinding_moves_updatedAt_forward_and_makes_it_visible_to_an_updatedAt_query()
    {
        var (detector, ids) = Seeded(3);
        var newest = State.Findings(detector).Max(f => DateTimeOffset.Parse((string)f["updatedAt"]!).ToUnixTimeMilliseconds());

        var updated = State.UpdateFinding(detector, ids[1], finding => finding["severity"] = 9.5);
        var response = await Client().PostAsync(FindingsPath(detector), new JObject
        {
            ["findingCriteria"] = new JObject { ["criterion"] = new JObject { ["updatedAt"] = new JObject { ["greaterThan"] = newest } } },
        });

        ((double)updated["severity"]!).Should().Be(9.5);
        updated.SelectToken("service.eventLastSeen")!.ToString().Should().Be(updated["updatedAt"]!.ToString());
        response.ShouldBeOk()["findingIds"]!.Values<string>().Should().Equal(ids[1]);
    }

    [Test]
    public async Task Seeded_finding_is_returned_as_stored_with_string_timestamps()
    {
        var (detector, ids) = Seeded(1);
        var stored = State.GetFinding(detector, ids[0])!;

        var response = await Client().PostAsync(FindingsPath(detector, "/get"), new JObject { ["findingIds"] = new JArray(ids[0]) });

        var returned = (JObject)response.ShouldBeOk()["findings"]![0]!;
        JToken.DeepEquals(returned, stored).Should().BeTrue();
        response.Body.Should().Contain($"\"createdAt\":\"{stored["createdAt"]}\"");
    }

    [Test]
    public void Seeding_rejects_findings_that_contradict_their_detector()
    {
        var detector = NewDetector();
        var finding = Generate(detector, 1)[0];
        finding["accountId"] = AccountB;

        State.Invoking(s => s.AddFinding(detector, finding)).Should().Throw<ArgumentException>().WithMessage("*accountId*");
        State.Invoking(s => s.AddFinding(detector, new JObject { ["id"] = "x", ["type"] = "T" })).Should().Throw<ArgumentException>().WithMessage("*severity*");
    }

    [Test]
    public void Seeding_by_the_finding_itself_creates_its_detector()
    {
        var detectors = State.Detectors().Where(d => d.Region == "ap-south-1").ToList();
        detectors.ForEach(d => State.DeleteDetector(d));
        var finding = new Fn.AwsGuardDuty.Sandbox.FindingGenerator.GuardDutyFindingGenerator(3, new() { AccountId = AccountB, Region = "ap-south-1" }).Next();

        var key = State.AddFinding(finding);

        key.Should().Be(new DetectorKey(AccountB, "ap-south-1", finding.SelectToken("service.detectorId")!.ToString()));
        State.FindingCount(key).Should().Be(1);
    }

    private (DetectorKey Detector, List<string> Ids) Seeded(int count)
    {
        var detector = NewDetector();
        var findings = Generate(detector, count);
        State.AddFindings(detector, findings);
        return (detector, findings.Select(f => (string)f["id"]!).ToList());
    }

    private async Task<List<string>> ListUnarchived(DetectorKey detector) =>
        (await Client().PostAsync(FindingsPath(detector), new JObject
        {
            ["findingCriteria"] = new JObject { ["criterion"] = new JObject { ["service.archived"] = new JObject { ["equals"] = new JArray("false") } } },
        })).ShouldBeOk()["findingIds"]!.Values<string>().Select(id => id!).ToList();
}
