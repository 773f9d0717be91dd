using System.Net;
using System.Net.Sockets;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.AspNetCore.Http;

namespace Fn.AwsGuardDuty.Tests.Soar;

/// <summary>Transport behaviour against scripted loopback HTTPS servers: dropped connections, timeouts, TLS trust, proxies.</summary>
public class TransportTests
{
    private LocalCertificateAuthority _ca = null!;
    private LocalCertificateAuthority _otherCa = null!;
    private string _dir = null!;
    private string _caFile = null!;
    private string _otherCaFile = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _ca = LocalCertificateAuthority.Create("soar test CA");
        _otherCa = LocalCertificateAuthority.Create("some other CA");
        _dir = Directory.CreateTempSubdirectory("soar-transport-").FullName;
        _caFile = Path.Combine(_dir, "ca.pem");
        _otherCaFile = Path.Combine(_dir, "other-ca.pem");
        _ca.WriteCertificatePem(_caFile);
        _otherCa.WriteCertificatePem(_otherCaFile);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _ca.Dispose();
        _otherCa.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private SoarClientOptions Options(int port, int attempts = 3) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Org = "Test Org",
        ApiKeyId = "transport-key",
        ApiKeySecret = "transport-secret-value",
        CaFile = _caFile,
        RequestMaxRetries = attempts,
        RequestRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private Task<ScriptedHttpsServer> Start(Func<HttpContext, Task> script) =>
        ScriptedHttpsServer.StartAsync(_ca.IssueServerCertificate("localhost", "127.0.0.1"), script);

    [Test]
    public async Task A_GET_whose_connection_drops_is_retried_up_to_the_limit()
    {
        await using var server = await Start(context => { context.Abort(); return Task.CompletedTask; });
        using var client = new SoarClient(Options(server.Port, attempts: 3));

        var act = () => client.GetConstAsync();

        (await act.Should().ThrowAsync<SoarConnectionException>()).Which.Attempts.Should().Be(3);
        server.Hits.Should().Be(3);
    }

    [Test]
    public async Task A_POST_whose_connection_drops_after_sending_is_not_repeated()
    {
        await using var server = await Start(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Abort();
        });
        using var client = new SoarClient(Options(server.Port, attempts: 4));

        var act = () => client.Incidents.CreateAsync(new Newtonsoft.Json.Linq.JObject { ["name"] = "x" });

