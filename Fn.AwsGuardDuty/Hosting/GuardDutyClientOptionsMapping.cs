using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.GuardDuty;

namespace Fn.AwsGuardDuty.Hosting;

/// <summary><c>[fn_aws_guardduty]</c> → <see cref="GuardDutyClientOptions"/>, each key onto the property of the same meaning.</summary>
public static class GuardDutyClientOptionsMapping
{
    /// <summary>GuardDutyClientOptions allows at most this many attempts per call.</summary>
    public const int MaxAttempts = 20;

    /// <summary>The smallest bound for one call, all attempts included.</summary>
    public static readonly TimeSpan MinimumTotalDeadline = TimeSpan.FromSeconds(60);

    public static GuardDutyClientOptions From(GuardDutyOptions guardDuty)
    {
        ArgumentNullException.ThrowIfNull(guardDuty);
        return new GuardDutyClientOptions
        {
            AccessKeyId = guardDuty.AccessKeyId,
            SecretAccessKey = guardDuty.SecretAccessKey?.Reveal(),
            SessionToken = guardDuty.SessionToken?.Reveal(),
            Profile = guardDuty.Profile,
            RoleArn = guardDuty.RoleArn,
            RoleExternalId = guardDuty.RoleExternalId,
            RoleSessionName = guardDuty.RoleSessionName,
            StsEndpointUrl = guardDuty.StsEndpointUrl,
            UseFips = guardDuty.UseFips,
            EndpointUrl = guardDuty.EndpointUrl,
            Ec2EndpointUrl = guardDuty.Ec2EndpointUrl,
            MasterRegion = guardDuty.MasterRegion,
            Regions = guardDuty.Regions ?? RegionFilter.All,
            RegionsInterval = guardDuty.RegionsInterval,
            RegionDiscoveryConcurrency = guardDuty.MaxConcurrentRegions,
            HttpsProxy = ProxyMapping.ToWebProxy(guardDuty.HttpsProxy),
            HttpProxy = ProxyMapping.ToWebProxy(guardDuty.HttpProxy),
            // aws_gd_max_retries (or AWS_MAX_ATTEMPTS - 1, resolved by the configuration) counts the attempts after the first.
            MaxAttempts = Math.Min(MaxAttempts, guardDuty.MaxRetries + 1),
            RetryMode = guardDuty.RetryMode,
            CaBundle = guardDuty.CaBundle,
            PerTryTimeout = guardDuty.RequestTimeout,
            TotalDeadline = guardDuty.RequestTimeout * 2 > MinimumTotalDeadline ? guardDuty.RequestTimeout * 2 : MinimumTotalDeadline,
        };
    }
}
