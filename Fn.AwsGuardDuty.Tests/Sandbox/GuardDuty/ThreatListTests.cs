using System.Net;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>IPSet and ThreatIntelSet CRUD and validation: the same rules under two sets of member names.</summary>
[TestFixture("ipset", "ipSetId", "ipSetIds")]
[TestFixture("threatintelset", "threatIntelSetId", "threatIntelSetIds")]
public class ThreatListTests(string segment, string idMember, string listMember) : EmulatorFixture
{
    [Test]
    public async Task Create_get_update_list_delete()
    {
        var detector = NewDetector();
        var created = await Create(detector, Valid());
        var id = created.ShouldBeOk().Value<string>(idMember)!;

        var got = (await Client().GetAsync(SetPath(detector, id))).ShouldBeOk();
        var update = await Client().PostAsync(SetPath(detector, id), new JObject { ["activate"] = false, ["name"] = "renamed list", ["location"] = "https://s3.amazonaws.com/bucket/v2.txt" });
        var afterUpdate = (await Client().GetAsync(SetPath(detector, id))).ShouldBeOk();
        var listed = (await Client().GetAsync(SetPath(detector))).ShouldBeOk();
        var deleted = await Client().DeleteAsync(SetPath(detector, id));
        var afterDelete = await Client().GetAsync(SetPath(detector, id));

        id.Should().MatchRegex("^[0-9a-f]{32}$");
        JToken.DeepEquals(got, JObject.Parse("""
            {"name":"trusted office","format":"TXT","location":"s3://my-bucket/lists/office.txt","status":"ACTIVE",
             "tags":{"team":"soc"},"expectedBucketOwner":"111111111111"}
            """)).Should().BeTrue(got.ToString());
        update.Body.Should().Be("{}");
        afterUpdate.Value<string>("status").Should().Be("INACTIVE");
        afterUpdate.Value<string>("name").Should().Be("renamed list");
        afterUpdate.Value<string>("location").Should().Be("https://s3.amazonaws.com/bucket/v2.txt");
        listed[listMember]!.Values<string>().Should().Equal(id);
        deleted.ShouldBeOk();
        afterDelete.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        State.ThreatLists(detector, Kind).Should().BeEmpty();
    }

    [TestCase("name", null)]
    [TestCase("name", "bad/name")]
    [TestCase("format", "CSV")]
    [TestCase("format", null)]
    [TestCase("location", "ftp://bucket/list.txt")]
    [TestCase("location", null)]
    [TestCase("activate", null)]
    [TestCase("activate", "yes")]
    [TestCase("expectedBucketOwner", "12345678901")]
    [TestCase("expectedBucketOwner", "12345678901x")]
    [TestCase("clientToken", "0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Invalid_create_members_are_rejected(string member, string? value)
    {
        var detector = NewDetector();
        var body = Valid();
        if (value is null)
        {
            body.Remove(member);
        }
        else
        {
            body[member] = value;
        }

        (await Create(detector, body)).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [TestCase("{\"aws:reserved\":\"x\"}")]
    [TestCase("{}")]
    [TestCase("{\"k\":5}")]
    public async Task Invalid_tags_are_rejected(string tags)
    {
        var detector = NewDetector();
        var body = Valid();
        body["tags"] = JObject.Parse(tags);

        (await Create(detector, body)).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task Name_and_location_lengths_are_limited_to_300()
    {
        var detector = NewDetector();
        var longName = Valid();
        longName["name"] = new string('a', 301);
        var longLocation = Valid();
        longLocation["location"] = "s3://bucket/" + new string('k', 300);

        (await Create(detector, longName)).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Create(detector, longLocation)).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task Repeated_client_token_returns_the_same_id()
    {
        var detector = NewDetector();
        var body = Valid();
        body["clientToken"] = "token-1";

        var first = (await Create(detector, body)).ShouldBeOk().Value<string>(idMember);
        var second = (await Create(detector, body)).ShouldBeOk().Value<string>(idMember);

        second.Should().Be(first);
        State.ThreatLists(detector, Kind).Should().ContainSingle();
    }

    [Test]
    public async Task The_per_detector_limit_is_enforced()
    {
        var detector = NewDetector();
        var limit = segment == "ipset" ? 1 : 6;
        for (var i = 0; i < limit; i++)
        {
            (await Create(detector, Valid())).ShouldBeOk();
        }

        var over = await Create(detector, Valid());

        over.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        over.Json.Value<string>("message").Should().Contain("maximum number");
    }

    [Test]
    public async Task Unknown_ids_and_bad_updates_are_bad_requests()
    {
        var detector = NewDetector();
        var id = (await Create(detector, Valid())).ShouldBeOk().Value<string>(idMember)!;

        (await Client().GetAsync(SetPath(detector, "0123"))).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(SetPath(detector, "0123"), new JObject { ["activate"] = true })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().DeleteAsync(SetPath(detector, "0123"))).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(SetPath(detector, id), new JObject { ["location"] = "not a url" })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(SetPath(detector, id), new JObject { ["name"] = "" })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    private ThreatListKind Kind => segment == "ipset" ? ThreatListKind.IpSet : ThreatListKind.ThreatIntelSet;

    private static JObject Valid() => new()
    {
        ["name"] = "trusted office",
        ["format"] = "TXT",
        ["location"] = "s3://my-bucket/lists/office.txt",
        ["activate"] = true,
        ["tags"] = new JObject { ["team"] = "soc" },
        ["expectedBucketOwner"] = AccountA,
    };

    private string SetPath(DetectorKey detector, string? id = null) =>
        $"/detector/{detector.DetectorId}/{segment}" + (id is null ? "" : "/" + Uri.EscapeDataString(id));

    private async Task<AwsTestResponse> Create(DetectorKey detector, JObject body) => await Client().PostAsync(SetPath(detector), body);
}
