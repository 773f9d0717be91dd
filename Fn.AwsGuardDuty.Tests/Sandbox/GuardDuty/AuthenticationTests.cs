using System.Net;
using System.Text;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>SigV4 over real HTTP, signed by AWSSDK.Core's SigV4SigningHandler.</summary>
public class AuthenticationTests : EmulatorFixture
{
    [Test]
    public async Task Correctly_signed_request_is_served()
    {
        var detector = NewDetector();

        var response = await Client().GetAsync("/detector");

        response.ShouldBeOk()["detectorIds"]!.Values<string>().Should().Equal(detector.DetectorId);
    }

    [Test]
    public async Task Wrong_secret_is_refused_with_InvalidSignatureException()
    {
        var response = await Client(secret: "wrong-secret").GetAsync("/detector");

        response.ShouldBeError(HttpStatusCode.Forbidden, "InvalidSignatureException", subType: null);
        response.Json.Value<string>("message").Should().StartWith("The request signature we calculated does not match");
    }

    [Test]
    public async Task Unknown_access_key_is_refused_with_UnrecognizedClientException()
    {
        var response = await Client(accessKey: "AKIDUNKNOWN00000000").GetAsync("/detector");

        response.ShouldBeError(HttpStatusCode.Forbidden, "UnrecognizedClientException", subType: null);
    }

    [Test]
    public async Task Unsigned_request_is_refused_with_MissingAuthenticationTokenException()
    {
        using var http = new HttpClient { BaseAddress = Emulator.Endpoint };
        using var response = await http.GetAsync("detector");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.GetValues("x-amzn-ErrorType").Should().Equal("MissingAuthenticationTokenException");
    }

    [Test]
    public async Task Session_credentials_need_their_token()
    {
        NewDetector();

        (await SessionClient().GetAsync("/detector")).ShouldBeOk();
        (await SessionClient(token: "another-token").GetAsync("/detector")).ShouldBeError(HttpStatusCode.Forbidden, "UnrecognizedClientException", null);
        (await SessionClient(token: null).GetAsync("/detector")).ShouldBeError(HttpStatusCode.Forbidden, "UnrecognizedClientException", null);
    }

    [Test]
    public async Task Long_term_key_with_a_session_token_is_refused()
    {
        using var client = new SignedAwsClient(Emulator.Endpoint, new Amazon.Runtime.SessionAWSCredentials(KeyA, SecretA, "stray-token"), Region);

        (await client.GetAsync("/detector")).ShouldBeError(HttpStatusCode.Forbidden, "UnrecognizedClientException", null);
    }

    [Test]
    public async Task Scope_for_another_service_or_an_unknown_region_is_refused()
    {
        (await Client(service: "securityhub").GetAsync("/detector")).ShouldBeError(HttpStatusCode.Forbidden, "InvalidSignatureException", null);
        (await Client(region: "eu-isoe-west-1").GetAsync("/detector")).ShouldBeError(HttpStatusCode.Forbidden, "InvalidSignatureException", null);
    }

    [Test]
    public async Task Percent_encoded_labels_and_query_strings_verify()
    {
        var encodedLabel = await Client().GetAsync("/detector/abc%2F123");
        var query = await Client().GetAsync("/detector?maxResults=5&nextToken=");

        encodedLabel.ShouldBeError(HttpStatusCode.BadRequest, "BadRequestException");
        encodedLabel.Json.Value<string>("message").Should().Contain("not owned by the current account");
        query.ShouldBeOk();
    }

    [Test]
    public async Task Body_changed_after_signing_is_refused()
    {
        var detector = NewDetector();
        using var tamper = new TamperingHandler { InnerHandler = new SocketsHttpHandler() };
        var signer = new Amazon.Runtime.Signing.SigV4SigningHandler(
            new Amazon.Runtime.BasicAWSCredentials(KeyA, SecretA), Amazon.RegionEndpoint.USEast1, "guardduty", tamper);
        using var http = new HttpClient(signer) { BaseAddress = Emulator.Endpoint };

        using var response = await http.PostAsync(FindingsPath(detector).TrimStart('/'), new StringContent("{\"maxResults\":5}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.GetValues("x-amzn-ErrorType").Should().Equal("InvalidSignatureException");
    }

    private sealed class TamperingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.Content!;
            var contentType = original.Headers.ContentType;
            request.Content = new StringContent("{\"maxResults\":6}", Encoding.UTF8);
            request.Content.Headers.ContentType = contentType;
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
