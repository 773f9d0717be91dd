namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>IPSets and ThreatIntelSets share one shape; this holds the names that differ on the wire.</summary>
public sealed class ThreatListKind
{
    public static readonly ThreatListKind IpSet = new("IPSet", "ipset", "ipSetId", "ipSetIds");

    public static readonly ThreatListKind ThreatIntelSet = new("ThreatIntelSet", "threatintelset", "threatIntelSetId", "threatIntelSetIds");

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

    public override string ToString() => Name;
}
