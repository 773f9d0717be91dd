using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Sandbox.Http;
using Fn.AwsGuardDuty.Tests.GuardDuty.Support;
using Microsoft.AspNetCore.Http;
using static Fn.AwsGuardDuty.Tests.GuardDuty.GuardDutyTestLogging;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Transport;

/// <summary>Signing, timeouts, deadlines, transport faults and the proxy, against tiny loopback stand-ins.</summary>
public class TransportTests
{
    private static readonly string SecretKey = Secret("transport-secret/key+1");
    private static readonly string Token = Secret("transport-session-token==");

    private static GuardDutyClientFactory Factory(Uri endpoint, Action<GuardDutyClientOptions>? tune = null, bool withToken = false)
    {
        var options = new GuardDutyClientOptions
        {
            AccessKeyId = "ASIATRANSPORT0000001",
            SecretAccessKey = SecretKey,
            SessionToken = withToken ? Token : null,
            EndpointUrl = endpoint,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            ThrottlingBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        tune?.Invoke(options);
        var credentials = GuardDutyCredentialsResolver.ResolveAsync(options, GuardDutyTestLogging.Factory).GetAwaiter().GetResult();
        return new GuardDutyClientFactory(options, credentials, GuardDutyTestLogging.Factory);
    }

    [Test]
    public async Task Every_request_is_signed_for_its_clients_region_with_the_session_token()
    {
        var seen = new ConcurrentQueue<(string Authorization, string? Token, string Host, string Path)>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            seen.Enqueue((context.Request.Headers.Authorization.ToString(), context.Request.Headers["X-Amz-Security-Token"].FirstOrDefault(),
                context.Request.Host.Value ?? "", context.Request.Path + context.Request.QueryString));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"detectorIds":["d1"]}""");
        });
        using var factory = Factory(server.Endpoint, withToken: true);

        (await factory.GetClient("eu-west-1").ListDetectorsPageAsync()).Items.Should().Equal("d1");
        (await factory.GetClient("us-east-2").ListDetectorsPageAsync("a+b=")).Items.Should().Equal("d1");

        var requests = seen.ToArray();
        requests[0].Authorization.Should().StartWith("AWS4-HMAC-SHA256 Credential=ASIATRANSPORT0000001/")
            .And.Contain("/eu-west-1/guardduty/aws4_request").And.Contain("SignedHeaders=").And.Contain("host");
        requests[1].Authorization.Should().Contain("/us-east-2/guardduty/aws4_request");
        requests.Should().OnlyContain(r => r.Token == Token);
        requests[0].Host.Should().Be($"127.0.0.1:{server.Endpoint.Port}");
        requests[1].Path.Should().Be("/detector?maxResults=50&nextToken=a%2Bb%3D");
        factory.GetClient("eu-west-1").Should().BeSameAs(factory.GetClient("eu-west-1"));
    }

    [Test]
    public async Task Per_try_timeouts_are_retried_then_reported_with_the_attempt_count()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { });
        });
        using var factory = Factory(server.Endpoint, o =>
        {
            o.MaxAttempts = 3;
            o.PerTryTimeout = TimeSpan.FromMilliseconds(150);
            o.TotalDeadline = TimeSpan.FromSeconds(8);
        });

        var watch = Stopwatch.StartNew();
        var act = () => factory.GetClient("us-east-1").GetDetectorAsync("d1");
        var error = (await act.Should().ThrowAsync<GuardDutyTimeoutException>()).Which;

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        error.Attempts.Should().Be(3);
        error.Message.Should().Contain("GetDetector").And.Contain("each of 3 attempt(s)");
        factory.Counters.AttemptsOf("GetDetector").Should().Be(3);
        factory.Counters.Retries.Should().Be(2);
    }

    [Test]
    public async Task The_total_deadline_ends_a_call_that_keeps_failing()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["x-amzn-ErrorType"] = "TooManyRequestsException";
            await context.Response.WriteAsync("""{"message":"Too Many Requests"}""");
        });
        using var factory = Factory(server.Endpoint, o =>
        {
            o.MaxAttempts = 20;
            o.ThrottlingBaseDelay = TimeSpan.FromMilliseconds(100);
            o.TotalDeadline = TimeSpan.FromMilliseconds(600);
        });

        var watch = Stopwatch.StartNew();
        var act = () => factory.GetClient("us-east-1").ListDetectorsPageAsync();
        var error = (await act.Should().ThrowAsync<GuardDutyTimeoutException>()).Which;

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        error.Message.Should().Contain("deadline of 0.6 s").And.Contain("429 TooManyRequestsException");
        error.Attempts.Should().BeInRange(2, 19);
    }

    [Test]
    public async Task An_unreachable_endpoint_is_a_transport_error_after_the_retries()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var factory = Factory(new Uri($"http://127.0.0.1:{port}/"), o => o.MaxAttempts = 3);

        var act = () => factory.GetClient("us-east-1").ListDetectorsPageAsync();
        var error = (await act.Should().ThrowAsync<GuardDutyTransportException>()).Which;

        error.Attempts.Should().Be(3);
        error.Message.Should().Contain($"127.0.0.1:{port}").And.Contain("after 3 attempt(s)");
    }

    [Test]
    public async Task The_callers_cancellation_is_not_retried_or_wrapped()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }));
        using var factory = Factory(server.Endpoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        var act = () => factory.GetClient("us-east-1").ListDetectorsPageAsync(cancellationToken: cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        factory.Counters.HttpAttempts.Should().Be(1);
    }

    [Test]
    public async Task A_success_with_a_body_that_is_not_json_is_a_clear_error()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("<html>captive portal</html>"));
        using var factory = Factory(server.Endpoint);

        var act = () => factory.GetClient("us-east-1").ListDetectorsPageAsync();

        (await act.Should().ThrowAsync<GuardDutyResponseException>()).Which.Message.Should().Contain("not JSON");
        factory.Counters.HttpAttempts.Should().Be(1);
    }

    [Test]
    public async Task The_http_proxy_carries_the_requests()
    {
        var targets = new ConcurrentQueue<string>();
        await using var proxy = await LoopbackServer.StartAsync(async context =>
        {
            targets.Enqueue($"{context.Request.Host}{context.Request.Path}");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"detectorIds":["via-proxy"]}""");
        });
        using var factory = Factory(new Uri("http://guardduty.proxy-test.invalid/"), o => o.HttpProxy = new WebProxy(proxy.Endpoint));

        var page = await factory.GetClient("us-east-1").ListDetectorsPageAsync();

        page.Items.Should().Equal("via-proxy");
        targets.Should().Equal("guardduty.proxy-test.invalid/detector");
    }
}
