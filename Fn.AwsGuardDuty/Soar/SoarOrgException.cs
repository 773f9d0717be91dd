namespace Fn.AwsGuardDuty.Soar;

/// <summary>The configured org is not set, not one of the user's orgs, or not enabled. Lists the orgs the user has.</summary>
public sealed class SoarOrgException : SoarException
{
    public SoarOrgException(string message, IReadOnlyList<SoarOrg> availableOrgs)
        : base(message)
    {
        AvailableOrgs = availableOrgs;
    }

    public IReadOnlyList<SoarOrg> AvailableOrgs { get; }
}
