using Amazon.Runtime;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Tests.GuardDuty.Support;
using static Fn.AwsGuardDuty.Tests.GuardDuty.GuardDutyTestLogging;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Credentials;

[NonParallelizable]
public class CredentialsResolverTests
{
    private string _dir = "";

    [SetUp]
    public void MakeTempDir() => _dir = Directory.CreateTempSubdirectory("gd-creds-").FullName;

    [TearDown]
    public void RemoveTempDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Static_keys_win_over_everything_else()
    {
        using var env = EnvironmentScope.AwsOnly(("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001"),
            ("AWS_SECRET_ACCESS_KEY", Secret("env-secret-should-not-be-used")));
        var options = new GuardDutyClientOptions
        {
            AccessKeyId = "AKIASTATIC0000000001", SecretAccessKey = Secret("static-secret-1/abc+def"), Profile = "ignored",
        };

        var resolved = await GuardDutyCredentialsResolver.ResolveAsync(options, Factory);

        resolved.Source.Should().Be("static keys");
        var c = await resolved.Credentials.GetCredentialsAsync();
        c.AccessKey.Should().Be("AKIASTATIC0000000001");
        c.SecretKey.Should().Be("static-secret-1/abc+def");
        c.UseToken.Should().BeFalse();
    }

    [Test]
    public async Task Static_keys_carry_the_session_token()
    {
        var options = new GuardDutyClientOptions
        {
            AccessKeyId = "ASIASTATIC0000000002", SecretAccessKey = Secret("static-secret-2"), SessionToken = Secret("static-token-2=="),
        };
        var resolved = await GuardDutyCredentialsResolver.ResolveAsync(options, Factory);
        resolved.Source.Should().Be("static keys with session token");
        var c = await resolved.Credentials.GetCredentialsAsync();
        c.Token.Should().Be("static-token-2==");
    }

    [Test]
    public async Task Default_chain_reads_the_environment()
    {
        using var env = EnvironmentScope.AwsOnly(("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00003"),
            ("AWS_SECRET_ACCESS_KEY", Secret("env-secret-3")), ("AWS_SESSION_TOKEN", Secret("env-token-3")),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_dir, "none")), ("AWS_CONFIG_FILE", Path.Combine(_dir, "none-config")));

        var resolved = await GuardDutyCredentialsResolver.ResolveAsync(new GuardDutyClientOptions(), Factory);

        resolved.Source.Should().StartWith("default chain");
        var c = await resolved.Credentials.GetCredentialsAsync();
        c.AccessKey.Should().Be("AKIAENVIRONMENT00003");
        c.Token.Should().Be("env-token-3");
    }

    [Test]
    public async Task Named_profile_comes_from_the_shared_files_the_environment_points_at()
    {
        WriteProfiles();
        using var env = EnvironmentScope.AwsOnly(("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_dir, "credentials")),
            ("AWS_CONFIG_FILE", Path.Combine(_dir, "config")));

        var resolved = await GuardDutyCredentialsResolver.ResolveAsync(new GuardDutyClientOptions { Profile = "gd-audit" }, Factory);

        resolved.Source.Should().StartWith("profile 'gd-audit'");
        (await resolved.Credentials.GetCredentialsAsync()).AccessKey.Should().Be("AKIAPROFILE000000004");
    }

    [Test]
    public async Task Default_chain_honours_AWS_PROFILE()
    {
        WriteProfiles();
        using var env = EnvironmentScope.AwsOnly(("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_dir, "credentials")),
            ("AWS_CONFIG_FILE", Path.Combine(_dir, "config")), ("AWS_PROFILE", "gd-audit"));

        var resolved = await GuardDutyCredentialsResolver.ResolveAsync(new GuardDutyClientOptions(), Factory);

        (await resolved.Credentials.GetCredentialsAsync()).AccessKey.Should().Be("AKIAPROFILE000000004");
    }

    [Test]
    public async Task A_missing_profile_is_a_clear_error()
    {
        WriteProfiles();
        using var env = EnvironmentScope.AwsOnly(("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_dir, "credentials")),
            ("AWS_CONFIG_FILE", Path.Combine(_dir, "config")));

        var act = () => GuardDutyCredentialsResolver.ResolveAsync(new GuardDutyClientOptions { Profile = "nope" }, Factory);

        await act.Should().ThrowAsync<GuardDutyCredentialsException>().WithMessage("aws_gd_profile 'nope' was not found*");
    }

    [Test]
    public async Task Nothing_configured_is_a_clear_error_not_a_hang()
    {
        using var env = EnvironmentScope.AwsOnly(("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_dir, "none")),
            ("AWS_CONFIG_FILE", Path.Combine(_dir, "none-config")));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var act = () => GuardDutyCredentialsResolver.ResolveAsync(new GuardDutyClientOptions(), Factory, cts.Token);

        await act.Should().ThrowAsync<GuardDutyCredentialsException>().WithMessage("No AWS credentials*");
    }

    private void WriteProfiles()
    {
        File.WriteAllText(Path.Combine(_dir, "credentials"), $"""
            [default]
            aws_access_key_id = AKIADEFAULT000000000
            aws_secret_access_key = {Secret("default-profile-secret")}

            [gd-audit]
            aws_access_key_id = AKIAPROFILE000000004
            aws_secret_access_key = {Secret("gd-audit-profile-secret")}
            """);
        File.WriteAllText(Path.Combine(_dir, "config"), """
            [profile gd-audit]
            region = eu-west-1
            """);
    }
}
