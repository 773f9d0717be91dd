using System.Collections.Concurrent;
using System.Net;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.AspNetCore.Http;

namespace Fn.AwsGuardDuty.Tests.Soar;

/// <summary>
/// Issue 11 #8: a SOAR (or something posing as its host) that answers with a redirect must not lead the client to
/// another host:port with the session cookie, X-sess-id or the API key. The client follows no redirect at all and
/// says why. The target is a loopback HTTPS server the client would trust, recording every header it is sent.
/// </summary>
public class RedirectTests
{
    private LocalCertificateAuthority _ca = null!;
    private string _dir = null!;
    private string _caFile = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _ca = LocalCertificateAuthority.Create("soar redirect test CA");
        _dir = Directory.CreateTempSubdirectory("soar-redirect-").FullName;
        _caFile = Path.Combine(_dir, "ca.pem");
        _ca.WriteCertificatePem(_caFile);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _ca.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [TestCase(301, false)]
    [TestCase(302, false)]
    [TestCase(307, false)]
    [TestCase(308, false)]
    [TestCase(302, true)]
    [TestCase(307, true)]
    public async Task A_GET_redirected_to_another_host_is_refused_and_the_other_host_sees_no_credentials(int status, bool password)
    {
        await using var target = await Recorder();
        await using var soar = await Start(context => Redirect(context, status, $"https://localhost:{target.Server.Port}/stolen"));
        using var client = new SoarClient(Options(soar.Port, password));
        await client.ConnectAsync();

        var act = () => client.Incidents.GetAsync(5);

        var error = (await act.Should().ThrowAsync<SoarRedirectException>()).Which;
        error.StatusCode.Should().Be((HttpStatusCode)status);
        error.Message.Should().Contain($"localhost:{target.Server.Port}").And.Contain("follows no redirect");
        soar.Hits.Should().Be(1, "a redirect is not retried");
        target.AssertNothingReached();
    }

    [TestCase(307)]
    [TestCase(308)]
    public async Task A_POST_redirected_with_its_body_to_another_host_is_refused_and_not_looked_up_elsewhere(int status)
    {
        await using var target = await Recorder();
        await using var soar = await Start(context => Redirect(context, status, $"https://localhost:{target.Server.Port}/rest/orgs/201/incidents/5/comments"));
        using var client = new SoarClient(Options(soar.Port, password: true));
        await client.ConnectAsync();

        var act = () => client.Notes.AddAsync(5, "a note");

        await act.Should().ThrowAsync<SoarRedirectException>();
        soar.Hits.Should().Be(1, "a refused redirect proves nothing was written, so there is nothing to look up");
        target.AssertNothingReached();
    }

    [Test]
    public async Task A_redirect_to_the_same_host_is_refused_too_naming_the_target_so_the_setting_can_be_fixed()
    {
        await using var soar = await Start(context => Redirect(context, 301, "/soar/rest/orgs/201/incidents/5"));
        using var client = new SoarClient(Options(soar.Port, password: false));
        await client.ConnectAsync();

        var act = () => client.Incidents.GetAsync(5);

        (await act.Should().ThrowAsync<SoarRedirectException>()).Which.Message
            .Should().Contain($"https://127.0.0.1:{soar.Port}/soar/rest/orgs/201/incidents/5").And.Contain("resource_prefix");
    }

    private SoarClientOptions Options(int port, bool password) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Org = "Test Org",
        ApiKeyId = password ? null : "redirect-key",
        ApiKeySecret = password ? null : "redirect-secret-value",
        Email = password ? "analyst@example.com" : null,
        Password = password ? "redirect-password" : null,
        CaFile = _caFile,
        RequestMaxRetries = 3,
        RequestRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private Task<ScriptedHttpsServer> Start(Func<HttpContext, Task> script) =>
        ScriptedHttpsServer.StartAsync(_ca.IssueServerCertificate("localhost", "127.0.0.1"), script);

    private static Task Redirect(HttpContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private async Task<TargetRecorder> Recorder()
    {
        var seen = new ConcurrentQueue<string>();
        var server = await Start(context =>
        {
            foreach (var (name, value) in context.Request.Headers)
            {
                seen.Enqueue($"{name}: {value}");
            }

            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"id":5}""");
        });
        return new TargetRecorder(server, seen);
    }

    private sealed record TargetRecorder(ScriptedHttpsServer Server, ConcurrentQueue<string> Headers) : IAsyncDisposable
    {
        public void AssertNothingReached()
        {
            Headers.Should().NotContain(h => h.StartsWith("Cookie:", StringComparison.OrdinalIgnoreCase), "the session cookie stays with SOAR");
            Headers.Should().NotContain(h => h.StartsWith("X-sess-id:", StringComparison.OrdinalIgnoreCase), "the csrf token stays with SOAR");
            Headers.Should().NotContain(h => h.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase), "the API key stays with SOAR");
            Headers.Should().NotContain(h => h.Contains(ScriptedHttpsServer.SessionCookie, StringComparison.Ordinal)
                || h.Contains(ScriptedHttpsServer.CsrfToken, StringComparison.Ordinal));
            Server.Hits.Should().Be(0, "the client follows no redirect off the configured host");
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
