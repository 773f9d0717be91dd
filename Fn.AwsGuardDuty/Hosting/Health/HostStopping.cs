using Microsoft.Extensions.Hosting;

namespace Fn.AwsGuardDuty.Hosting.Health;

/// <summary>Whether the host is shutting down: a loop that ends then ended on purpose, not because it died.</summary>
public sealed class HostStopping(IHostApplicationLifetime lifetime)
{
    public bool IsStopping => lifetime.ApplicationStopping.IsCancellationRequested;
}
