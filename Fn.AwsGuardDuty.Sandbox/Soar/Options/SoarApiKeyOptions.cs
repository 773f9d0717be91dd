namespace Fn.AwsGuardDuty.Sandbox.Soar.Options;

/// <summary>An API key principal: Basic <c>Id:Secret</c> on every request (soar-protocol §6.1).</summary>
public sealed class SoarApiKeyOptions
{
    public string Id { get; set; } = "sandbox-api-key-id";

    public string Secret { get; set; } = "sandbox-api-key-secret";

    /// <summary>The handle SOAR returns as <c>api_key_handle</c> and stores in a destination's <c>api_keys</c>.</summary>
    public int Handle { get; set; } = 9;

    public string Name { get; set; } = "sandbox-app";

    /// <summary>Orgs this key belongs to; empty means every configured org.</summary>
    public IList<int> OrgIds { get; set; } = [];

    public override string ToString() => $"api key {Id} (handle {Handle})";
}
