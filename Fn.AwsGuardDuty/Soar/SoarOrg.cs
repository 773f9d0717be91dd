namespace Fn.AwsGuardDuty.Soar;

/// <summary>One entry of the session's <c>orgs[]</c>.</summary>
public sealed record SoarOrg(long Id, string Name, string? Uuid, string? CloudAccount, bool Enabled)
{
    public override string ToString() => $"{Name} (id {Id}{(Enabled ? "" : ", disabled")})";
}
