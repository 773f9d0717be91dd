using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.TryIt;

namespace Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

/// <summary>The sandbox STS that makes selftest's "AWS credentials" row pass: AWSSDK.SecurityToken against it, signed right and wrong.</summary>
public class StsCallerIdentityEndpointTests
{
    private const string KeyId = "AKIASTSTEST000000001";
    private const string Secret = "sts/test+secret";
    private StsCallerIdentityEndpoint _sts = null!;

    [OneTimeSetUp]
    public async Task Start() => _sts = await StsCallerIdentityEndpoint.StartAsync([new AwsCredential(KeyId, Secret, "210987654321")]);

    [OneTimeTearDown]
    public async Task Stop() => await _sts.DisposeAsync();

    [Test]
    public async Task GetCallerIdentity_signed_with_the_right_secret_answers_the_account()
    {
        using var client = Client(Secret);

        var identity = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        identity.Account.Should().Be("210987654321");
        identity.Arn.Should().Be("arn:aws:iam::210987654321:user/fn-aws-guardduty-sandbox");
    }

    [Test]
    public async Task A_wrong_secret_is_refused_as_STS_refuses_it()
    {
        using var client = Client("not-the-secret");

        var call = async () => await client.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        (await call.Should().ThrowAsync<AmazonSecurityTokenServiceException>())
            .Which.Should().Match<AmazonSecurityTokenServiceException>(e => e.ErrorCode == "SignatureDoesNotMatch" && (int)e.StatusCode == 403);
    }

    private AmazonSecurityTokenServiceClient Client(string secret) =>
        new(new BasicAWSCredentials(KeyId, secret), new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = _sts.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
}
