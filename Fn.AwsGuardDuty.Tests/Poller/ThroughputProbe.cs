using System.Diagnostics;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>
/// The escalation target of DESIGN.md §7 (10,000 findings over 4 regions), run by hand:
/// <c>dotnet test -c Release --filter "FullyQualifiedName~ThroughputProbe"</c>. The benchmark proper lives in the sandbox.
/// </summary>
[TestFixture]
[Explicit("Throughput measurement; run by hand in Release")]
[Category("Long")]
public sealed class ThroughputProbe
{
    [Test]
    public async Task Ten_thousand_findings_over_four_regions()
    {
        const int PerRegion = 2500;
        await using var h = await PollerHarness.StartAsync("us-east-1,eu-west-1,ap-southeast-2,us-west-2", logLevel: LogLevel.Warning);
        var regions = new[] { "us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2" };
        for (var i = 0; i < regions.Length; i++) h.Seed(h.Detector(regions[i]), PerRegion, seed: 500 + i);
        var poller = h.NewPoller(o => o with { CheckpointSaveInterval = TimeSpan.FromSeconds(2) });
        var gdBefore = h.Gd.Calls.TotalFor("guardduty");

        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                using var self = Process.GetCurrentProcess();
                peak = Math.Max(peak, self.WorkingSet64);
                await Task.Delay(100);
            }
        });
        var first = await poller.RunCycleAsync();
        await sampling.CancelAsync();
        await sampler;
        var gdEscalation = h.Gd.Calls.TotalFor("guardduty") - gdBefore;

        var steady = await poller.RunCycleAsync();

        var total = PerRegion * regions.Length;
        first.Created.Should().Be(total);
        steady.Created.Should().Be(0);
        TestContext.Out.WriteLine($"escalation: {total} findings in {first.Duration.TotalSeconds:F2} s = {total / first.Duration.TotalSeconds:F0} findings/s; " +
                                  $"GuardDuty calls {gdEscalation} ({(double)gdEscalation / total:F3}/finding); SOAR calls {first.SoarCalls} ({(double)first.SoarCalls / total:F2}/incident); " +
                                  $"peak working set {peak / (1024 * 1024)} MB (test process incl. both emulators)");
        TestContext.Out.WriteLine($"steady state: {steady.Duration.TotalMilliseconds:F0} ms, {steady.GuardDutyCalls} GuardDuty calls, {steady.SoarCalls} SOAR calls, {steady.Unchanged} unchanged");
    }
}
