using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>The model's ranges enforced server-side (clients do not enforce max): maxResults, 50 ids, required members, enums.</summary>
public class LimitTests : EmulatorFixture
{
    [TestCase(0)]
    [TestCase(51)]
    [TestCase(-1)]
    public async Task ListFindings_maxResults_outside_1_to_50_is_refused(int maxResults)
    {
        var detector = NewDetector();

        var response = await Client().PostAsync(FindingsPath(detector), new JObject { ["maxResults"] = maxResults });

        response.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        response.Json.Value<string>("message").Should().Be("The request is rejected because an invalid or out-of-range value is specified as an input parameter.");
    }

    [Test]
    public async Task ListFindings_maxResults_1_and_50_and_wrong_types()
    {
        var detector = NewDetector();

        (await Client().PostAsync(FindingsPath(detector), new JObject { ["maxResults"] = 1 })).ShouldBeOk();
        (await Client().PostAsync(FindingsPath(detector), new JObject { ["maxResults"] = 50 })).ShouldBeOk();
        (await Client().PostAsync(FindingsPath(detector), new JObject { ["maxResults"] = "10" })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(FindingsPath(detector), new JObject { ["maxResults"] = 10.5 })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [TestCase("/detector?maxResults=0")]
    [TestCase("/detector?maxResults=51")]
    [TestCase("/detector?maxResults=ten")]
    public async Task ListDetectors_query_maxResults_is_checked(string path)
    {
        NewDetector();

        (await Client().GetAsync(path)).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [TestCase("ipset")]
    [TestCase("threatintelset")]
    public async Task Set_lists_query_maxResults_is_checked(string kind)
    {
        var detector = NewDetector();

        (await Client().GetAsync($"/detector/{detector.DetectorId}/{kind}?maxResults=51")).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().GetAsync($"/detector/{detector.DetectorId}/{kind}?maxResults=50")).ShouldBeOk();
    }

    [TestCase("/get")]
    [TestCase("/archive")]
    [TestCase("/unarchive")]
    public async Task More_than_50_finding_ids_are_refused(string suffix)
    {
        var detector = NewDetector();
        var ids = new JArray(Enumerable.Range(0, 51).Select(i => i.ToString("x32")));

        (await Client().PostAsync(FindingsPath(detector, suffix), new JObject { ["findingIds"] = ids })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        ids.RemoveAt(0);
        (await Client().PostAsync(FindingsPath(detector, suffix), new JObject { ["findingIds"] = ids })).ShouldBeOk();
    }

    [Test]
    public async Task Feedback_checks_ids_enum_and_required_members()
    {
        var detector = NewDetector();
        var path = FindingsPath(detector, "/feedback");
        var fiftyOne = new JArray(Enumerable.Range(0, 51).Select(i => i.ToString("x32")));

        (await Client().PostAsync(path, new JObject { ["findingIds"] = fiftyOne, ["feedback"] = "USEFUL" })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(path, new JObject { ["findingIds"] = new JArray("a"), ["feedback"] = "MAYBE" })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(path, new JObject { ["findingIds"] = new JArray("a") })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(path, new JObject { ["feedback"] = "USEFUL" })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(path, new JObject { ["findingIds"] = new JArray("a"), ["feedback"] = "NOT_USEFUL", ["comments"] = "noise" })).ShouldBeOk();
    }

    [Test]
    public async Task Required_findingIds_and_id_lengths()
    {
        var detector = NewDetector();

        (await Client().PostAsync(FindingsPath(detector, "/get"), new JObject())).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(FindingsPath(detector, "/get"), new JObject { ["findingIds"] = new JArray(new string('f', 301)) })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(FindingsPath(detector, "/get"), new JObject { ["findingIds"] = new JArray("") })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(FindingsPath(detector, "/get"), new JObject { ["findingIds"] = new JArray(1, 2) })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task Statistics_maxResults_is_1_to_100()
    {
        var detector = NewDetector();
        var path = FindingsPath(detector, "/statistics");

        (await Client().PostAsync(path, new JObject { ["groupBy"] = "SEVERITY", ["maxResults"] = 100 })).ShouldBeOk();
        (await Client().PostAsync(path, new JObject { ["groupBy"] = "SEVERITY", ["maxResults"] = 101 })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(path, new JObject { ["groupBy"] = "SEVERITY", ["maxResults"] = 0 })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Test]
    public async Task Sample_finding_types_are_at_most_50_and_1_to_100_chars()
    {
        var detector = NewDetector();
        var path = FindingsPath(detector, "/create");

        (await Client().PostAsync(path, new JObject { ["findingTypes"] = new JArray(Enumerable.Repeat("Recon:EC2/PortProbeUnprotectedPort", 51)) })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostAsync(path, new JObject { ["findingTypes"] = new JArray(new string('x', 101)) })).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
    }
}
