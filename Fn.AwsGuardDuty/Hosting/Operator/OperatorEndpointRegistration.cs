using System.Runtime.CompilerServices;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting.Operator;

public static class OperatorEndpointRegistration
{
    /// <summary>
    /// The operator endpoint (<see cref="OperatorEndpointService"/>) and its <see cref="PrometheusExport"/>, only when
    /// <c>aws_gd_metrics_listen</c> is set; nothing otherwise. The <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
    /// whose instruments are exported is the host's.
    /// </summary>
    public static IServiceCollection AddOperatorEndpoint(this IServiceCollection services, ListenAddress? address)
    {
        ArgumentNullException.ThrowIfNull(services);
        return address is null ? services : AddEndpoint(services, address);
    }

    // Apart, and never inlined, so that compiling AddOperatorEndpoint does not load the endpoint's types (prometheus-net,
    // HttpListener) when the key is not set.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IServiceCollection AddEndpoint(IServiceCollection services, ListenAddress address)
    {
        services.AddMetrics();
        services.AddSingleton(sp => new PrometheusExport(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<ILogger<PrometheusExport>>()));
        services.AddHostedService(sp => new OperatorEndpointService(address, sp.GetRequiredService<HealthModel>(),
            sp.GetRequiredService<PrometheusExport>(), sp.GetRequiredService<ILogger<OperatorEndpointService>>()));
        return services;
    }
}
