using Fn.AwsGuardDuty.Soar;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

public class SoarAuthContractTests : SoarEmulatorFixture
{
    [Test]
    public async Task Api_key_login_resolves_the_org_and_reads_the_key_handle()
    {
        using var client = Client();

        var session = await client.ConnectAsync();

        session.AuthMode.Should().Be(SoarAuthMode.ApiKey);
        session.OrgId.Should().Be(201);
        session.ActionsFrameworkEnabled.Should().BeTrue();
        session.ApiKeyHandle.Should().Be(9);
        session.UserId.Should().BeNull();
        session.Orgs.Should().HaveCount(3);
        (await client.GetConstAsync())["server_version"]!["version"]!.ToString().Should().NotBeEmpty();
    }

    [Test]
    public async Task Password_login_uses_the_session_and_reads_the_user_id()
    {
        using var client = Client(password: true);

        var session = await client.ConnectAsync();
        var incident = await client.Incidents.CreateAsync(NewIncident("pw-1"));

        session.AuthMode.Should().Be(SoarAuthMode.EmailPassword);
        session.UserId.Should().Be(3);
        session.ApiKeyHandle.Should().BeNull();
        incident["id"]!.ToObject<long>().Should().BePositive();
        client.Counters.Logins.Should().Be(1);
    }

    [Test]
    public async Task An_expired_session_logs_in_again_once()
    {
        using var client = Client(password: true);
        await client.ConnectAsync();
        Emulator.ExpireSessions().Should().BeGreaterThan(0);

        var constants = await client.GetConstAsync();

        constants.Should().ContainKey("server_version");
        client.Counters.Logins.Should().Be(2);
    }

    [Test]
    public async Task A_wrong_api_key_is_a_clear_authentication_error_without_the_secret()
    {
        using var client = Client(tweak: o => o.ApiKeySecret = "not-the-secret-xyz");

        var act = () => client.ConnectAsync();

        var error = (await act.Should().ThrowAsync<SoarAuthenticationException>()).Which;
        error.StatusCode.Should().Be(401);
        error.Message.Should().Contain(ApiKeyId).And.NotContain("not-the-secret-xyz");
        client.Counters.Calls.Should().Be(1, "a refused login is not retried");
    }

    [Test]
    public async Task A_wrong_password_is_a_clear_authentication_error()
    {
        using var client = Client(password: true, tweak: o => o.Password = "wrong-password-abc");

        var act = () => client.ConnectAsync();

        (await act.Should().ThrowAsync<SoarAuthenticationException>()).Which.Message
            .Should().Contain(Email).And.NotContain("wrong-password-abc");
    }

    [Test]
    public async Task A_key_revoked_after_login_fails_after_one_relogin_instead_of_exiting()
    {
        using var client = Client();
        await client.ConnectAsync();
        using var _ = Emulator.Faults.Add(new Fn.AwsGuardDuty.Sandbox.Soar.Faults.SoarFault { Route = "^GET .*/incidents/", Status = 401 });

        var act = () => client.Incidents.GetAsync(1);

        await act.Should().ThrowAsync<SoarAuthenticationException>().WithMessage("*again right after a fresh login*");
        client.Counters.Logins.Should().Be(2);
    }

    [TestCase(OrgName)]
    [TestCase(OrgUuid)]
    [TestCase(OrgCloudAccount)]
    public async Task The_org_is_found_by_name_uuid_or_cloud_account(string org)
    {
        using var client = Client(org: org);

        (await client.ConnectAsync()).OrgId.Should().Be(201);
    }

    [Test]
    public async Task An_org_without_the_actions_framework_is_reported()
    {
        using var client = Client(org: "Quiet Org");

        var session = await client.ConnectAsync();

        session.OrgId.Should().Be(202);
        session.ActionsFrameworkEnabled.Should().BeFalse();
    }

    [Test]
    public async Task An_unknown_org_lists_the_users_orgs()
    {
        using var client = Client(org: "Nobody's Org");

        var act = () => client.ConnectAsync();

        (await act.Should().ThrowAsync<SoarOrgException>())
            .WithMessage("*not a member*'Nobody's Org'*'Sandbox Org'*'Quiet Org'*'Retired Org' (disabled)*");
    }

    [Test]
    public async Task A_disabled_org_is_refused()
    {
        using var client = Client(org: "Retired Org");

        var act = () => client.ConnectAsync();

        await act.Should().ThrowAsync<SoarOrgException>().WithMessage("*'Retired Org' (id 203) is not accessible*");
    }
}
