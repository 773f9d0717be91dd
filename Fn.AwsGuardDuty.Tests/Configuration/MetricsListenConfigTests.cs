using System.Net;
using Fn.AwsGuardDuty.Cli;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Tests.Cli;

namespace Fn.AwsGuardDuty.Tests.Configuration;

/// <summary><c>aws_gd_metrics_listen</c>: off by default, host:port read into a typed address, a bad value is exit 2 naming the key.</summary>
public class MetricsListenConfigTests
{
    [Test]
    public void Unset_means_no_listener()
    {
        using var files = new TestConfigFiles();
        files.Load(TestConfigFiles.Valid()).MetricsListen.Should().BeNull();
    }

    [TestCase("127.0.0.1:9464", "127.0.0.1", 9464)]
    [TestCase(" 10.1.2.3:80 ", "10.1.2.3", 80)]
    [TestCase("[::1]:9464", "::1", 9464)]
    [TestCase("localhost:9000", "127.0.0.1", 9000)]
    [TestCase("*:9464", "0.0.0.0", 9464)]
    [TestCase("0.0.0.0:65535", "0.0.0.0", 65535)]
    public void A_host_and_port_is_read_into_an_address(string value, string address, int port)
    {
        using var files = new TestConfigFiles();
        var listen = files.Load(TestConfigFiles.Valid(guardDutyExtra: $"aws_gd_metrics_listen = {value}")).MetricsListen;
        listen.Should().Be(new ListenAddress(IPAddress.Parse(address), port));
    }

    [TestCase("9464", "'9464' must be host:port (for example 127.0.0.1:9464)")]
    [TestCase("127.0.0.1:", "'127.0.0.1:' must be host:port (for example 127.0.0.1:9464)")]
    [TestCase("127.0.0.1:0", "'127.0.0.1:0': the port '0' must be a number from 1 to 65535")]
    [TestCase("127.0.0.1:70000", "'127.0.0.1:70000': the port '70000' must be a number from 1 to 65535")]
    [TestCase("127.0.0.1:http", "'127.0.0.1:http': the port 'http' must be a number from 1 to 65535")]
    [TestCase("metrics.example.com:9464", "'metrics.example.com:9464': the host 'metrics.example.com' must be an IP address, localhost or * (all interfaces)")]
    [TestCase("10.1:9464", "'10.1:9464': the host '10.1' must be an IP address, localhost or * (all interfaces)")]
    [TestCase("::1:9464", "'::1:9464': write an IPv6 address in brackets, as [::1]:9464")]
    public async Task A_bad_value_makes_run_exit_2_naming_the_key(string value, string problem)
    {
        using var cli = new CliHarness();
        var path = cli.Files.Write(TestConfigFiles.Valid(guardDutyExtra: $"aws_gd_metrics_listen = {value}"));

        (await cli.RunAsync("run", "-c", path)).Should().Be(ExitCodes.ConfigurationError);

        cli.ErrorLines.Should().Equal($"app.config: [fn_aws_guardduty] aws_gd_metrics_listen: {problem}");
    }
}
