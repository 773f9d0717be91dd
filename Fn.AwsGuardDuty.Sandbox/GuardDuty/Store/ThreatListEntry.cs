namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>One IPSet, ThreatIntelSet, ThreatEntitySet or TrustedEntitySet.</summary>
public sealed class ThreatListEntry(string id, long sequence)
{
    public string Id { get; } = id;

    public long Sequence { get; } = sequence;

    public required string Name { get; set; }

    public required string Format { get; init; }

    public required string Location { get; set; }

    public required string Status { get; set; }

    public string? ExpectedBucketOwner { get; set; }

    public string? ClientToken { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ThreatListEntry Copy() => new(Id, Sequence)
    {
        Name = Name,
        Format = Format,
        Location = Location,
        Status = Status,
        ExpectedBucketOwner = ExpectedBucketOwner,
        ClientToken = ClientToken,
        Tags = new Dictionary<string, string>(Tags),
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
