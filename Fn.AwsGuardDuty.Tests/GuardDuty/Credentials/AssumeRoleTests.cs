using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Tests.GuardDuty.Support;
using static Fn.AwsGuardDuty.Tests.GuardDuty.GuardDutyTestLogging;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Credentials;

public class AssumeRoleTests
{
    private StsStandIn _sts = null!;

    [OneTimeSetUp]
    public async Task StartSts() => _sts = await StsStandIn.StartAsync();

    [OneTimeTearDown]
    public async Task StopSts() => await _sts.DisposeAsync();

    [SetUp]
    public void Reset()
    {
        _sts.Reset();
        _sts.Issue.Add(("ASIAROLE000000000001", Secret("role-secret-1"), Secret("role-token-1")));
        _sts.Issue.Add(("ASIAROLE000000000002", Secret("role-secret-2"), Secret("role-token-2")));
    }

    private GuardDutyClientOptions Options() => new()
    {
        AccessKeyId = "AKIABASEUSER00000001",
        SecretAccessKey = Secret("base-user-secret"),
        RoleArn = "arn:aws:iam::444455556666:role/guardduty-reader",
        RoleExternalId = "soar-external-42",
        RoleSessionName = "fn-aws-guardduty-test",
        StsEndpointUrl = _sts.Endpoint,
        MasterRegion = "eu-west-1",
    };

    [Test]
    public async Task Assumes_the_role_through_the_overridden_sts_endpoint_with_external_id()
    {
        var resolved = await GuardDutyCredentialsResolver.ResolveAsync(Options(), Factory);
        using var disposable = (IDisposable)resolved.Credentials;

        var c = await resolved.Credentials.GetCredentialsAsync();

        c.AccessKey.Should().Be("ASIAROLE000000000001");
        c.SecretKey.Should().Be("role-secret-1");
        c.Token.Should().Be("role-token-1");
        resolved.Source.Should().Be("static keys, assuming role arn:aws:iam::444455556666:role/guardduty-reader");
        _sts.Requests.Should().ContainSingle();
        var request = _sts.Requests.Single();
        request["RoleArn"].Should().Be("arn:aws:iam::444455556666:role/guardduty-reader");
        request["ExternalId"].Should().Be("soar-external-42");
        request["RoleSessionName"].Should().Be("fn-aws-guardduty-test");
        request["DurationSeconds"].Should().Be("3600");
        _sts.Authorizations.Single().Should().Contain("Credential=AKIABASEUSER00000001/").And.Contain("/eu-west-1/sts/aws4_request");

        (await resolved.Credentials.GetCredentialsAsync()).AccessKey.Should().Be("ASIAROLE000000000001");
        _sts.Calls.Should().Be(1, "credentials far from expiry are reused");
    }

    [Test]
    public async Task Renews_the_credentials_before_they_expire()
    {
        _sts.Lifetime = TimeSpan.FromMinutes(3);
        var options = Options();
        options.RoleRefreshBeforeExpiry = TimeSpan.FromMinutes(5);
        var resolved = await GuardDutyCredentialsResolver.ResolveAsync(options, Factory);
        using var disposable = (IDisposable)resolved.Credentials;

        (await resolved.Credentials.GetCredentialsAsync()).AccessKey.Should().Be("ASIAROLE000000000001");
        // Credentials that expire inside the refresh window are renewed (in the background or at once): the second key shows up.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string key;
        do
        {
            key = (await resolved.Credentials.GetCredentialsAsync()).AccessKey;
            if (key == "ASIAROLE000000000002") break;
            await Task.Delay(20);
        } while (DateTime.UtcNow < deadline);

        key.Should().Be("ASIAROLE000000000002", "credentials inside the refresh window are renewed");
        _sts.Calls.Should().BeGreaterThanOrEqualTo(2);
        ((StsAssumeRoleCredentials)resolved.Credentials).Renewals.Should().BeGreaterThanOrEqualTo(2);
    }

    [Test]
    public async Task A_refused_assume_role_is_a_credentials_error_without_secrets()
    {
        _sts.RefuseWith = "AccessDenied";
        var resolved = await GuardDutyCredentialsResolver.ResolveAsync(Options(), Factory);
        using var disposable = (IDisposable)resolved.Credentials;

        var act = () => resolved.Credentials.GetCredentialsAsync();

        var error = (await act.Should().ThrowAsync<GuardDutyCredentialsException>()).Which;
        error.Message.Should().Contain("AssumeRole arn:aws:iam::444455556666:role/guardduty-reader failed: 403 AccessDenied");
        error.Message.Should().NotContain("base-user-secret");
        LeakedLines().Should().BeEmpty();
    }
}
