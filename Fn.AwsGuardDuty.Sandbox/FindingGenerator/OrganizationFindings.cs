using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>What <see cref="OrganizationFindingGenerator"/> made: per account its detector and findings (wire form).</summary>
public sealed record OrganizationFindings(string AdministratorAccountId, string Region, IReadOnlyList<AccountFindings> Accounts)
{
    public IEnumerable<JObject> AllFindings => Accounts.SelectMany(a => a.Findings.Concat(a.Sequences));

    public IEnumerable<string> MemberAccountIds => Accounts.Select(a => a.AccountId).Where(id => id != AdministratorAccountId);
}

/// <summary>One account's detector id, its ordinary findings and the attack sequences built on them.</summary>
public sealed record AccountFindings(string AccountId, string DetectorId, IReadOnlyList<JObject> Findings, IReadOnlyList<JObject> Sequences);
