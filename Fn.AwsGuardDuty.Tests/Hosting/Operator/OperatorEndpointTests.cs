using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Hosting.Operator;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Hosting.Operator;

/// <summary>
/// The operator endpoint over real HTTP on loopback, in the app as <c>run</c> wires it (<see cref="WorldHost"/>) against
/// the sandbox SOAR and GuardDuty and a private ActiveMQ that the test kills and restarts: /readyz follows the STOMP
/// subscription, /healthz stays 200 through it, /metrics exports this host's instruments under their own names.
/// </summary>
[Category("Broker")]
[NonParallelizable]
public sealed class OperatorEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly CapturingLoggerProvider _logs = new();
    private ActiveMqBroker _broker = null!;
    private World _world = null!;
    private ILoggerFactory _loggerFactory = null!;
    private HttpClient _http = null!;
    private int _port;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _broker = await SharedActiveMqBroker.StartPrivateAsync();
        _loggerFactory = _logs.CreateFactory();
        _world = await World.Create().WithAws("123456789012", "AKIAOPERATOR00000001", "operator/secret+key").WithRegions("us-east-1").WithSts()
            .WithOrg(Random.Shared.Next(100_000, 2_000_000_000), "Operator Org").WithApiKey(_broker.Username, _broker.Password)
            .WithBroker(new WorldStomp("127.0.0.1", _broker.StompPort, Tls: false))
            .StartAsync();
        _port = LoopbackPorts.Free();
        _world.WriteConfig(c =>
        {
            WorldConfig.AddLines(c.Resilient, "stomp_timeout = 5\nnum_workers = 2\nrequest_max_retries = 1\nrequest_retry_delay = 0s");
            WorldConfig.AddLines(c.GuardDuty, $"aws_gd_polling_enabled = true\naws_gd_polling_interval = 1h\naws_gd_metrics_listen = 127.0.0.1:{_port}");
        });
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http?.Dispose();
        if (_world is not null) await _world.DisposeAsync();
        if (_broker is not null) await _broker.DisposeAsync();
        _loggerFactory?.Dispose();
    }

    [Test]
    public async Task Readyz_is_503_naming_stomp_until_subscribed_and_again_while_the_broker_is_down_and_200_once_it_is_back()
    {
        await _broker.KillAsync();
        await using var host = await _world.StartHostAsync(_loggerFactory);

        var (status, body) = await GetJsonAsync("readyz");
        status.Should().Be(HttpStatusCode.ServiceUnavailable, "the broker is down, so nothing is subscribed");
        body["status"]!.Value<string>().Should().Be("not ready");
        body["components"]!["stomp"]!["ready"]!.Value<bool>().Should().BeFalse();
        body["components"]!["stomp"]!["reason"]!.Value<string>().Should().Contain("broker");
        body["components"]!["soar"]!["ready"]!.Value<bool>().Should().BeTrue();
        (await _http.GetAsync("healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "a broker that is down is retried: the loops are alive");

        await _broker.RestartAsync();
        body = await WaitForReadyzAsync(HttpStatusCode.OK);
        host.Listener!.Subscribed.IsCompletedSuccessfully.Should().BeTrue("ready means the subscription was confirmed");
        body["status"]!.Value<string>().Should().Be("ready");
        ((JObject)body["components"]!).Properties().Select(p => p.Name).Should().BeEquivalentTo("soar", "stomp", "poller");

        await _broker.KillAsync();
        body = await WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable);
        body["components"]!["stomp"]!["ready"]!.Value<bool>().Should().BeFalse();
        body["components"]!["stomp"]!["reason"]!.Value<string>().Should().Contain("lost");
        body["components"]!["poller"]!["ready"]!.Value<bool>().Should().BeTrue();
        var (liveStatus, live) = await GetJsonAsync("healthz");
        liveStatus.Should().Be(HttpStatusCode.OK);
        live["status"]!.Value<string>().Should().Be("alive");

        var resubscribed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Listener!.Resubscribed += g => resubscribed.TrySetResult(g);
        await _broker.RestartAsync();
        body = await WaitForReadyzAsync(HttpStatusCode.OK);
        body["status"]!.Value<string>().Should().Be("ready");
        (await resubscribed.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeGreaterThan(1, "a new connection subscribed again");
    }

    [Test]
    public async Task Metrics_exports_the_hosts_instruments_under_their_own_names_and_nothing_of_another_host()
    {
        await using var host = await _world.StartHostAsync(_loggerFactory);
        using var meter = host.Services.GetRequiredService<IMeterFactory>().Create("Fn.AwsGuardDuty");
        var calls = meter.CreateCounter<long>("fn_aws_guardduty_test_probes_total", description: "Probes made by the test.");
        var waits = meter.CreateHistogram<double>("fn_aws_guardduty_test_wait_seconds", unit: "s", description: "Waits made by the test.");
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherMeter = other.GetRequiredService<IMeterFactory>().Create("Fn.AwsGuardDuty");
        otherMeter.CreateCounter<long>("fn_aws_guardduty_other_host_total").Add(7);
        var depth = 5;
        meter.CreateObservableGauge("fn_aws_guardduty_test_depth", () => depth);
        calls.Add(3, new KeyValuePair<string, object?>("outcome", "ok"));
        calls.Add(1, new KeyValuePair<string, object?>("outcome", "error"));
        waits.Record(0.2);
        waits.Record(4.0);

        using var response = await _http.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var lines = text.Split('\n');
        lines.Should().Contain("# TYPE fn_aws_guardduty_test_probes_total counter");
        lines.Should().Contain("fn_aws_guardduty_test_probes_total{outcome=\"ok\"} 3");
        lines.Should().Contain("fn_aws_guardduty_test_probes_total{outcome=\"error\"} 1");
        lines.Should().Contain("# TYPE fn_aws_guardduty_test_wait_seconds histogram");
        lines.Should().Contain("fn_aws_guardduty_test_wait_seconds_count 2");
        lines.Should().Contain(l => l.StartsWith("fn_aws_guardduty_test_wait_seconds_sum 4.2", StringComparison.Ordinal));
        lines.Should().Contain("fn_aws_guardduty_test_wait_seconds_bucket{le=\"+Inf\"} 2");
        lines.Should().Contain("fn_aws_guardduty_test_wait_seconds_bucket{le=\"0.25\"} 1", "Prometheus's default buckets without advice");
        lines.Should().Contain("# TYPE fn_aws_guardduty_test_depth gauge");
        lines.Should().Contain("fn_aws_guardduty_test_depth 5");
        text.Should().NotContain("fn_aws_guardduty_other_host_total", "instruments of another IMeterFactory belong to another host");
        text.Should().NotContain("fn_aws_guardduty_test_probes_total_total");
        text.Should().NotContain("process_", "prometheus-net's default collectors live in its default registry, which is not exported");
        text.Should().NotContain("prometheus_net_");
    }

    [Test]
    public async Task Unknown_paths_are_404_and_only_GET_and_HEAD_are_served()
    {
        await using var host = await _world.StartHostAsync(_loggerFactory);

        (await _http.GetAsync("nothing-here")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _http.PostAsync("readyz", new StringContent(""))).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "healthz"));
        head.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_health_verb_asks_the_endpoint_and_an_every_interface_address_answers_on_loopback()
    {
        var port = LoopbackPorts.Free();
        var config = _world.WriteConfig(c =>
        {
            WorldConfig.AddLines(c.Resilient, "stomp_timeout = 5\nnum_workers = 2");
            WorldConfig.AddLines(c.GuardDuty, $"aws_gd_polling_enabled = false\naws_gd_metrics_listen = *:{port}");
        }, Path.Combine(_world.Home, "every-interface.config"));
        var host = await _world.StartHostAsync(_loggerFactory, configPath: config);

        var (code, output, error) = await HealthVerbAsync("health", "-c", config);
        code.Should().Be(ExitCodes.Ok, error);
        output.Should().StartWith($"http://127.0.0.1:{port}/healthz: 200 {{\"status\":\"alive\"");

        await host.DisposeAsync();
        (code, _, error) = await HealthVerbAsync("health", "-c", config);
        code.Should().Be(ExitCodes.RuntimeFailure);
        error.Should().StartWith($"http://127.0.0.1:{port}/healthz: no answer");
    }

    [Test]
    public void The_prefix_binds_what_the_key_names()
    {
        OperatorEndpointService.PrefixFor(new(IPAddress.Parse("10.0.0.5"), 9464)).Should().Be("http://10.0.0.5:9464/");
        OperatorEndpointService.PrefixFor(new(IPAddress.IPv6Loopback, 9464)).Should().Be("http://[::1]:9464/");
        OperatorEndpointService.PrefixFor(new(IPAddress.Any, 9464)).Should().Be("http://+:9464/");
    }

    private async Task<(int Code, string Output, string Error)> HealthVerbAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var cli = new CliApplication(new CliContext
        {
            Out = output,
            Error = error,
            Environment = AppEnvironment.FromDictionary(new Dictionary<string, string>(), _world.Home, _world.Home),
        });
        var code = await cli.RunAsync(args);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<(HttpStatusCode Status, JObject Body)> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return (response.StatusCode, JObject.Parse(await response.Content.ReadAsStringAsync()));
    }

    private async Task<JObject> WaitForReadyzAsync(HttpStatusCode wanted)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (status, body) = await GetJsonAsync("readyz");
            if (status == wanted) return body;
            if (clock.Elapsed > Patience)
                Assert.Fail($"/readyz stayed {(int)status} for {Patience.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {body}");
            await Task.Delay(200);
        }
    }
}
