using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fn.AwsGuardDuty.Sandbox.Vault;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Vault;

/// <summary>
/// The Vault emulator answers as HashiCorp's API documentation says Vault does, over raw HTTP (no app code involved):
/// AppRole login, KV version 2 read, and the error shapes for bad credentials, bad tokens, absent and deleted secrets.
/// </summary>
public class VaultEmulatorTests
{
    private VaultEmulator _vault = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task SetUp()
    {
        _vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions
        {
            AppRoles = [new VaultAppRole("role-1", "secret-1"), new VaultAppRole("role-2", "secret-2", Mounts: ["other"])],
            KvMounts = ["secret", "other"],
            TokenTtl = TimeSpan.FromMinutes(20),
        });
        _http = new HttpClient { BaseAddress = _vault.Address };
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _vault.DisposeAsync();
    }

    [Test]
    public async Task Login_returns_a_client_token_with_its_lease()
    {
        var (status, body) = await PostAsync("v1/auth/approle/login", new { role_id = "role-1", secret_id = "secret-1" });

        status.Should().Be(HttpStatusCode.OK);
        body!["auth"]!["client_token"]!.GetValue<string>().Should().StartWith("hvs.");
        body["auth"]!["lease_duration"]!.GetValue<long>().Should().Be(1200);
        body["data"].Should().BeNull();
    }

    [TestCase("role-1", "wrong", "invalid role or secret ID")]
    [TestCase("nobody", "secret-1", "invalid role or secret ID")]
    [TestCase("", "secret-1", "missing role_id")]
    public async Task Bad_credentials_are_400_with_an_error(string roleId, string secretId, string error)
    {
        var (status, body) = await PostAsync("v1/auth/approle/login", new { role_id = roleId, secret_id = secretId });

        status.Should().Be(HttpStatusCode.BadRequest);
        body!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal(error);
    }

    [Test]
    public async Task A_read_returns_the_latest_version_with_its_metadata()
    {
        _vault.State.Put("secret", "mysql/webapp", new Dictionary<string, string> { ["password"] = "old" });
        _vault.State.Put("secret", "mysql/webapp", new Dictionary<string, string> { ["password"] = "new" });

        var (status, body) = await GetAsync("v1/secret/data/mysql/webapp", await LoginAsync());

        status.Should().Be(HttpStatusCode.OK);
        body!["data"]!["data"]!["password"]!.GetValue<string>().Should().Be("new");
        body["data"]!["metadata"]!["version"]!.GetValue<int>().Should().Be(2);
        body["data"]!["metadata"]!["deletion_time"]!.GetValue<string>().Should().BeEmpty();
        body["data"]!["metadata"]!["destroyed"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task A_bad_revoked_or_out_of_policy_token_is_403_permission_denied()
    {
        _vault.State.Put("secret", "x", new Dictionary<string, string> { ["k"] = "v" });
        var token = await LoginAsync();
        var otherRole = await LoginAsync("role-2", "secret-2");

        (await GetAsync("v1/secret/data/x", "hvs.not-a-token")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await GetAsync("v1/secret/data/x", otherRole)).Body!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("permission denied");
        _vault.State.RevokeAllTokens();
        (await GetAsync("v1/secret/data/x", token)).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_absent_secret_is_404_with_empty_errors()
    {
        var (status, body) = await GetAsync("v1/secret/data/nothing/here", await LoginAsync());

        status.Should().Be(HttpStatusCode.NotFound);
        body!.ToJsonString().Should().Be("""{"errors":[]}""");
    }

    [Test]
    public async Task A_deleted_or_destroyed_latest_version_is_404_with_null_data_and_its_metadata()
    {
        _vault.State.Put("secret", "a", new Dictionary<string, string> { ["k"] = "v" });
        _vault.State.DeleteLatest("secret", "a");
        _vault.State.Put("secret", "b", new Dictionary<string, string> { ["k"] = "v" });
        _vault.State.DestroyLatest("secret", "b");
        var token = await LoginAsync();

        var (deletedStatus, deleted) = await GetAsync("v1/secret/data/a", token);
        var (destroyedStatus, destroyed) = await GetAsync("v1/secret/data/b", token);

        deletedStatus.Should().Be(HttpStatusCode.NotFound);
        deleted!["data"]!["data"].Should().BeNull();
        deleted["data"]!["metadata"]!["deletion_time"]!.GetValue<string>().Should().NotBeEmpty();
        deleted.AsObject().ContainsKey("errors").Should().BeFalse();
        destroyedStatus.Should().Be(HttpStatusCode.NotFound);
        destroyed!["data"]!["data"].Should().BeNull();
        destroyed["data"]!["metadata"]!["destroyed"]!.GetValue<bool>().Should().BeTrue();
    }

    private async Task<string> LoginAsync(string roleId = "role-1", string secretId = "secret-1") =>
        (await PostAsync("v1/auth/approle/login", new { role_id = roleId, secret_id = secretId })).Body!["auth"]!["client_token"]!.GetValue<string>();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Vault-Token", token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }
}
