namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>The two list resources with the same five operations: trusted IP sets and threat intel sets.</summary>
public enum ThreatListKind
{
    /// <summary><c>/detector/{id}/ipset</c>, ids in <c>ipSetIds</c>/<c>ipSetId</c>.</summary>
    IpSet,

    /// <summary><c>/detector/{id}/threatintelset</c>, ids in <c>threatIntelSetIds</c>/<c>threatIntelSetId</c>.</summary>
    ThreatIntelSet,
}
