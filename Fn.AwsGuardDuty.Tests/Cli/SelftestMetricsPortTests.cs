using System.Net;
using System.Net.Sockets;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Cli.SelfTest;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;

namespace Fn.AwsGuardDuty.Tests.Cli;

/// <summary><c>selftest</c>'s "Metrics port" row: shown only when aws_gd_metrics_listen is set; PASS when the address can be bound, FAIL naming it when taken.</summary>
public class SelftestMetricsPortTests
{
    private AppSandbox _sandbox = null!;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await AppSandbox.StartAsync(broker: null);

    [OneTimeTearDown]
    public async Task StopSandbox() => await _sandbox.DisposeAsync();

    [SetUp]
    public void ClearOutput() => _out.GetStringBuilder().Clear();

    [TearDown]
    public void ShowTable() => TestContext.Out.WriteLine(_out.ToString());

    [Test]
    public async Task Without_the_key_there_is_no_row()
    {
        await SelftestAsync(_sandbox.WriteConfig());
        _out.ToString().Should().Contain(ConfigSelfTestCheck.CheckName).And.NotContain(MetricsPortSelfTestCheck.CheckName);
    }

    [Test]
    public async Task A_free_port_passes()
    {
        var port = LoopbackPorts.Free();
        await SelftestAsync(_sandbox.WriteConfig(guardDutyExtra: $"aws_gd_metrics_listen = 127.0.0.1:{port}"));
        SelfTestTableText.Row(_out.ToString(), MetricsPortSelfTestCheck.CheckName).Should().Contain("PASS").And.Contain($"127.0.0.1:{port} is free");
    }

    [Test]
    public async Task A_port_another_process_listens_on_fails_and_says_what_to_do()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var code = await SelftestAsync(_sandbox.WriteConfig(guardDutyExtra: $"aws_gd_metrics_listen = 127.0.0.1:{port}"));

        code.Should().Be(ExitCodes.RuntimeFailure);
        SelfTestTableText.Row(_out.ToString(), MetricsPortSelfTestCheck.CheckName).Should().Contain("FAIL")
            .And.Contain($"127.0.0.1:{port} cannot be bound").And.Contain("Another process listens there");
    }

    private async Task<int> SelftestAsync(string path) =>
        await SelftestCommand.ExecuteAsync(_sandbox.Context(_out, _error), path, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
}
