using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Refresh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>Registers every SOAR function of the app as an <see cref="IFunctionHandler"/> for the listener's registry.</summary>
public static class FunctionsRegistration
{
    /// <summary>
    /// Adds the handlers (singletons: they hold no per-call state) in the order the customization lists the functions:
    /// the export generator reads each handler's <see cref="ICustomizedFunction.Customization"/> from this registration.
    /// They take <c>GuardDutyClientFactory</c>,
    /// <c>SoarClient</c>, <see cref="FindingMapper"/> and <c>ILogger&lt;T&gt;</c> from DI. A <see cref="TimeProvider"/>
    /// (system clock) and a <see cref="FindingMapper"/> with default options are added unless already registered.
    /// </summary>
    public static IServiceCollection AddGuardDutyFunctions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FindingMapper(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IncidentRefresher>();
        services.TryAddSingleton<SequenceLinking>();

        services.AddSingleton<IFunctionHandler, ArchiveFindingFunction>();
        services.AddSingleton<IFunctionHandler, RefreshFindingFunction>();
        services.AddSingleton<IFunctionHandler, CreateIpSetFunction>();
        services.AddSingleton<IFunctionHandler, ListIpSetFunction>();
        services.AddSingleton<IFunctionHandler, GetIpSetFunction>();
        services.AddSingleton<IFunctionHandler, UpdateIpSetFunction>();
        services.AddSingleton<IFunctionHandler, DeleteIpSetFunction>();
        services.AddSingleton<IFunctionHandler, CreateThreatIntelSetFunction>();
        services.AddSingleton<IFunctionHandler, ListThreatIntelSetFunction>();
        services.AddSingleton<IFunctionHandler, GetThreatIntelSetFunction>();
        services.AddSingleton<IFunctionHandler, UpdateThreatIntelSetFunction>();
        services.AddSingleton<IFunctionHandler, DeleteThreatIntelSetFunction>();
        services.AddSingleton<IFunctionHandler, UnarchiveFindingFunction>();
        services.AddSingleton<IFunctionHandler, UpdateFindingsFeedbackFunction>();
        services.AddSingleton<IFunctionHandler, GetFindingsFunction>();
        services.AddSingleton<IFunctionHandler, ListFindingsFunction>();
        services.AddSingleton<IFunctionHandler, CreateSampleFindingsFunction>();
        services.AddSingleton<IFunctionHandler, CreateFilterFunction>();
        services.AddSingleton<IFunctionHandler, GetFilterFunction>();
        services.AddSingleton<IFunctionHandler, UpdateFilterFunction>();
        services.AddSingleton<IFunctionHandler, DeleteFilterFunction>();
        services.AddSingleton<IFunctionHandler, ListFiltersFunction>();
        services.AddSingleton<IFunctionHandler, GetDetectorFunction>();
        services.AddSingleton<IFunctionHandler, GetFindingsStatisticsFunction>();
        services.AddSingleton<IFunctionHandler, StartMalwareScanFunction>();
        services.AddSingleton<IFunctionHandler, GetMalwareScanFunction>();
        services.AddSingleton<IFunctionHandler, ScanS3ObjectFunction>();
        services.AddSingleton<IFunctionHandler, ListMembersFunction>();
        services.AddSingleton<IFunctionHandler, ListCoverageFunction>();
        services.AddSingleton<IFunctionHandler, GetCoverageStatisticsFunction>();
        services.AddSingleton<IFunctionHandler, CreateThreatEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, ListThreatEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, GetThreatEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, UpdateThreatEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, DeleteThreatEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, CreateTrustedEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, ListTrustedEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, GetTrustedEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, UpdateTrustedEntitySetFunction>();
        services.AddSingleton<IFunctionHandler, DeleteTrustedEntitySetFunction>();
        return services;
    }
}
