using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Tests.Circuits;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary><c>run</c> in-process against the SOAR, GuardDuty and STS stand-ins and a real ActiveMQ.</summary>
[Category("Broker")]
public class RunCommandBrokerTests
{
    private ActiveMqBroker _broker = null!;
    private AppSandbox _sandbox = null!;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        _broker = await SharedActiveMqBroker.GetAsync();
        _sandbox = await AppSandbox.StartAsync(_broker);
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    [SetUp]
    public void ClearOutput()
    {
        _out.GetStringBuilder().Clear();
        _error.GetStringBuilder().Clear();
        if (File.Exists(_sandbox.LogFile))
        {
            File.Delete(_sandbox.LogFile);
        }
    }

    [Test]
    public async Task Run_answers_a_function_call_from_SOAR_and_exits_0_when_cancelled()
    {
        var path = _sandbox.WriteConfig();
        var calls = new CallLog();
        var context = _sandbox.Context(_out, _error, s => s.AddSingleton<IFunctionHandler>(new EchoHandler(calls)));
        using var stop = new CancellationTokenSource();
        await using var platform = await SoarPlatform.StartAsync(_broker.ClientOptions(), _sandbox.OrgId);

        var run = RunCommand.ExecuteAsync(context, path, stop.Token);
        var correlation = await platform.InvokeAsync("fn_test_echo", new { in_text = "hello from SOAR" });
        var replies = await platform.WaitForFinalAsync(correlation, TimeSpan.FromSeconds(20));

        var final = replies[^1];
        final.Value<int>("message_type").Should().Be(0);
        final["results"]!["content"]!["echo"]!.Value<string>().Should().Be("hello from SOAR");
        final["results"]!["metrics"]!["package"]!.Value<string>().Should().Be("fn-aws-guardduty");
        final["results"]!["metrics"]!["package_version"]!.Value<string>().Should().Be(AppVersion.Current);
        replies.Select(r => r.Value<string>("message")).Should().Contain(["status one", "status two"]);
        run.IsCompleted.Should().BeFalse();

        await stop.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(20))).Should().Be(ExitCodes.Ok);
        _error.ToString().Should().BeEmpty();
        var log = _sandbox.ReadLog();
        log.Should().MatchRegex($@"Subscribed to {_sandbox.Queue.Replace(".", "\\.")} \d+ ms after start")
            .And.Contain("actions framework enabled")
            .And.Contain("Function listener stopped")
            .And.Contain("disconnected (receipt received)")
            .And.Contain("fn-aws-guardduty stopped");
        foreach (var secret in _sandbox.Secrets)
        {
            log.Should().NotContain(secret);
        }
    }

    [Test]
    public async Task Run_exits_1_naming_the_queue_when_the_API_key_may_not_read_it()
    {
        var path = _sandbox.WriteConfig(apiKeyId: _broker.NoReadUsername, apiKeySecret: _broker.NoReadPassword);

        var code = await RunCommand.ExecuteAsync(_sandbox.Context(_out, _error), path, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        code.Should().Be(ExitCodes.RuntimeFailure);
        var lines = _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle().Which.Should()
            .StartWith($"fn-aws-guardduty: the API key lacks permission to read from queue {_sandbox.Queue}")
            .And.Contain("message destination fn_aws_gd");
        _error.ToString().Should().NotContain(_broker.NoReadPassword);
        _sandbox.ReadLog().Should().Contain($"the API key lacks permission to read from queue {_sandbox.Queue}").And.NotContain(_broker.NoReadPassword);
    }
}
