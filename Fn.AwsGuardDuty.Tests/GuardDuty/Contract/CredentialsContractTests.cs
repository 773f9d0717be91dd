using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Tests.GuardDuty.Support;
using static Fn.AwsGuardDuty.Tests.GuardDuty.GuardDutyTestLogging;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Contract;

/// <summary>Each credential source, end to end: the emulator checks every signature against the key's secret and token.</summary>
[NonParallelizable]
public class CredentialsContractTests : EmulatorContractFixture
{
    private const string EnvKey = "AKIACONTRACTENV00003";
    private static readonly string EnvSecret = Secret("contract-env-secret");
    private const string ProfileKey = "AKIACONTRACTPROF0004";
    private static readonly string ProfileSecret = Secret("contract-profile-secret");
    private const string RoleKey = "ASIACONTRACTROLE0005";
    private static readonly string RoleSecret = Secret("contract-role-secret");
    private static readonly string RoleToken = Secret("contract-role-token/xyz==");

    private StsStandIn _sts = null!;
    private string _dir = "";

    protected override IEnumerable<AwsCredential> ExtraCredentials() =>
    [
        new(EnvKey, EnvSecret, "222222222222"),
        new(ProfileKey, ProfileSecret, "333333333333"),
        new(RoleKey, RoleSecret, RoleAccount, RoleToken),
    ];

    [OneTimeSetUp]
    public async Task StartSts()
    {
        _sts = await StsStandIn.StartAsync();
        _dir = Directory.CreateTempSubdirectory("gd-contract-creds-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopSts()
    {
        await _sts.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task Static_keys_with_a_session_token_are_accepted()
    {
        var detector = NewDetector();
        var factory = await NewFactoryAsync(o => { o.AccessKeyId = SessionKey; o.SecretAccessKey = SessionSecret; o.SessionToken = SessionToken; });

        (await factory.GetClient(Region).ListDetectorsAsync().ToListAsync()).Should().Equal(detector.DetectorId);
    }

    [Test]
    public async Task A_wrong_secret_is_an_authentication_error_not_retried()
    {
        var factory = await NewFactoryAsync(o => o.SecretAccessKey = Secret("not-the-right-secret"));

        var act = () => factory.GetClient(Region).ListDetectorsPageAsync();
        var error = (await act.Should().ThrowAsync<GuardDutyServiceException>()).Which;

        error.StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        error.Kind.Should().BeOneOf(GuardDutyErrorKind.Authentication, GuardDutyErrorKind.AccessDenied);
        error.Attempts.Should().Be(1);
        error.Message.Should().NotContain("not-the-right-secret");
    }

    [Test]
    public async Task Environment_credentials_reach_their_own_account()
    {
        var detector = NewDetector(account: "222222222222");
        using var env = EnvironmentScope.AwsOnly(("AWS_ACCESS_KEY_ID", EnvKey), ("AWS_SECRET_ACCESS_KEY", EnvSecret),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_dir, "absent")));
        var factory = await NewFactoryAsync(o => { o.AccessKeyId = null; o.SecretAccessKey = null; });

        factory.Credentials.Source.Should().StartWith("default chain");
        (await factory.GetClient(Region).ListDetectorsAsync().ToListAsync()).Should().Equal(detector.DetectorId);
    }

    [Test]
    public async Task A_shared_profile_file_in_a_temp_dir_is_used()
    {
        var detector = NewDetector(account: "333333333333");
        var credentials = Path.Combine(_dir, "credentials");
        File.WriteAllText(credentials, $"[soc]\naws_access_key_id = {ProfileKey}\naws_secret_access_key = {ProfileSecret}\n");
        File.WriteAllText(Path.Combine(_dir, "config"), "[profile soc]\nregion = us-east-1\n");
        using var env = EnvironmentScope.AwsOnly(("AWS_SHARED_CREDENTIALS_FILE", credentials), ("AWS_CONFIG_FILE", Path.Combine(_dir, "config")));
        var factory = await NewFactoryAsync(o => { o.AccessKeyId = null; o.SecretAccessKey = null; o.Profile = "soc"; });

        factory.Credentials.Source.Should().StartWith("profile 'soc'");
        (await factory.GetClient(Region).ListDetectorsAsync().ToListAsync()).Should().Equal(detector.DetectorId);
    }

    [Test]
    public async Task AssumeRole_through_the_loopback_sts_signs_guardduty_calls_with_the_role()
    {
        var detector = NewDetector(account: RoleAccount);
        _sts.Reset();
        _sts.Issue.Add((RoleKey, RoleSecret, RoleToken));
        var factory = await NewFactoryAsync(o =>
        {
            o.RoleArn = "arn:aws:iam::444455556666:role/guardduty-reader";
            o.RoleExternalId = "ext-1";
            o.StsEndpointUrl = _sts.Endpoint;
        });

        factory.Credentials.Source.Should().Contain("assuming role");
        (await factory.GetClient(Region).ListDetectorsAsync().ToListAsync()).Should().Equal(detector.DetectorId);
        (await factory.GetClient(Region).ListDetectorsAsync().ToListAsync()).Should().Equal(detector.DetectorId);
        _sts.Calls.Should().Be(1);
        _sts.Requests.Single()["ExternalId"].Should().Be("ext-1");
    }

    [Test]
    public async Task A_refused_AssumeRole_surfaces_as_a_credentials_error_on_the_call()
    {
        _sts.Reset();
        _sts.RefuseWith = "AccessDenied";
        var factory = await NewFactoryAsync(o =>
        {
            o.RoleArn = "arn:aws:iam::444455556666:role/guardduty-reader";
            o.StsEndpointUrl = _sts.Endpoint;
        });

        var act = () => factory.GetClient(Region).ListDetectorsPageAsync();

        (await act.Should().ThrowAsync<GuardDutyCredentialsException>()).Which.Message.Should().Contain("AccessDenied");
        LeakedLines().Should().BeEmpty();
    }
}
