namespace Fn.AwsGuardDuty.GuardDuty.Model;

/// <summary>UpdateIPSet / UpdateThreatIntelSet: only the members that are set are sent.</summary>
public sealed record UpdateThreatListRequest
{
    public string? Name { get; init; }

    public string? Location { get; init; }

    public bool? Activate { get; init; }

    public string? ExpectedBucketOwner { get; init; }
}
