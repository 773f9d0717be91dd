using Fn.AwsGuardDuty.Functions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary><c>aws_guardduty_create_sample_findings</c> through the listener and the GuardDuty emulator.</summary>
public class CreateSampleFindingsTests : FunctionsBrokerFixture
{
    private const string Function = FunctionNames.CreateSampleFindings;

    [Test]
    public async Task Creates_samples_of_the_given_types()
    {
        var inputs = Inputs(Detector.DetectorId, "Recon:EC2/PortProbeUnprotectedPort, Backdoor:EC2/C&CActivity.B!DNS");

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, new JObject
        {
            ["status"] = "ok",
            ["finding_types"] = new JArray("Recon:EC2/PortProbeUnprotectedPort", "Backdoor:EC2/C&CActivity.B!DNS"),
        }, inputs);
        var types = GuardDuty.State.Findings(Detector).Select(f => (string)f["type"]!).ToList();
        types.Should().Contain("Recon:EC2/PortProbeUnprotectedPort").And.Contain("Backdoor:EC2/C&CActivity.B!DNS");
    }

    [Test]
    public async Task Without_types_GuardDuty_creates_one_of_every_type()
    {
        var before = GuardDuty.State.FindingCount(Detector);
        var inputs = Inputs(Detector.DetectorId, null);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, new JObject { ["status"] = "ok", ["finding_types"] = new JArray() }, inputs);
        GuardDuty.State.FindingCount(Detector).Should().BeGreaterThan(before + 5);
    }

    [Test]
    public async Task A_type_GuardDuty_does_not_know_is_success_false_with_the_AWS_reason()
    {
        var inputs = Inputs(Detector.DetectorId, "Made:Up/Type");

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: false,
            reason: "BadRequestException: The request is rejected because the parameter findingTypes has an invalid value.", new JObject(), inputs);
    }

    [TestCase(null, "Recon:EC2/PortProbeUnprotectedPort", "missing required input 'aws_gd_detector_id'")]
    [TestCase("0123456789abcdef0123456789abcdef", "Recon:EC2/<script>", "input 'aws_gd_finding_types' holds 'Recon:EC2/<script>', which is not a finding type (e.g. Recon:EC2/PortProbeUnprotectedPort)")]
    public async Task A_missing_detector_or_malformed_type_is_refused_by_name(string? detectorId, string types, string message)
    {
        var replies = await CallAsync(Function, Inputs(detectorId, types));

        replies.ShouldBeError(message);
    }

    private static JObject Inputs(string? detectorId, string? types) => new()
    {
        [InputNames.DetectorId] = detectorId,
        [InputNames.Region] = Region,
        [InputNames.FindingTypes] = types,
    };
}
