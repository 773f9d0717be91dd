using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Fn.AwsGuardDuty.Sandbox.Aws;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>The server-side SigV4 against the reference vector of guardduty-wire.md §1.1 and the spec's canonical rules.</summary>
public class SigV4VerifierTests
{
    private const string VectorKey = "AKIDEXAMPLE";
    private const string VectorSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string VectorSignature = "6a1d85f2378d42664a1e5b326bcfb5fdf30734ca0833c8bd9da5e52ed02d2f94";
    private static readonly DateTimeOffset VectorTime = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly byte[] VectorBody = Encoding.UTF8.GetBytes("{\"maxResults\":50}");

    [Test]
    public void Reference_vector_payload_hash_and_signature_are_reproduced()
    {
        var request = VectorRequest(VectorSignature);
        SigV4Canonicalizer.HashHex(VectorBody).Should().StartWith("069aef58").And.EndWith("b117b8");
        SigV4AuthorizationHeader.TryParse(request.Header("Authorization")!, out var header, out _).Should().BeTrue();

        SigV4Canonicalizer.ComputeSignature(request, header!, "20240102T030405Z", VectorSecret).Should().Be(VectorSignature);
    }

    [Test]
    public void Reference_vector_verifies_and_yields_key_region_and_service()
    {
        var verifier = Verifier(VectorSecret, VectorTime.AddMinutes(3));

        var identity = verifier.Verify(VectorRequest(VectorSignature));

        identity.Should().BeEquivalentTo(new { AccessKeyId = VectorKey, AccountId = "123456789012", Region = "us-east-1", Service = "guardduty", SignedAt = VectorTime });
    }

    [Test]
    public void Reference_vector_is_refused_with_another_secret()
    {
        var act = () => Verifier("not-the-secret", VectorTime).Verify(VectorRequest(VectorSignature));

        act.Should().Throw<AwsAuthException>().Which.Failure.Should().Be(AwsAuthFailure.SignatureMismatch);
    }

    [Test]
    public void Reference_vector_is_refused_when_the_body_was_changed()
    {
        var tampered = new SigV4Request("POST", "/detector/abc123/findings", "", VectorHeaders(VectorSignature), Encoding.UTF8.GetBytes("{\"maxResults\":49}"));

        var act = () => Verifier(VectorSecret, VectorTime).Verify(tampered);

        act.Should().Throw<AwsAuthException>().Which.Failure.Should().Be(AwsAuthFailure.SignatureMismatch);
    }

    [Test]
    public void Reference_vector_signed_by_the_public_AWSSDK_signer_matches()
    {
        var result = AWSSigV4Signer.Sign(
            new AWSSigningRequest
            {
                HttpMethod = HttpMethod.Post,
                RequestUri = new Uri("https://guardduty.us-east-1.amazonaws.com/detector/abc123/findings"),
                Headers = { ["Content-Type"] = "application/json" },
                Content = VectorBody,
            },
            new AWSSigV4Parameters
            {
                Credentials = new BasicAWSCredentials(VectorKey, VectorSecret),
                Region = RegionEndpoint.USEast1,
                Service = "guardduty",
                SignedAt = VectorTime.UtcDateTime,
            });

        result.Headers["Authorization"].Should().EndWith("Signature=" + VectorSignature);
    }

    [Test]
    public void Signature_older_than_the_allowed_skew_is_expired()
    {
        var act = () => Verifier(VectorSecret, VectorTime.AddMinutes(16)).Verify(VectorRequest(VectorSignature));

        act.Should().Throw<AwsAuthException>().Which.Failure.Should().Be(AwsAuthFailure.SignatureExpired);
    }

    [Test]
    public void Unknown_access_key_is_unrecognized()
    {
        var store = new AwsCredentialStore([new AwsCredential("OTHERKEY", VectorSecret, "123456789012")]);
        var act = () => new SigV4Verifier(store, new FixedTimeProvider(VectorTime), TimeSpan.FromMinutes(15)).Verify(VectorRequest(VectorSignature));

        act.Should().Throw<AwsAuthException>().Which.Failure.Should().Be(AwsAuthFailure.UnknownAccessKey);
    }

    [Test]
    public void Missing_or_malformed_authorization_is_reported_as_such()
    {
        var verifier = Verifier(VectorSecret, VectorTime);
        var missing = new SigV4Request("GET", "/detector", "", [KeyValuePair.Create("Host", "x")], []);
        var malformed = new SigV4Request("GET", "/detector", "", [KeyValuePair.Create("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-east-1/guardduty/aws4_request")], []);

        verifier.Invoking(v => v.Verify(missing)).Should().Throw<AwsAuthException>().Which.Failure.Should().Be(AwsAuthFailure.MissingAuthentication);
        verifier.Invoking(v => v.Verify(malformed)).Should().Throw<AwsAuthException>()
            .Which.Should().Match<AwsAuthException>(e => e.Failure == AwsAuthFailure.IncompleteSignature && e.Message.Contains("SignedHeaders"));
    }

    [Test]
    public void Scope_date_must_match_the_request_date()
    {
        var headers = VectorHeaders(VectorSignature).Select(pair => pair.Key == "X-Amz-Date" ? KeyValuePair.Create(pair.Key, "20240103T030405Z") : pair);
        var act = () => Verifier(VectorSecret, VectorTime.AddDays(1)).Verify(new SigV4Request("POST", "/detector/abc123/findings", "", headers, VectorBody));

        act.Should().Throw<AwsAuthException>().WithMessage("Date in Credential scope does not match*");
    }

    [TestCase("/detector/abc%2F123/findings", "/detector/abc%252F123/findings")]
    [TestCase("/detector/a b", "/detector/a%20b")]
    [TestCase("", "/")]
    [TestCase("/detector/./x/../y", "/detector/y")]
    public void Canonical_uri_encodes_the_wire_path_once_more(string rawPath, string expected) =>
        SigV4Canonicalizer.CanonicalUri(rawPath).Should().Be(expected);

    [TestCase("nextToken=a%2Bb%3D&maxResults=5", "maxResults=5&nextToken=a%2Bb%3D")]
    [TestCase("b=2&a=1&a=0", "a=0&a=1&b=2")]
    [TestCase("flag&x=%7E", "flag=&x=~")]
    [TestCase("", "")]
    public void Canonical_query_is_sorted_and_rfc3986_encoded(string rawQuery, string expected) =>
        SigV4Canonicalizer.CanonicalQuery(rawQuery).Should().Be(expected);

    private static SigV4Verifier Verifier(string secret, DateTimeOffset now) =>
        new(new AwsCredentialStore([new AwsCredential(VectorKey, secret, "123456789012")]), new FixedTimeProvider(now), TimeSpan.FromMinutes(15));

    private static SigV4Request VectorRequest(string signature) =>
        new("POST", "/detector/abc123/findings", "", VectorHeaders(signature), VectorBody);

    private static List<KeyValuePair<string, string>> VectorHeaders(string signature) =>
    [
        KeyValuePair.Create("Content-Type", "application/json"),
        KeyValuePair.Create("Host", "guardduty.us-east-1.amazonaws.com"),
        KeyValuePair.Create("X-Amz-Content-SHA256", SigV4Canonicalizer.HashHex(VectorBody)),
        KeyValuePair.Create("X-Amz-Date", "20240102T030405Z"),
        KeyValuePair.Create(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={VectorKey}/20240102/us-east-1/guardduty/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature={signature}"),
    ];
}
