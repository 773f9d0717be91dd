using System.Net;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>CreateSampleFindings per guardduty-wire.md §5.4.</summary>
public class SampleFindingsTests : EmulatorFixture
{
    [Test]
    public async Task One_sample_per_requested_type()
    {
        var detector = NewDetector();
        var types = new JArray("Recon:EC2/PortProbeUnprotectedPort", "Policy:IAMUser/RootCredentialUsage");

        (await Client().PostAsync(FindingsPath(detector, "/create"), new JObject { ["findingTypes"] = types })).Body.Should().Be("{}");

        var findings = State.Findings(detector);
        findings.Select(f => (string)f["type"]!).Should().BeEquivalentTo(types.Values<string>());
        findings.Should().AllSatisfy(f =>
        {
            f.SelectToken("service.additionalInfo.value")!.ToString().Should().Be("{\"sample\":true}");
            f.SelectToken("service.detectorId")!.ToString().Should().Be(detector.DetectorId);
            ((string)f["arn"]!).Should().Be($"arn:aws:guardduty:{Region}:{AccountA}:detector/{detector.DetectorId}/finding/{f["id"]}");
        });
        findings.Single(f => (string)f["type"]! == "Recon:EC2/PortProbeUnprotectedPort").SelectToken("resource.instanceDetails.instanceId")!
            .ToString().Should().Be("i-99999999");
    }

    [Test]
    public async Task Empty_or_absent_list_creates_every_known_type()
    {
        var detector = NewDetector();

        (await Client().PostAsync(FindingsPath(detector, "/create"), new JObject())).ShouldBeOk();

        State.Findings(detector).Select(f => (string)f["type"]!).Should().BeEquivalentTo(FindingTypeCatalog.All.Select(p => p.Type));
    }

    [Test]
    public async Task Unknown_type_is_rejected()
    {
        var detector = NewDetector();

        (await Client().PostAsync(FindingsPath(detector, "/create"), new JObject { ["findingTypes"] = new JArray("Made:Up/Type") }))
            .ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }
}
