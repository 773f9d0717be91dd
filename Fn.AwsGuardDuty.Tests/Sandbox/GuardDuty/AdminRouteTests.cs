using System.Net;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>The unsigned /_emulator/ control routes used to poke at a running sandbox.</summary>
public class AdminRouteTests : EmulatorFixture
{
    [Test]
    public async Task Seed_findings_then_read_state()
    {
        NewDetector("eu-north-1", AccountB);
        var findings = new GuardDutyFindingGenerator(11, new FindingGeneratorOptions { AccountId = AccountB, Region = "eu-north-1", DetectorId = DetectorIdOf("eu-north-1", AccountB) })
            .Generate(3).ToList();

        var added = await Post("/_emulator/findings", new JArray(findings).ToString());
        var state = await Get("/_emulator/state");

        added.Value<int>("added").Should().Be(3);
        state["detectors"]!.Single(d => (string)d["region"]! == "eu-north-1")["findings"]!.Value<int>().Should().Be(3);
        state["calls"]!.Type.Should().Be(JTokenType.Object);
    }

    [Test]
    public async Task Faults_are_switched_over_http()
    {
        NewDetector();

        await Post("/_emulator/faults", "{\"throttleBurst\":1,\"operation\":\"ListDetectors\"}");
        var throttled = await Client().GetAsync("/detector");
        await Post("/_emulator/faults", "{\"clear\":true,\"denyRegion\":\"us-east-1\"}");
        var denied = await Client().GetAsync("/detector");
        await Post("/_emulator/faults", "{\"allowRegion\":\"us-east-1\"}");

        throttled.Status.Should().Be(HttpStatusCode.TooManyRequests);
        denied.Status.Should().Be(HttpStatusCode.Forbidden);
        (await Client().GetAsync("/detector")).ShouldBeOk();
    }

    [Test]
    public async Task Bad_admin_requests_get_a_message()
    {
        using var http = new HttpClient { BaseAddress = Emulator.Endpoint };

        using var notFound = await http.GetAsync("_emulator/nothing");
        using var badBody = await http.PostAsync("_emulator/findings", new StringContent("{\"id\":\"x\"}", Encoding.UTF8, "application/json"));

        notFound.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badBody.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badBody.Content.ReadAsStringAsync()).Should().Contain("accountId");
    }

    private string DetectorIdOf(string region, string account) => State.Detectors().Single(d => d.Region == region && d.AccountId == account).DetectorId;

    private async Task<JObject> Get(string path)
    {
        using var http = new HttpClient { BaseAddress = Emulator.Endpoint };
        using var response = await http.GetAsync(path.TrimStart('/'));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<JObject> Post(string path, string body)
    {
        using var http = new HttpClient { BaseAddress = Emulator.Endpoint };
        using var response = await http.PostAsync(path.TrimStart('/'), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JObject.Parse(text);
    }
}
