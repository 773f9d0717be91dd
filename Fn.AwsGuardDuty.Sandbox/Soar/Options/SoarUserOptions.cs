namespace Fn.AwsGuardDuty.Sandbox.Soar.Options;

/// <summary>An email/password principal that logs in with <c>POST /rest/session</c> (soar-protocol §6.1).</summary>
public sealed class SoarUserOptions
{
    public string Email { get; set; } = "admin@example.com";

    public string Password { get; set; } = "sandbox-password";

    public int UserId { get; set; } = 3;

    public string FirstName { get; set; } = "Sandbox";

    public string LastName { get; set; } = "Admin";

    /// <summary>Orgs this user belongs to; empty means every configured org.</summary>
    public IList<int> OrgIds { get; set; } = [];

    public override string ToString() => $"user {Email} (id {UserId})";
}
