using System.Diagnostics.Metrics;
using Prometheus;

namespace Fn.AwsGuardDuty.Hosting.Operator;

/// <summary>
/// The Prometheus text of every instrument made from this host's <see cref="IMeterFactory"/> (the meters' scope), so
/// two app hosts in one process never mix their series. prometheus-net's <see cref="MeterAdapter"/> listens to them
/// into a registry of our own; its process-wide default registry (with its default collectors) is never collected.
/// Instrument names are already Prometheus names (fn_aws_guardduty_…_total, …_seconds) and are exported as they are.
/// </summary>
public sealed class PrometheusExport : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly CollectorRegistry _registry;
    private readonly IDisposable _adapter;

    public PrometheusExport(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _registry = Metrics.NewCustomRegistry();
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            InstrumentFilterPredicate = instrument => ReferenceEquals(instrument.Meter.Scope, meters),
            Registry = _registry,
            MetricFactory = Metrics.WithCustomRegistry(_registry),
        });
    }

    public Task WriteAsync(Stream output, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    public void Dispose() => _adapter.Dispose();
}
