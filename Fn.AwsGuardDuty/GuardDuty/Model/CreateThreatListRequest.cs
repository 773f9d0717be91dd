namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>CreateIPSet / CreateThreatIntelSet.</summary>
public sealed record CreateThreatListRequest(string Name, string Format, string Location, bool Activate)
{
    /// <summary>Idempotency token; a new UUID is sent when null (as the SDKs do).</summary>
    public string? ClientToken { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public string? ExpectedBucketOwner { get; init; }
}
