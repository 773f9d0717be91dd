using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>guardduty-wire.md §6: status, x-amzn-ErrorType, {"message","__type"}, and x-amzn-RequestId + Date everywhere.</summary>
public class ErrorShapeTests : EmulatorFixture
{
    [Test]
    public async Task Bad_request_has_header_code_body_subtype_and_request_id()
    {
        var response = await Client().PostAsync("/detector/00000000000000000000000000000000/findings", new JObject());

        response.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException", "InvalidInputException");
        response.Json.Value<string>("message").Should().Be("The request is rejected because the input detectorId is not owned by the current account.");
        response.Json.Properties().Select(p => p.Name).Should().BeEquivalentTo("message", "__type");
        Guid.TryParse(response.Header("x-amzn-RequestId"), out _).Should().BeTrue();
        response.ContentHeaders.ContentType!.MediaType.Should().Be("application/json");
    }

    [Test]
    public async Task Every_response_carries_a_fresh_request_id_and_one_date()
    {
        NewDetector();
        var first = await Client().GetAsync("/detector");
        var second = await Client().GetAsync("/detector/nope");

        foreach (var response in new[] { first, second })
        {
            response.Headers.GetValues("x-amzn-RequestId").Should().ContainSingle();
            response.Headers.Date.Should().NotBeNull();
            response.Headers.GetValues("Date").Should().ContainSingle();
            response.Headers.Date!.Value.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        }

        first.Header("x-amzn-RequestId").Should().NotBe(second.Header("x-amzn-RequestId"));
    }

    [Test]
    public async Task Unknown_route_answers_like_api_gateway()
    {
        // ListFilters is served now; publishing destinations are not.
        var response = await Client().GetAsync("/detector/abc/publishingDestination");
        var wrongMethod = await Client().SendAsync(HttpMethod.Put, "/detector/abc/ipset/x", "{}");

        response.ShouldBeError(HttpStatusCode.Forbidden, "MissingAuthenticationTokenException", subType: null);
        wrongMethod.ShouldBeError(HttpStatusCode.Forbidden, "MissingAuthenticationTokenException", subType: null);
    }

    [Test]
    public async Task Body_that_is_not_a_json_object_is_a_bad_request()
    {
        var detector = NewDetector();

        (await Client().PostRawAsync(FindingsPath(detector), "{not json")).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostRawAsync(FindingsPath(detector), "[1,2]")).ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client().PostRawAsync(FindingsPath(detector), "")).ShouldBeOk();
    }

    [Test]
    public async Task Malformed_detector_id_is_named_in_the_message()
    {
        var response = await Client().GetAsync("/detector/" + new string('a', 301));

        response.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        response.Json.Value<string>("message").Should().Be("The request is rejected because the parameter detectorId has an invalid value.");
    }

    [Test]
    public async Task Success_bodies_are_json_with_the_model_member_names()
    {
        var detector = NewDetector();

        var archive = await Client().PostAsync(FindingsPath(detector, "/archive"), new JObject { ["findingIds"] = new JArray() });
        var list = await Client().PostAsync(FindingsPath(detector), new JObject());

        archive.Body.Should().Be("{}");
        list.ShouldBeOk().Properties().Select(p => p.Name).Should().Equal("findingIds");
    }
}
