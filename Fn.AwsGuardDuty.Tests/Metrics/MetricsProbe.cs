using System.Diagnostics.Metrics;
using Fn.AwsGuardDuty.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Fn.AwsGuardDuty.Tests.Metrics;

/// <summary>
/// Collects every series of one app: <see cref="MetricCollector{T}"/>s on the app's own <see cref="IMeterFactory"/>
/// (another app in the same test process is not seen). Counters add up what was recorded since the probe started;
/// the observable call counters report the clients' totals at the moment they are read.
/// </summary>
internal sealed class MetricsProbe : IDisposable
{
    private static readonly string[] Histograms = [MetricNames.FunctionDuration, MetricNames.PollCycleDuration, MetricNames.PushEventToIncident];
    private static readonly string[] Observed = [MetricNames.SoarCalls, MetricNames.AwsCalls];

    private readonly Dictionary<string, MetricCollector<long>> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricCollector<double>> _histograms = new(StringComparer.Ordinal);

    public MetricsProbe(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        // The instruments are made with the app's AppMetrics; a collector made earlier is told of them when they are.
        _ = services.GetRequiredService<AppMetrics>();
        foreach (var name in MetricNames.All)
        {
            if (Histograms.Contains(name)) _histograms[name] = new MetricCollector<double>(factory, MetricNames.Meter, name);
            else _counters[name] = new MetricCollector<long>(factory, MetricNames.Meter, name);
        }
    }

    /// <summary>The sum of a counter's measurements that carry every tag given (name, value, name, value...).</summary>
    public long Count(string instrument, params string[] tags)
    {
        var collector = _counters[instrument];
        if (Observed.Contains(instrument))
        {
            collector.Clear();
            collector.RecordObservableInstruments();
        }

        return collector.GetMeasurementSnapshot().Where(m => Matches(m.Tags, tags)).Sum(m => m.Value);
    }

    /// <summary>The values a histogram recorded with every tag given.</summary>
    public IReadOnlyList<double> Recorded(string instrument, params string[] tags) =>
        _histograms[instrument].GetMeasurementSnapshot().Where(m => Matches(m.Tags, tags)).Select(m => m.Value).ToList();

    /// <summary>Every tag set a counter was seen with, for a failure message.</summary>
    public string Describe(string instrument) =>
        string.Join("; ", _counters[instrument].GetMeasurementSnapshot()
            .Select(m => string.Join(",", m.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + $" +{m.Value}"));

    public void Dispose()
    {
        foreach (var collector in _counters.Values) collector.Dispose();
        foreach (var collector in _histograms.Values) collector.Dispose();
    }

    private static bool Matches(IReadOnlyDictionary<string, object?> actual, string[] tags)
    {
        for (var i = 0; i + 1 < tags.Length; i += 2)
        {
            if (!actual.TryGetValue(tags[i], out var value) || !Equals(value as string, tags[i + 1])) return false;
        }

        return true;
    }
}
