namespace Fn.AwsGuardDuty.Sandbox.Soar.Options;

/// <summary>One SOAR organization the emulator hosts (what <c>GET /rest/session</c> lists under <c>orgs</c>).</summary>
public sealed class SoarOrgOptions
{
    public int Id { get; set; } = 201;

    public string Name { get; set; } = "Sandbox Org";

    public string Uuid { get; set; } = "6c1f6b2e-9f1d-4a52-8c2e-000000000201";

    /// <summary>Matched by the client before <see cref="Uuid"/> and <see cref="Name"/> (soar-protocol §1.5).</summary>
    public string? CloudAccount { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>When false a resilient-circuits client never connects STOMP (soar-protocol §1.5).</summary>
    public bool ActionsFrameworkEnabled { get; set; } = true;
}
