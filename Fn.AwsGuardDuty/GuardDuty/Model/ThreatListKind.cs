namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>The list resources with the same five operations: trusted IP sets, threat intel sets and the entity sets.</summary>
public enum ThreatListKind
{
    /// <summary><c>/detector/{id}/ipset</c>, ids in <c>ipSetIds</c>/<c>ipSetId</c>.</summary>
    IpSet,

    /// <summary><c>/detector/{id}/threatintelset</c>, ids in <c>threatIntelSetIds</c>/<c>threatIntelSetId</c>.</summary>
    ThreatIntelSet,

    /// <summary><c>/detector/{id}/threatentityset</c>: known-malicious IPs and domains.</summary>
    ThreatEntitySet,

    /// <summary><c>/detector/{id}/trustedentityset</c>: trusted IPs and domains.</summary>
    TrustedEntitySet,
}
