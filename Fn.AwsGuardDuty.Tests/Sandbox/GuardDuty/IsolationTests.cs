using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>State is kept per account (from the access key) and region (from the credential scope).</summary>
public class IsolationTests : EmulatorFixture
{
    [Test]
    public async Task Another_account_sees_neither_the_detector_nor_its_findings()
    {
        var detector = NewDetector(accountId: AccountA);
        State.AddFindings(detector, Generate(detector, 3));
        var own = NewDetector(accountId: AccountB);

        var list = await Client(accessKey: KeyB, secret: SecretB).GetAsync("/detector");
        var foreign = await Client(accessKey: KeyB, secret: SecretB).PostAsync(FindingsPath(detector), new JObject());

        list.ShouldBeOk()["detectorIds"]!.Values<string>().Should().Equal(own.DetectorId);
        foreign.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        foreign.Json.Value<string>("message").Should().Contain("not owned by the current account");
    }

    [Test]
    public async Task The_same_account_in_another_region_has_its_own_state()
    {
        var east = NewDetector("us-east-1");
        var west = NewDetector("us-west-2");
        State.AddFindings(east, Generate(east, 4));

        var fromWest = await Client("us-west-2").PostAsync(FindingsPath(east), new JObject());
        var westFindings = await Client("us-west-2").PostAsync(FindingsPath(west), new JObject());
        var eastFindings = await Client("us-east-1").PostAsync(FindingsPath(east), new JObject());

        fromWest.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        westFindings.ShouldBeOk()["findingIds"]!.Should().BeEmpty();
        eastFindings.ShouldBeOk()["findingIds"]!.Should().HaveCount(4);
    }

    [Test]
    public async Task Session_credentials_share_the_account_of_their_configuration()
    {
        var detector = NewDetector();

        var response = await SessionClient().GetAsync($"/detector/{detector.DetectorId}");

        response.ShouldBeOk().Value<string>("status").Should().Be("ENABLED");
    }
}
