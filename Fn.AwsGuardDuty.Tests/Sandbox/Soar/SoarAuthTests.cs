using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Soar;

public class SoarAuthTests : SoarEmulatorTestBase
{
    [Test]
    public async Task Api_key_session_lists_the_keys_orgs_and_handle()
    {
        var (status, body) = await Client.GetAsync("/rest/session?include_permissions=false");

        status.Should().Be(HttpStatusCode.OK);
        body!["api_key_handle"]!.Value<int>().Should().Be(42);
        body["orgs"]!.Select(o => o["id"]!.Value<int>()).Should().Equal(201, 203);
        body["orgs"]![0]!["actions_framework_enabled"]!.Value<bool>().Should().BeTrue();
        body["orgs"]![0]!["uuid"]!.Value<string>().Should().Be("aaaaaaaa-0000-4000-8000-000000000201");
    }

    [Test]
    public async Task Wrong_secret_and_missing_credentials_are_401_on_every_endpoint()
    {
        using var wrong = NewClient();
        wrong.UseApiKey(KeyId, "not-the-secret");
        using var anonymous = NewClient();

        foreach (var path in new[] { "/rest/session", "/rest/const", Org, Org + "/incidents/1", Org + "/types/incident" })
        {
            (await wrong.GetAsync(path)).Status.Should().Be(HttpStatusCode.Unauthorized, path);
            (await anonymous.GetAsync(path)).Status.Should().Be(HttpStatusCode.Unauthorized, path);
        }

        var (status, body) = await anonymous.PostAsync(Org + "/incidents", Incident("x", "f"));
        status.Should().Be(HttpStatusCode.Unauthorized);
        body!["message"]!.Value<string>().Should().NotContain(KeySecret);
    }

    [Test]
    public async Task Password_login_gives_a_csrf_token_and_cookie_that_must_travel_together()
    {
        var cookies = new CookieContainer();
        using var client = NewClient(cookies);
        var (status, body) = await client.PostAsync("/rest/session?include_permissions=false", new { email = Email, password = Password });

        status.Should().Be(HttpStatusCode.OK);
        var csrf = body!["csrf_token"]!.Value<string>()!;
        body["user_id"]!.Value<int>().Should().Be(7);
        body["orgs"]!.Select(o => o["id"]!.Value<int>()).Should().Equal(201, 202, 203);
        cookies.GetCookies(Emulator.BaseUri)["JSESSIONID"].Should().NotBeNull();

        (await client.GetAsync(Org)).Status.Should().Be(HttpStatusCode.Unauthorized, "the cookie alone is not enough");
        client.UseSession(csrf);
        (await client.GetAsync(Org)).Status.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/rest/orgs/202")).Status.Should().Be(HttpStatusCode.OK);

        client.UseSession("forged-token");
        (await client.GetAsync(Org)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Wrong_password_is_401()
    {
        using var client = NewClient(new CookieContainer());
        (await client.PostAsync("/rest/session", new { email = Email, password = "nope" })).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsync("/rest/session", new { email = "who@example.com", password = Password })).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsync("/rest/session", new { email = Email })).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Expired_sessions_get_401_while_api_keys_keep_working()
    {
        using var client = NewClient(new CookieContainer());
        var (_, body) = await client.PostAsync("/rest/session", new { email = Email, password = Password });
        client.UseSession(body!["csrf_token"]!.Value<string>()!);
        (await client.GetAsync(Org + "/types/incident")).Status.Should().Be(HttpStatusCode.OK);

        Emulator.ExpireSessions().Should().BeGreaterThan(0);

        (await client.GetAsync(Org + "/types/incident")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Client.GetAsync(Org + "/types/incident")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Org_in_the_path_must_be_one_the_caller_belongs_to()
    {
        (await Client.GetAsync("/rest/orgs/202")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await Client.GetAsync("/rest/orgs/202/incidents/1")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await Client.GetAsync("/rest/orgs/999")).Status.Should().Be(HttpStatusCode.Forbidden);
        var (status, body) = await Client.GetAsync("/rest/orgs/203");
        status.Should().Be(HttpStatusCode.Forbidden);
        body!["message"]!.Value<string>().Should().Contain("disabled");
    }

    [Test]
    public async Task Org_and_const_answer_the_fields_the_client_reads()
    {
        var (_, org) = await Client.GetAsync(Org);
        org!["id"]!.Value<int>().Should().Be(201);
        org["enabled"]!.Value<bool>().Should().BeTrue();
        org["actions_framework_enabled"]!.Value<bool>().Should().BeTrue();

        var (_, constants) = await Client.GetAsync("/rest/const");
        constants!["server_version"]!["version"]!.Value<string>().Should().Be("51.0.8.0");
        constants["server_version"]!["major"]!.Value<int>().Should().Be(51);
    }

    [Test]
    public async Task A_client_that_does_not_trust_the_emulator_ca_cannot_connect()
    {
        using var untrusting = new SoarTestClient(Emulator.BaseUri, caPem: Fn.AwsGuardDuty.Sandbox.Tls.LocalCertificateAuthority.Create().ExportCertificatePem());
        untrusting.UseApiKey(KeyId, KeySecret);
        var act = () => untrusting.GetAsync("/rest/session");
        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Test]
    public void Ca_pem_is_written_where_asked()
    {
        Emulator.BaseUri.Scheme.Should().Be("https");
        Emulator.Host.Should().Be("127.0.0.1");
        Emulator.CaPem.Should().StartWith("-----BEGIN CERTIFICATE-----");
    }

    [Test]
    public async Task Unknown_paths_are_404_and_wrong_methods_405()
    {
        (await Client.GetAsync(Org + "/no_such_thing")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Client.DeleteAsync(Org + "/incidents/query_paged")).Status.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task Bad_json_is_a_400_not_a_crash()
    {
        var (status, body) = await Client.SendAsync(HttpMethod.Post, Org + "/incidents", "{not json");
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.Value<string>().Should().Contain("not valid JSON");
        (await Client.PostAsync(Org + "/incidents", new JArray())).Status.Should().Be(HttpStatusCode.BadRequest);
    }
}
