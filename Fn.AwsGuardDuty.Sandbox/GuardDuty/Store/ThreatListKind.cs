namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>
/// IPSets, ThreatIntelSets and the entity sets (ThreatEntitySet, TrustedEntitySet) share one shape; this holds the
/// names that differ on the wire, and whether the list is a trusted one (one per detector, as IPSets).
/// </summary>
public sealed class ThreatListKind
{
    public static readonly ThreatListKind IpSet = new("IPSet", "ipset", "ipSetId", "ipSetIds");

    public static readonly ThreatListKind ThreatIntelSet = new("ThreatIntelSet", "threatintelset", "threatIntelSetId", "threatIntelSetIds");

    public static readonly ThreatListKind ThreatEntitySet = new("ThreatEntitySet", "threatentityset", "threatEntitySetId", "threatEntitySetIds");

    public static readonly ThreatListKind TrustedEntitySet = new("TrustedEntitySet", "trustedentityset", "trustedEntitySetId", "trustedEntitySetIds");

    public static IReadOnlyList<ThreatListKind> All { get; } = [IpSet, ThreatIntelSet, ThreatEntitySet, TrustedEntitySet];

    private ThreatListKind(string name, string pathSegment, string idMember, string listMember)
    {
        Name = name;
        PathSegment = pathSegment;
        IdMember = idMember;
        ListMember = listMember;
    }

    /// <summary>As in operation names: <c>IPSet</c> or <c>ThreatIntelSet</c>.</summary>
    public string Name { get; }

    public string PathSegment { get; }

    public string IdMember { get; }

    public string ListMember { get; }

    /// <summary>Trusted lists (IPSet, TrustedEntitySet) share the IPSet limit; the others the ThreatIntelSet limit.</summary>
    public bool IsTrusted => this == IpSet || this == TrustedEntitySet;

    /// <summary>The entity sets have createdAt, updatedAt and errorDetails; the classic lists do not.</summary>
    public bool IsEntitySet => this == ThreatEntitySet || this == TrustedEntitySet;

    public override string ToString() => Name;
}
