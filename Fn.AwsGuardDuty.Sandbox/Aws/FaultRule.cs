namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// One fault: what it does, when it fires, and which calls it applies to. A null filter matches everything;
/// <see cref="Service"/> is the signing name (<c>guardduty</c>, <c>ec2</c>), <see cref="Operation"/> the API name.
/// </summary>
public sealed record FaultRule(FaultKind Kind, FaultTrigger Trigger)
{
    public string? Service { get; init; }

    public string? Operation { get; init; }

    public string? Region { get; init; }

    public string? AccountId { get; init; }

    public bool AppliesTo(string service, string operation, string region, string accountId) =>
        Matches(Service, service) && Matches(Operation, operation) && Matches(Region, region) && Matches(AccountId, accountId);

    private static bool Matches(string? filter, string value) =>
        filter is null || string.Equals(filter, value, StringComparison.Ordinal);
}
