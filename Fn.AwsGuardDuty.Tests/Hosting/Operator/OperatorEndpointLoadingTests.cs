using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.ActiveMq;
using Fn.AwsGuardDuty.Sandbox.Worlds;

namespace Fn.AwsGuardDuty.Tests.Hosting.Operator;

/// <summary>
/// Idle memory: with <c>aws_gd_metrics_listen</c> unset, nothing of the endpoint (prometheus-net, HttpListener) is
/// loaded into the running app (a child process, against the sandbox broker, SOAR and GuardDuty); with it set, both are.
/// The process's mapped files tell.
/// </summary>
[NonParallelizable]
public sealed class OperatorEndpointLoadingTests
{
    private const string Prometheus = "Prometheus.NetStandard.dll";
    private const string HttpListener = "System.Net.HttpListener.dll";

    [Test]
    public async Task Without_the_key_the_endpoints_assemblies_are_not_loaded_and_with_it_they_are()
    {
        await using var world = await World.Create().WithAws("123456789012", "AKIALOADING000000001", "loading/secret+key").WithRegions("us-east-1").WithSts()
            .WithOrg(Random.Shared.Next(100_000, 2_000_000_000), "Loading Org").WithSandboxBroker().StartAsync();

        var (off, offRss) = await MappedAsync(world, "");
        var port = LoopbackPorts.Free();
        var (on, onRss) = await MappedAsync(world, $"aws_gd_metrics_listen = 127.0.0.1:{port}");
        TestContext.Out.WriteLine($"VmRSS when subscribed: key unset {offRss} kB, key set {onRss} kB");

        off.Should().NotContain(f => f.EndsWith(Prometheus, StringComparison.Ordinal) || f.EndsWith(HttpListener, StringComparison.Ordinal));
        on.Should().Contain(f => f.EndsWith(Prometheus, StringComparison.Ordinal)).And.Contain(f => f.EndsWith(HttpListener, StringComparison.Ordinal));
    }

    private static async Task<(IReadOnlyList<string> Files, long RssKb)> MappedAsync(World world, string guardDutyExtra)
    {
        world.WriteConfig(c =>
        {
            c.GuardDuty["aws_gd_polling_enabled"] = "false";
            WorldConfig.AddLines(c.GuardDuty, guardDutyExtra);
        });
        var app = world.StartApp(new AppProcessStart(AppProcessStart.BesideThisAssembly, "loading"));
        try
        {
            await app.WaitForAsync("Subscribed to", TimeSpan.FromSeconds(60));
            await Task.Delay(500);
            var files = File.ReadAllLines($"/proc/{app.Id}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length >= 6).Select(p => p[5]).Distinct().ToList();
            var rss = File.ReadAllLines($"/proc/{app.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return (files, long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            (await app.StopAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        }
    }
}
