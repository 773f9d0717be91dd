using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>CreateDetector, GetDetector, ListDetectors, DeleteDetector.</summary>
public class DetectorTests : EmulatorFixture
{
    private const string Region2 = "ca-central-1";

    [Test]
    public async Task Create_get_list_and_delete()
    {
        RemoveDetectors();
        var client = Client(Region2);

        var id = (await client.PostAsync("/detector", new JObject { ["enable"] = true, ["findingPublishingFrequency"] = "FIFTEEN_MINUTES", ["tags"] = new JObject { ["env"] = "test" } }))
            .ShouldBeOk().Value<string>("detectorId")!;
        var detector = (await client.GetAsync($"/detector/{id}")).ShouldBeOk();
        var listed = (await client.GetAsync("/detector")).ShouldBeOk();
        (await client.DeleteAsync($"/detector/{id}")).ShouldBeOk();
        var afterDelete = await client.GetAsync($"/detector/{id}");

        id.Should().MatchRegex("^[0-9a-f]{32}$");
        detector.Value<string>("status").Should().Be("ENABLED");
        detector.Value<string>("findingPublishingFrequency").Should().Be("FIFTEEN_MINUTES");
        detector.Value<string>("serviceRole").Should().Be($"arn:aws:iam::{AccountA}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty");
        detector.Value<string>("createdAt").Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        detector["tags"]!.Value<string>("env").Should().Be("test");
        detector.SelectToken("dataSources.cloudTrail.status")!.Value<string>().Should().Be("ENABLED");
        detector["features"]!.Select(f => (string)f["name"]!).Should().Contain("S3_DATA_EVENTS");
        listed["detectorIds"]!.Values<string>().Should().Equal(id);
        afterDelete.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task Only_one_detector_per_account_and_region_but_client_token_is_idempotent()
    {
        RemoveDetectors();
        var client = Client(Region2);
        var body = new JObject { ["enable"] = false, ["clientToken"] = "abc" };

        var first = (await client.PostAsync("/detector", body)).ShouldBeOk().Value<string>("detectorId");
        var again = (await client.PostAsync("/detector", body)).ShouldBeOk().Value<string>("detectorId");
        var other = await client.PostAsync("/detector", new JObject { ["enable"] = true });

        again.Should().Be(first);
        other.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await client.GetAsync($"/detector/{first}")).ShouldBeOk().Value<string>("status").Should().Be("DISABLED");
    }

    [TestCase("{}")]
    [TestCase("{\"enable\":\"true\"}")]
    [TestCase("{\"enable\":true,\"findingPublishingFrequency\":\"DAILY\"}")]
    [TestCase("{\"enable\":true,\"features\":[{\"name\":\"NOPE\"}]}")]
    public async Task Invalid_create_requests_are_rejected(string body)
    {
        RemoveDetectors();

        (await Client(Region2).PostAsync("/detector", JObject.Parse(body))).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    private void RemoveDetectors()
    {
        foreach (var key in State.Detectors().Where(d => d.Region == Region2))
        {
            State.DeleteDetector(key);
        }
    }
}
