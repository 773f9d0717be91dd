namespace Fn.AwsGuardDuty.Soar;

/// <summary>What the login told us: the selected org and who we are (customize grants destinations to these).</summary>
public sealed record SoarSession(
    SoarAuthMode AuthMode,
    SoarOrg Org,
    bool ActionsFrameworkEnabled,
    long? ApiKeyHandle,
    long? UserId,
    IReadOnlyList<SoarOrg> Orgs)
{
    public long OrgId => Org.Id;
}
