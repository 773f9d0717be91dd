namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>Wire names of the IPSet, ThreatIntelSet and entity-set operations, which otherwise behave the same.</summary>
internal sealed record ThreatListNames(
    string Segment, string IdsMember, string IdMember,
    string ListOperation, string GetOperation, string CreateOperation, string UpdateOperation, string DeleteOperation)
{
    private static readonly ThreatListNames IpSet = new("/ipset", "ipSetIds", "ipSetId",
        "ListIPSets", "GetIPSet", "CreateIPSet", "UpdateIPSet", "DeleteIPSet");

    private static readonly ThreatListNames ThreatIntelSet = new("/threatintelset", "threatIntelSetIds", "threatIntelSetId",
        "ListThreatIntelSets", "GetThreatIntelSet", "CreateThreatIntelSet", "UpdateThreatIntelSet", "DeleteThreatIntelSet");

    private static readonly ThreatListNames ThreatEntitySet = new("/threatentityset", "threatEntitySetIds", "threatEntitySetId",
        "ListThreatEntitySets", "GetThreatEntitySet", "CreateThreatEntitySet", "UpdateThreatEntitySet", "DeleteThreatEntitySet");

    private static readonly ThreatListNames TrustedEntitySet = new("/trustedentityset", "trustedEntitySetIds", "trustedEntitySetId",
        "ListTrustedEntitySets", "GetTrustedEntitySet", "CreateTrustedEntitySet", "UpdateTrustedEntitySet", "DeleteTrustedEntitySet");

    public static ThreatListNames Of(ThreatListKind kind) => kind switch
    {
        ThreatListKind.IpSet => IpSet,
        ThreatListKind.ThreatIntelSet => ThreatIntelSet,
        ThreatListKind.ThreatEntitySet => ThreatEntitySet,
        ThreatListKind.TrustedEntitySet => TrustedEntitySet,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
