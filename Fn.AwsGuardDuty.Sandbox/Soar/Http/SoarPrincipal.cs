using Fn.AwsGuardDuty.Sandbox.Soar.Options;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>Who made a request: an API key or a logged-in user, and the orgs it belongs to.</summary>
internal sealed record SoarPrincipal(SoarApiKeyOptions? ApiKey, SoarUserOptions? User, IReadOnlySet<int> OrgIds)
{
    public int? UserId => User?.UserId;

    public int CreatorId => User?.UserId ?? ApiKey?.Handle ?? 0;

    public string DisplayName => User is not null ? $"{User.FirstName} {User.LastName}" : ApiKey?.Name ?? "";
}
