using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Fn.AwsGuardDuty.Hosting.Operator;

/// <summary>
/// The Prometheus text (format 0.0.4) of every instrument made from this host's <see cref="IMeterFactory"/>, so two app
/// hosts in one process never mix their series. prometheus-net writes the text from a registry of our own, fed by the
/// <see cref="MeterBridge"/>; its process-wide default registry (with its default collectors) is never collected.
/// </summary>
public sealed class PrometheusExport : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly CollectorRegistry _registry;
    private readonly MeterBridge _bridge;

    public PrometheusExport(IMeterFactory meters, ILogger<PrometheusExport> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _registry = Metrics.NewCustomRegistry();
        _bridge = new MeterBridge(meters, _registry, logger);
    }

    public Task WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        _bridge.Observe();
        return _registry.CollectAndExportAsTextAsync(output, cancellationToken);
    }

    public void Dispose() => _bridge.Dispose();
}
