using System.Net.Sockets;
using Fn.AwsGuardDuty.Sandbox.TryIt;

namespace Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

/// <summary>The plain try-it mode: it starts everything, shows the loop once, gets to "Ready", and stops cleanly when cancelled.</summary>
public class InteractiveModeTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task It_gets_ready_prints_where_to_poke_and_stops_cleanly_on_cancellation(CancellationToken cancellationToken)
    {
        using var folder = new TryItFolder();
        var console = new TestConsole();
        var command = new TryItCommand(new TryItOptions
        {
            Findings = 9,
            PollInterval = TimeSpan.FromSeconds(2),
            StepTimeout = TimeSpan.FromSeconds(30),
            WorkDirectory = folder.Path,
        }, console.Console);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var run = command.RunAsync(stop.Token);
        var session = await command.Ready.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);

        run.IsCompleted.Should().BeFalse("it stays up until Ctrl-C");
        session.App.IsRunning.Should().BeTrue();
        var text = console.Text;
        text.Should().Contain("Ready.").And.Contain("/_emulator/state").And.Contain("selftest -c")
            .And.Contain(session.Layout.AppConfig.Replace(Directory.GetCurrentDirectory() + "/", "", StringComparison.Ordinal));
        command.Summary!.IncidentsCreated.Should().Be(9);
        command.Summary.IncidentsRefreshed.Should().Be(1);
        command.Summary.IncidentsClosed.Should().Be(2);
        command.Summary.FindingsArchived.Should().Be(2);

        var config = await File.ReadAllTextAsync(session.Layout.AppConfig, cancellationToken);
        config.Should().Contain($"port = {session.Servers.Soar.Port}")
            .And.Contain($"stomp_port = {session.Servers.Broker.Port}")
            .And.Contain($"aws_gd_endpoint_url = {session.Servers.GuardDuty.Endpoint}")
            .And.Contain("aws_gd_regions = us-east-1, eu-west-1, ap-southeast-2")
            .And.Contain("aws_gd_polling_interval = 2s");
        var ports = new[] { session.Servers.Soar.Port, session.Servers.Broker.Port, session.Servers.GuardDuty.Endpoint.Port, session.Servers.Sts.Endpoint.Port };

        await stop.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);

        code.Should().Be(0, console.Text);
        console.Text.Should().Contain("Stopped: the app (exit 0)");
        session.App.IsRunning.Should().BeFalse();
        folder.ReadLogs().Should().Contain("fn-aws-guardduty stopped");
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            var connect = async () => await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            await connect.Should().ThrowAsync<SocketException>($"port {port} is closed once the sandbox stopped");
        }

        foreach (var secret in session.Secrets.All)
            console.Text.Should().NotContain(secret);
    }
}
