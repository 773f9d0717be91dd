using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Cli.SelfTest;
using Fn.AwsGuardDuty.Tests.Infrastructure;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary><c>selftest</c> against the stand-ins and a real ActiveMQ: all green, and the queue permission case.</summary>
[Category("Broker")]
public class SelftestBrokerTests
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
    }

    [Test]
    public async Task Against_the_sandbox_every_row_is_green_and_the_exit_code_is_0()
    {
        var code = await SelftestCommand.ExecuteAsync(_sandbox.Context(_out, _error), _sandbox.WriteConfig(), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));

        var table = _out.ToString();
        code.Should().Be(ExitCodes.Ok, table);
        table.Should().Contain("all checks passed").And.NotContain("FAIL").And.NotContain("SKIPPED");
        foreach (var row in new[]
                 {
                     ConfigSelfTestCheck.CheckName, SoarSelfTestCheck.CheckName, StompSelfTestCheck.CheckName, AwsCredentialsSelfTestCheck.CheckName,
                     AwsRegionsSelfTestCheck.CheckName, GuardDutyDetectorsSelfTestCheck.CheckName,
                 })
        {
            table.Should().Contain(row);
        }

        table.Should().Contain($"subscription to {_sandbox.Queue} confirmed by the broker")
            .And.Contain($"as {_broker.Username}")
            .And.Contain($"us-east-1: {_sandbox.Detectors["us-east-1"]}");
        foreach (var secret in _sandbox.Secrets)
        {
            table.Should().NotContain(secret);
            _sandbox.ReadLog().Should().NotContain(secret);
        }
    }

    [Test]
    public async Task A_key_that_may_not_read_the_queue_fails_the_STOMP_row_naming_the_queue()
    {
        var path = _sandbox.WriteConfig(apiKeyId: _broker.NoReadUsername, apiKeySecret: _broker.NoReadPassword);

        var code = await SelftestCommand.ExecuteAsync(_sandbox.Context(_out, _error), path, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        code.Should().Be(ExitCodes.RuntimeFailure);
        var table = _out.ToString();
        table.Should().Contain($"the API key lacks permission to read from queue {_sandbox.Queue}")
            .And.Contain("grant the API key (or user) access to message destination fn_aws_gd")
            .And.Contain("1 of 6 checks failed");
        table.Should().NotContain(_broker.NoReadPassword);
    }
}
