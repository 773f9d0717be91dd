using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Fn.AwsGuardDuty.Hosting.Operator;

/// <summary>
/// Feeds every instrument made from one <see cref="IMeterFactory"/> (its meters' scope) into prometheus-net metrics of
/// one registry, under the instrument's own name: Counter and ObservableCounter → counter; UpDownCounter, Gauge and the
/// observable gauges → gauge; Histogram → histogram (the instrument's bucket advice, else Prometheus's default buckets).
/// Tags become labels; the label names are those of an instrument's first measurement (a later measurement lacking one
/// gets an empty value, extra tags are dropped), since a Prometheus metric has one fixed label set.
/// prometheus-net's own <see cref="MeterAdapter"/> is not used: it prefixes the meter name to every series and exports
/// counters as gauges.
/// </summary>
internal sealed class MeterBridge : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IMetricFactory _factory;
    private readonly ILogger _logger;

    public MeterBridge(IMeterFactory meters, CollectorRegistry registry, ILogger logger)
    {
        _factory = Metrics.WithCustomRegistry(registry);
        _logger = logger;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters)) listener.EnableMeasurementEvents(instrument, new Series(instrument, this));
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, state) => Record(state, (double)v, tags));
        _listener.Start();
    }

    /// <summary>Asks the observable instruments for their values; call before each scrape.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => (state as Series)?.Record(value, tags);

    /// <summary>One instrument's prometheus-net metric, made at its first measurement (when its label names are known).</summary>
    private sealed class Series(Instrument instrument, MeterBridge bridge)
    {
        private readonly Lock _gate = new();
        private string[]? _labels;
        private object? _metric;
        private bool _broken;

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (Volatile.Read(ref _metric) is null && !Create(tags)) return;
            var values = new string[_labels!.Length];
            for (var i = 0; i < values.Length; i++) values[i] = "";
            foreach (var (key, tag) in tags)
            {
                var index = Array.IndexOf(_labels, key);
                if (index >= 0) values[index] = Convert.ToString(tag, CultureInfo.InvariantCulture) ?? "";
            }

            switch (_metric)
            {
                case Counter counter when instrument.IsObservable:
                    Child(counter, values).IncTo(value);
                    break;
                case Counter counter when value >= 0:
                    Child(counter, values).Inc(value);
                    break;
                case Gauge gauge when Is(instrument, typeof(UpDownCounter<>)):
                    Child(gauge, values).Inc(value);
                    break;
                case Gauge gauge:
                    Child(gauge, values).Set(value);
                    break;
                case Histogram histogram:
                    Child(histogram, values).Observe(value);
                    break;
            }
        }

        private static TChild Child<TChild>(Collector<TChild> metric, string[] values) where TChild : ChildBase => metric.WithLabels(values);

        private bool Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (_gate)
            {
                if (_metric is not null) return true;
                if (_broken) return false;
                var labels = new string[tags.Length];
                for (var i = 0; i < tags.Length; i++) labels[i] = tags[i].Key;
                var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
                try
                {
                    object metric = instrument switch
                    {
                        _ when Is(instrument, typeof(Histogram<>)) => bridge._factory.CreateHistogram(instrument.Name, help, labels,
                            new HistogramConfiguration { Buckets = BucketsOf(instrument) }),
                        _ when Is(instrument, typeof(Counter<>), typeof(ObservableCounter<>)) => bridge._factory.CreateCounter(instrument.Name, help, labels),
                        _ => bridge._factory.CreateGauge(instrument.Name, help, labels),
                    };
                    _labels = labels;
                    Volatile.Write(ref _metric, metric);
                    return true;
                }
                catch (ArgumentException e)
                {
                    _broken = true;
                    bridge._logger.LogWarning("/metrics: instrument {Name} cannot be exported: {Error}", instrument.Name, e.Message);
                    return false;
                }
            }
        }

        private static bool Is(Instrument instrument, params Type[] definitions) =>
            instrument.GetType() is { IsGenericType: true } type && definitions.Contains(type.GetGenericTypeDefinition());

        private static double[]? BucketsOf(Instrument instrument) => instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advice } => [.. advice],
            Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } advice } => [.. advice.Select(b => (double)b)],
            Histogram<int> { Advice.HistogramBucketBoundaries: { Count: > 0 } advice } => [.. advice.Select(b => (double)b)],
            _ => null,
        };
    }
}
