using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary>
/// <c>[resilient]</c> and the org id from the SOAR login → <see cref="FunctionListenerOptions"/>: the destination
/// (<c>[fn_aws_guardduty] message_destination</c>), num_workers, stomp_prefetch_limit, and the package name and
/// version the results envelope reports (the executable's).
/// </summary>
public static class FunctionListenerOptionsMapping
{
    /// <summary>metrics.package in every results envelope (IBM's app reports its distribution name).</summary>
    public const string PackageName = "fn-aws-guardduty";

    public static FunctionListenerOptions From(ResilientOptions resilient, int orgId)
    {
        ArgumentNullException.ThrowIfNull(resilient);
        return new FunctionListenerOptions
        {
            OrgId = orgId,
            Destination = resilient.Destination,
            NumWorkers = resilient.NumWorkers,
            PrefetchLimit = resilient.StompPrefetchLimit,
            PackageName = PackageName,
            PackageVersion = AppVersion.Current,
        };
    }
}