        (await act.Should().ThrowAsync<SoarConnectionException>()).Which.Attempts.Should().Be(1);
        server.Hits.Should().Be(1, "a second POST could create a duplicate incident");
    }

    [Test]
    public async Task A_POST_to_a_refused_port_is_retried_because_it_never_left()
    {
        var server = await Start(context => context.Response.WriteAsync("{}"));
        using var client = new SoarClient(Options(server.Port, attempts: 3));
        await client.ConnectAsync();
        await server.DisposeAsync();
        var before = client.Counters.Calls;

        var act = () => client.Incidents.CreateAsync(new Newtonsoft.Json.Linq.JObject { ["name"] = "x" });

        (await act.Should().ThrowAsync<SoarConnectionException>()).Which.Attempts.Should().Be(3);
        (client.Counters.Calls - before).Should().Be(3);
        client.Counters.Retries.Should().Be(2);
    }

    [Test]
    public async Task A_safe_only_create_whose_connection_drops_after_sending_is_not_repeated()
    {
        await using var server = await Start(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Abort();
        });
        using var client = new SoarClient(Options(server.Port, attempts: 4));

        var act = () => client.Incidents.CreateAsync(new Newtonsoft.Json.Linq.JObject { ["name"] = "x" }, SoarRetryPolicy.SafeOnly);

        (await act.Should().ThrowAsync<SoarConnectionException>()).Which.Attempts.Should().Be(1);
        server.Hits.Should().Be(1);
    }

    [Test]
    public async Task A_safe_only_create_to_a_refused_port_is_retried_because_it_never_left()
    {
        var server = await Start(context => context.Response.WriteAsync("{}"));
        using var client = new SoarClient(Options(server.Port, attempts: 3));
        await client.ConnectAsync();
        await server.DisposeAsync();
        var before = client.Counters.Calls;

        var act = () => client.Incidents.CreateAsync(new Newtonsoft.Json.Linq.JObject { ["name"] = "x" }, SoarRetryPolicy.SafeOnly);

        (await act.Should().ThrowAsync<SoarConnectionException>()).Which.Attempts.Should().Be(3);
        (client.Counters.Calls - before).Should().Be(3);
    }

    [Test]
    public async Task A_safe_only_create_that_times_out_is_not_repeated()
    {
        await using var server = await Start(async context => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted));
        var options = Options(server.Port, attempts: 3);
        options.RequestTimeout = TimeSpan.FromMilliseconds(300);
        using var client = new SoarClient(options);
        await client.ConnectAsync();

        var act = () => client.Incidents.CreateAsync(new Newtonsoft.Json.Linq.JObject { ["name"] = "x" }, SoarRetryPolicy.SafeOnly);

        (await act.Should().ThrowAsync<SoarConnectionException>()).Which.Attempts.Should().Be(1);
        server.Hits.Should().Be(1);
    }

    [Test]
    public async Task A_safe_only_create_answered_503_is_reported_at_once_but_a_429_is_retried()
    {
        var calls = 0;
        await using var server = await Start(context =>
        {
            var n = Interlocked.Increment(ref calls);
            context.Response.StatusCode = n <= 2 ? 429 : n == 3 ? 503 : 200;
            return context.Response.WriteAsync(n <= 3 ? """{"message":"busy"}""" : """{"id":9}""");
        });
        using var client = new SoarClient(Options(server.Port, attempts: 5));

        var act = () => client.Incidents.CreateAsync(new Newtonsoft.Json.Linq.JObject { ["name"] = "x" }, SoarRetryPolicy.SafeOnly);

        var error = (await act.Should().ThrowAsync<SoarHttpException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        error.Attempts.Should().Be(3, "two 429s retried, the 503 is not");
        server.Hits.Should().Be(3);
    }

    [Test]
    public async Task A_hung_answer_times_out_per_attempt_and_is_retried_for_GET()
    {
        await using var server = await Start(async context => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted));
        var options = Options(server.Port, attempts: 2);
        options.RequestTimeout = TimeSpan.FromMilliseconds(300);
        using var client = new SoarClient(options);
        await client.ConnectAsync();

        var act = () => client.GetConstAsync();

        (await act.Should().ThrowAsync<SoarConnectionException>()).WithMessage("*timed out after 2 attempt(s)*");
        server.Hits.Should().Be(2);
    }

    [Test]
    public async Task Caller_cancellation_is_not_retried()
    {
        await using var server = await Start(async context => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted));
        using var client = new SoarClient(Options(server.Port, attempts: 5));
        await client.ConnectAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => client.GetConstAsync(cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        server.Hits.Should().Be(1);
    }

    [Test]
    public async Task A_certificate_from_another_CA_is_refused_with_the_reason_and_not_retried()
    {
        await using var server = await ScriptedHttpsServer.StartAsync(_otherCa.IssueServerCertificate("127.0.0.1"), _ => Task.CompletedTask);
        var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        using var client = new SoarClient(Options(server.Port), factory);

        var act = () => client.ConnectAsync();

        (await act.Should().ThrowAsync<SoarTlsException>()).WithMessage($"*127.0.0.1:{server.Port}*not trusted*cafile {_caFile}*");
        logs.Lines.Count(l => l.Contains("SOAR GET /rest/session", StringComparison.Ordinal)).Should().Be(1);
    }

    [Test]
    public async Task A_certificate_for_another_host_name_is_refused_even_from_the_trusted_CA()
    {
        await using var server = await ScriptedHttpsServer.StartAsync(_ca.IssueServerCertificate("soar.other.example"), _ => Task.CompletedTask);
        using var client = new SoarClient(Options(server.Port));

        var act = () => client.ConnectAsync();

        await act.Should().ThrowAsync<SoarTlsException>().WithMessage("*does not match the host name*");
    }

    [Test]
    public async Task Verification_off_accepts_any_certificate_and_warns_once()
    {
        await using var server = await ScriptedHttpsServer.StartAsync(_otherCa.IssueServerCertificate("elsewhere.example"), context => context.Response.WriteAsync("""{"server_version":{"version":"51.0.0"}}"""));
        var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        var options = Options(server.Port);
        options.VerifyTls = false;
        using var client = new SoarClient(options, factory);

        var constants = await client.GetConstAsync();
        await client.GetConstAsync();

        constants["server_version"]!["version"]!.ToString().Should().Be("51.0.0");
        logs.Lines.Count(l => l.Contains("verification", StringComparison.OrdinalIgnoreCase) && l.StartsWith("Warning")).Should().Be(1);
    }

    [Test]
    public async Task Calls_go_through_the_configured_proxy_with_its_credentials()
    {
        await using var server = await Start(context => context.Response.WriteAsync("""{"server_version":{"version":"51.0.0"}}"""));
        await using var proxy = new ConnectProxy("proxyuser", "proxy-pass-word");
        var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        var options = Options(server.Port);
        options.HttpsProxy = new WebProxy($"http://127.0.0.1:{proxy.Port}") { Credentials = new NetworkCredential("proxyuser", "proxy-pass-word") };
        using var client = new SoarClient(options, factory);

        await client.GetConstAsync();

        proxy.Tunnels.Should().Contain($"127.0.0.1:{server.Port}");
        proxy.Challenges.Should().BeGreaterThan(0, "the proxy asked for credentials and got them");
        logs.Lines.Should().Contain(l => l.Contains($"http://127.0.0.1:{proxy.Port}", StringComparison.Ordinal));
        logs.Lines.Should().NotContain(l => l.Contains("proxy-pass-word", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_server_error_burst_is_retried_and_then_reported_with_the_attempt_count()
    {
        await using var server = await Start(context =>
        {
            context.Response.StatusCode = 503;
            return context.Response.WriteAsync("""{"message":"busy"}""");
        });
        using var client = new SoarClient(Options(server.Port, attempts: 4));

        var act = () => client.GetConstAsync();

        var error = (await act.Should().ThrowAsync<SoarHttpException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        error.Attempts.Should().Be(4);
        error.Message.Should().Contain("after 4 attempts: busy");
        server.Hits.Should().Be(4);
    }

    [Test]
    public async Task A_bad_request_is_not_retried()
    {
        await using var server = await Start(context =>
        {
            context.Response.StatusCode = 400;
            return context.Response.WriteAsync("""{"message":"nope"}""");
        });
        using var client = new SoarClient(Options(server.Port, attempts: 4));

        var act = () => client.GetConstAsync();

        (await act.Should().ThrowAsync<SoarHttpException>()).Which.Attempts.Should().Be(1);
        server.Hits.Should().Be(1);
    }

    [Test]
    public void A_cafile_that_is_not_a_certificate_is_a_clear_options_error()
    {
        var bad = Path.Combine(_dir, "bad.pem");
        File.WriteAllText(bad, "not a certificate");
        var options = Options(1);
        options.CaFile = bad;

        var act = () => new SoarClient(options);

        act.Should().Throw<SoarOptionsException>().Where(e => e.Key == "cafile");
    }

    [Test]
    public async Task Nothing_listening_is_reported_as_a_connection_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new SoarClient(Options(port, attempts: 2));

        var act = () => client.ConnectAsync();

        (await act.Should().ThrowAsync<SoarConnectionException>()).Which.Attempts.Should().Be(2);
    }
}
