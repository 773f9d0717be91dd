using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Fn.AwsGuardDuty.Metrics;
using Fn.AwsGuardDuty.Tests.Sandbox.TryIt;

namespace Fn.AwsGuardDuty.Tests.Metrics;

/// <summary>
/// Issue 16's "done when": during the sandbox demo the metrics count what the demo's summary reports. The demo runs the
/// real app through its command line, so the listener here is on the meter's name, and the test checks that one app
/// (one meter scope) recorded everything it read.
/// </summary>
[NonParallelizable]
public sealed class DemoMetricsTests
{
    [Test]
    [CancelAfter(150_000)]
    public async Task The_counts_equal_the_demo_summary(CancellationToken cancellationToken)
    {
        var counts = new ConcurrentDictionary<(string Instrument, string? Function), long>();
        var scopes = new ConcurrentDictionary<object, byte>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name != MetricNames.Meter) return;
            if (instrument.Meter.Scope is { } scope) scopes.TryAdd(scope, 0);
            l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? function = null;
            foreach (var tag in tags)
                if (tag.Key == "function") function = tag.Value as string;
            counts.AddOrUpdate((instrument.Name, function), value, (_, n) => n + value);
        });
        listener.Start();
        using var folder = new TryItFolder();
        var console = new TestConsole();
        var command = folder.DemoCommand(console);

        var code = await command.RunAsync(cancellationToken);

        code.Should().Be(0, console.Text);
        scopes.Should().ContainSingle("one app ran, on its host's meter factory");
        var summary = command.Summary!;
        summary.IncidentsCreated.Should().BePositive();
        Total(counts, MetricNames.IncidentsCreated).Should().Be(summary.IncidentsCreated);
        Total(counts, MetricNames.IncidentsClosed).Should().Be(summary.ClosedByPoller, "an analyst's close is not the app's");
        Total(counts, MetricNames.RefreshTriggered).Should().Be(summary.IncidentsRefreshed, "each trigger ran the refresh playbook once");
        summary.Functions.Should().NotBeEmpty();
        foreach (var function in summary.Functions)
            counts.GetValueOrDefault((MetricNames.FunctionCalls, function.Function)).Should().Be(function.Calls, function.Function);
        Total(counts, MetricNames.FunctionCalls).Should().Be(summary.FunctionCalls);
        Total(counts, MetricNames.PollCycles).Should().BeGreaterThanOrEqualTo(summary.PollCycles - 1, "a cycle may still run when the summary is taken")
            .And.BeLessThanOrEqualTo(summary.PollCycles + 1);
    }

    private static long Total(ConcurrentDictionary<(string Instrument, string? Function), long> counts, string instrument) =>
        counts.Where(kv => kv.Key.Instrument == instrument).Sum(kv => kv.Value);
}
